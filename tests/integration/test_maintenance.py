"""The counter's own jobs: expiry and the once-a-quarter tier review."""

from sqlalchemy import select

from models.catalog import Member
from services import points
from services.core.maintenance import quarter_of, run_due_maintenance
from services.members import accounts as members
from services.members.accounts import NewMember


def tier_of(counter, member_id: str) -> str:
    with counter.runtime.reader() as uow:
        return uow.session.scalar(select(Member.tier).where(Member.id == member_id))


def test_quarter_is_the_store_local_one(counter):
    from datetime import UTC, datetime

    # 31 March 17:00 UTC is already 1 April in Shanghai: the second quarter.
    assert quarter_of(datetime(2026, 3, 31, 17, tzinfo=UTC), "Asia/Shanghai") == "2026Q2"
    assert quarter_of(datetime(2026, 3, 31, 15, tzinfo=UTC), "Asia/Shanghai") == "2026Q1"


def test_first_start_only_notes_the_quarter_then_a_new_quarter_reviews_tiers(counter, clock):
    rt = counter.runtime
    m = members.register_member(
        rt.writer(), counter.manager, clock.now(), NewMember("钱多多", "13511112222", 9, 9)
    )
    points.earn(rt.writer(), counter.manager, clock.now(), m.id, "Q-1", 300_000, {})
    assert tier_of(counter, m.id) == "silver"
    first = run_due_maintenance(rt.writer, clock.now())
    assert first.quarter_reviewed is None and first.tier_changes == 0
    again = run_due_maintenance(rt.writer, clock.now())
    assert again.quarter_reviewed is None  # same quarter: nothing to do
    clock.advance(days=400)  # the purchase left the 12-month window; a later quarter
    report = run_due_maintenance(rt.writer, clock.now())
    assert report.quarter_reviewed == quarter_of(clock.now(), "Asia/Shanghai")
    assert report.tier_changes == 1
    assert tier_of(counter, m.id) == "bronze"


def test_expiry_runs_with_maintenance(counter, clock):
    rt = counter.runtime
    m = members.register_member(
        rt.writer(), counter.manager, clock.now(), NewMember("孙悟空", "13522223333", 1, 1)
    )
    points.earn(rt.writer(), counter.manager, clock.now(), m.id, "E-1", 10_000, {})
    clock.advance(days=1000)
    report = run_due_maintenance(rt.writer, clock.now())
    assert report.members_expired == 1
    with rt.reader() as uow:
        assert uow.session.get(Member, m.id).points_balance == 0
