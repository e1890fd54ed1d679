"""Checking a member in by mobile, member number, last four digits or name, and the card shown.

The card describes the member as the counter found them: it is read before the visit is
saved (`look_up` then `record_visit` at the counter, or `check_in` in one transaction), so
its recent visits and today's count are the visits before this one.
"""

import json
from datetime import UTC, datetime, timedelta
from functools import partial

import pytest

from services.core.actor import Actor
from services.core.errors import NotFoundError, PermissionDenied, StateError
from services.members.accounts import (
    CANDIDATE_LIMIT,
    RECENT_VISITS,
    CheckIn,
    check_in,
    check_in_member,
    deactivate_member,
    look_up,
    member_card,
    record_visit,
)
from tests.conftest import STORE_NAME
from tests.factories import register as factories_register

# These tests' members were born in May.
register = partial(factories_register, month=5)

# 2 March 2026, 10:00 in Shanghai (UTC+8): a plain morning at the counter.
MORNING = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)


def scan(counter, text, now=None, actor=None) -> CheckIn:
    return check_in(
        counter.runtime.writer(), actor or counter.manager, now or counter.runtime.now(), text
    )


def pick(counter, member_id, source, now=None, actor=None):
    return check_in_member(
        counter.runtime.writer(),
        actor or counter.manager,
        now or counter.runtime.now(),
        member_id,
        source,
    )


def written(db) -> tuple[int, int]:
    return db.count("visit"), db.count("outbox")


# --- finding the member ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed", ["13800138000", "+86 138-0013-8000", "１３８００１３８０００", " 138 0013 8000\n"]
)
def test_by_mobile(counter, db, typed):
    member = register(counter)
    register(counter, name="别人", mobile="13900139000")
    visits, ops = written(db)
    result = scan(counter, typed)
    assert result.source == "mobile"
    assert result.candidates == ()
    assert result.card.id == member.id
    assert written(db) == (visits + 1, ops + 1)
    assert db.rows("SELECT member_id, source FROM visit") == [(member.id, "mobile")]


@pytest.mark.parametrize("typed", ["T001-1-000002", "t001-1-000002", " T001-1-000002 "])
def test_by_member_number(counter, db, typed):
    register(counter)
    second = register(counter, name="别人", mobile="13900139000")
    assert second.member_no == "T001-1-000002"
    result = scan(counter, typed)
    assert (result.source, result.card.id) == ("member_no", second.id)
    assert db.rows("SELECT member_id, source FROM visit") == [(second.id, "member_no")]


def test_by_unique_last_four(counter, db):
    register(counter, mobile="13800138000")
    member = register(counter, name="别人", mobile="13900131234")
    result = scan(counter, "1234")
    assert (result.source, result.card.id, result.candidates) == ("last4", member.id, ())
    assert db.rows("SELECT member_id, source FROM visit") == [(member.id, "last4")]


def test_shared_last_four_offers_a_choice(counter, db):
    first = register(counter, name="陈安娜", mobile="13800138000")
    second = register(counter, name="王芳", mobile="13900138000")
    register(counter, name="不相干", mobile="13700131111")
    visits, ops = written(db)
    result = scan(counter, "8000")
    assert result.card is None
    assert result.source == "last4"
    assert [(r.id, r.member_no, r.name, r.mobile_masked) for r in result.candidates] == [
        (first.id, "T001-1-000001", "陈安娜", "138****8000"),
        (second.id, "T001-1-000002", "王芳", "139****8000"),
    ]
    assert written(db) == (visits, ops)

    card = pick(counter, second.id, result.source)
    assert card.id == second.id
    assert written(db) == (visits + 1, ops + 1)
    assert db.rows("SELECT member_id, source FROM visit") == [(second.id, "last4")]


def test_by_name_prefix_offers_a_choice(counter, db):
    zhang_wei = register(counter, name="张伟", mobile="13800138001")
    zhang_san = register(counter, name="张三", mobile="13800138002")
    register(counter, name="李四", mobile="13800138003")
    visits, ops = written(db)
    result = scan(counter, "张")
    assert (result.card, result.source) == (None, "name")
    # Ordered by name, then member number.
    assert [r.id for r in result.candidates] == [zhang_san.id, zhang_wei.id]
    assert [r.sort_key for r in result.candidates] == [
        ("张三", zhang_san.member_no),
        ("张伟", zhang_wei.member_no),
    ]
    assert written(db) == (visits, ops)

    card = pick(counter, zhang_wei.id, "name")
    assert (card.id, card.name) == (zhang_wei.id, "张伟")
    assert db.rows("SELECT member_id, source FROM visit") == [(zhang_wei.id, "name")]
    assert written(db) == (visits + 1, ops + 1)


def test_unique_name_checks_in_at_once(counter, db):
    register(counter, name="张伟", mobile="13800138001")
    li = register(counter, name="李四", mobile="13800138003")
    result = scan(counter, "李")
    assert (result.source, result.card.id) == ("name", li.id)
    assert db.count("visit") == 1


def test_latin_name(counter):
    member = register(counter, name="Zhang San", mobile="13800138001")
    register(counter, name="Zhao Li", mobile="13800138002")
    assert scan(counter, "Zhang").card.id == member.id
    assert scan(counter, "Zhang San").card.id == member.id


def test_candidates_are_capped(counter, db):
    for i in range(CANDIDATE_LIMIT + 1):
        register(counter, name=f"张{i:02d}", mobile=f"1380000{i:04d}")
    result = scan(counter, "张")
    assert len(result.candidates) == CANDIDATE_LIMIT == 20
    assert [r.name for r in result.candidates] == [f"张{i:02d}" for i in range(20)]
    assert db.count("visit") == 0


@pytest.mark.parametrize(
    ("typed", "kind"),
    [("13700137000", "mobile"), ("7000", "last4"), ("T001-1-000009", "member_no"), ("赵", "name")],
)
def test_nobody_found(counter, db, typed, kind):
    register(counter)
    before = written(db)
    with pytest.raises(NotFoundError) as caught:
        scan(counter, typed)
    assert caught.value.code == "member.not_found"
    assert caught.value.params == {"kind": kind}
    assert written(db) == before


def test_deactivated_member_is_not_found_by_search(counter, db):
    member = register(counter)
    deactivate_member(
        counter.runtime.writer(), counter.manager, counter.runtime.now(), member.id, "会员注销"
    )
    before = written(db)
    for typed in ("13800138000", "8000", member.member_no, "陈"):
        with pytest.raises(NotFoundError) as caught:
            scan(counter, typed)
        assert caught.value.code == "member.not_found"
    with pytest.raises(StateError) as caught:
        pick(counter, member.id, "name")
    assert caught.value.code == "member.inactive"
    assert written(db) == before


def test_picking_an_unknown_member_refused(counter, db):
    register(counter)
    before = written(db)
    with pytest.raises(NotFoundError) as caught:
        pick(counter, "01900000-0000-7000-8000-000000000000", "name")
    assert caught.value.code == "member.not_found"
    assert written(db) == before


def test_unknown_role_may_not_check_in(counter, db):
    member = register(counter)
    stranger = Actor("x", "路人", "visitor", counter.identity.store_id, counter.identity.device_id)
    for attempt in (
        lambda: scan(counter, "13800138000", actor=stranger),
        lambda: pick(counter, member.id, "name", actor=stranger),
    ):
        with pytest.raises(PermissionDenied) as caught:
            attempt()
        assert caught.value.code == "auth.forbidden"
    assert db.count("visit") == 0


# --- who, where, when ------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["manager", "cashier", "event_staff"])
def test_visit_row_says_who_where_and_how(counter, db, role):
    actor = {
        "manager": lambda: counter.manager,
        "cashier": counter.make_cashier,
        "event_staff": counter.make_event_staff,
    }[role]()
    member = register(counter)
    result = scan(counter, "T001-1-000001", now=MORNING, actor=actor)
    assert result.card.id == member.id
    visit_id, *row = db.rows(
        "SELECT id, member_id, store_id, device_id, staff_id, source, at FROM visit"
    )[0]
    assert row == [
        member.id,
        counter.identity.store_id,
        counter.identity.device_id,
        actor.staff_id,
        "member_no",
        "2026-03-02 02:00:00.000000",
    ]
    op = db.rows(
        "SELECT op_type, payload, store_id, staff_id, state FROM outbox ORDER BY seq DESC LIMIT 1"
    )[0]
    assert op[0] == "member.visit"
    assert json.loads(op[1]) == {
        "visit_id": visit_id,
        "member_id": member.id,
        "source": "member_no",
        "at": MORNING.isoformat(),
    }
    assert op[2:] == (counter.identity.store_id, actor.staff_id, "pending")


# --- the card --------------------------------------------------------------------------------


def test_card_fields(counter):
    member = register(counter, name="陈安娜", mobile="13800138000", month=5)
    card = scan(counter, "13800138000", now=MORNING).card
    assert (card.id, card.member_no, card.name) == (member.id, "T001-1-000001", "陈安娜")
    assert card.mobile_masked == "138****8000"
    assert "13800138000" not in repr(card)
    assert (card.tier, card.points_balance, card.points_expiring) == ("bronze", 0, 0)
    assert card.points_expiring_on is None
    assert card.coupons == ()
    assert card.birthday_month is False
    assert card.at_risk is False
    assert card.recent_visits == ()
    assert card.visits_today == 0


@pytest.mark.parametrize(
    ("now", "may_birthday", "april_birthday"),
    [
        (datetime(2026, 4, 30, 15, 59, tzinfo=UTC), False, True),  # 30 April, 23:59 local
        (datetime(2026, 4, 30, 17, 0, tzinfo=UTC), True, False),  # 1 May, 01:00 local
        (datetime(2026, 5, 31, 15, 30, tzinfo=UTC), True, False),  # 31 May, 23:30 local
        (datetime(2026, 5, 31, 16, 30, tzinfo=UTC), False, False),  # 1 June, 00:30 local
    ],
)
def test_birthday_month_is_the_store_local_month(counter, now, may_birthday, april_birthday):
    may = register(counter, name="五月", mobile="13800138001", month=5, day=20)
    april = register(counter, name="四月", mobile="13800138002", month=4, day=20)
    assert scan(counter, may.member_no, now=now).card.birthday_month is may_birthday
    assert scan(counter, april.member_no, now=now).card.birthday_month is april_birthday


def test_at_risk_after_90_days_without_a_purchase(counter, db):
    member = register(counter)
    # Purchases arrive with the points ledger; set the last one directly.
    last = MORNING - timedelta(days=90)
    db.execute(
        "UPDATE member SET last_purchase_at = ? WHERE id = ?",
        last.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds"),
        member.id,
    )
    assert scan(counter, member.member_no, now=MORNING).card.at_risk is True
    assert scan(counter, member.member_no, now=MORNING - timedelta(days=1)).card.at_risk is False


def test_recent_visits_newest_first_without_the_one_just_made(counter):
    member = register(counter)
    times = [MORNING - timedelta(days=3), MORNING - timedelta(days=1), MORNING]
    cards = [scan(counter, member.member_no, now=t).card for t in times]
    assert cards[0].recent_visits == ()
    assert [v.at for v in cards[1].recent_visits] == [times[0]]
    assert [v.at for v in cards[2].recent_visits] == [times[1], times[0]]
    visit = cards[2].recent_visits[0]
    assert (visit.store_name, visit.counter_label) == (STORE_NAME, "1")


def test_recent_visits_are_the_last_five(counter):
    member = register(counter)
    times = [MORNING + timedelta(days=d) for d in range(RECENT_VISITS + 3)]
    for t in times[:-1]:
        scan(counter, member.member_no, now=t)
    card = scan(counter, member.member_no, now=times[-1]).card
    assert RECENT_VISITS == 5
    assert [v.at for v in card.recent_visits] == list(reversed(times[-6:-1]))


def test_recent_visits_are_the_members_own(counter):
    member = register(counter)
    other = register(counter, name="别人", mobile="13900139000")
    scan(counter, other.member_no, now=MORNING - timedelta(hours=1))
    card = scan(counter, member.member_no, now=MORNING).card
    assert card.recent_visits == ()
    assert card.visits_today == 0


def test_visits_today_counts_the_earlier_visits_of_the_day(counter):
    member = register(counter)
    scan(counter, member.member_no, now=MORNING - timedelta(days=1))
    first = scan(counter, member.member_no, now=MORNING).card
    assert first.visits_today == 0
    second = scan(counter, member.member_no, now=MORNING + timedelta(hours=2)).card
    assert second.visits_today == 1
    third = scan(counter, member.member_no, now=MORNING + timedelta(hours=4)).card
    assert third.visits_today == 2
    assert len(third.recent_visits) == 3
    next_day = scan(counter, member.member_no, now=MORNING + timedelta(days=1)).card
    assert next_day.visits_today == 0
    assert len(next_day.recent_visits) == 4


@pytest.mark.parametrize(
    ("earlier", "now", "expected"),
    [
        # 07:30 and 10:00 on 2 March in Shanghai: one local day, two UTC dates.
        (datetime(2026, 3, 1, 23, 30, tzinfo=UTC), datetime(2026, 3, 2, 2, 0, tzinfo=UTC), 1),
        # 23:30 on 1 March and 00:30 on 2 March in Shanghai: one UTC date, two local days.
        (datetime(2026, 3, 1, 15, 30, tzinfo=UTC), datetime(2026, 3, 1, 16, 30, tzinfo=UTC), 0),
    ],
)
def test_visits_today_is_the_store_local_day(counter, earlier, now, expected):
    member = register(counter)
    scan(counter, member.member_no, now=earlier)
    assert scan(counter, member.member_no, now=now).card.visits_today == expected


def test_visits_today_counts_more_than_five(counter):
    member = register(counter)
    for hour in range(7):
        scan(counter, member.member_no, now=MORNING + timedelta(hours=hour))
    card = scan(counter, member.member_no, now=MORNING + timedelta(hours=8)).card
    assert card.visits_today == 7


# --- look up first, save the visit right after (what the check-in page does) ----------------


def read(counter, text, now=None, actor=None) -> CheckIn:
    return look_up(
        counter.runtime.reader(), actor or counter.manager, now or counter.runtime.now(), text
    )


def save(counter, member_id, source, now=None, actor=None) -> None:
    record_visit(
        counter.runtime.writer(),
        actor or counter.manager,
        now or counter.runtime.now(),
        member_id,
        source,
    )


def test_look_up_writes_nothing(counter, db):
    member = register(counter)
    scan(counter, member.member_no, now=MORNING - timedelta(days=1))
    before = written(db)
    result = read(counter, "+86 138 0013 8000", now=MORNING)
    assert (result.source, result.card.id, result.candidates) == ("mobile", member.id, ())
    assert [v.at for v in result.card.recent_visits] == [MORNING - timedelta(days=1)]
    assert written(db) == before


def test_look_up_shows_the_card_check_in_returns(counter, db):
    member = register(counter)
    scan(counter, member.member_no, now=MORNING - timedelta(hours=1))
    looked = read(counter, member.member_no, now=MORNING)
    checked = scan(counter, member.member_no, now=MORNING)
    assert looked == checked
    assert looked.card.visits_today == 1


def test_record_visit_after_look_up(counter, db):
    member = register(counter)
    cashier = counter.make_cashier()
    visits, ops = written(db)
    result = read(counter, "8000", now=MORNING, actor=cashier)
    save(counter, result.card.id, result.source, now=MORNING, actor=cashier)
    assert written(db) == (visits + 1, ops + 1)
    assert db.rows("SELECT member_id, staff_id, source, at FROM visit") == [
        (member.id, cashier.staff_id, "last4", "2026-03-02 02:00:00.000000")
    ]
    assert db.scalar("SELECT op_type FROM outbox ORDER BY seq DESC LIMIT 1") == "member.visit"
    later = read(counter, "8000", now=MORNING + timedelta(hours=1)).card
    assert [v.at for v in later.recent_visits] == [MORNING]
    assert later.visits_today == 1


def test_member_card_for_a_picked_candidate_writes_nothing(counter, db):
    register(counter, name="张伟", mobile="13800138001")
    zhang_san = register(counter, name="张三", mobile="13800138002", month=3)
    result = read(counter, "张", now=MORNING)
    assert result.card is None and len(result.candidates) == 2
    before = written(db)
    card = member_card(counter.runtime.reader(), counter.manager, MORNING, result.candidates[0].id)
    assert (card.id, card.birthday_month, card.mobile_masked) == (
        zhang_san.id,
        True,
        "138****8002",
    )
    assert written(db) == before
    save(counter, card.id, result.source, now=MORNING)
    assert db.rows("SELECT member_id, source FROM visit") == [(zhang_san.id, "name")]


def test_record_visit_refused_for_a_member_deactivated_meanwhile(counter, db):
    member = register(counter)
    result = read(counter, member.member_no)
    deactivate_member(
        counter.runtime.writer(), counter.manager, counter.runtime.now(), member.id, "会员注销"
    )
    before = written(db)
    with pytest.raises(StateError) as caught:
        save(counter, result.card.id, result.source)
    assert caught.value.code == "member.inactive"
    assert written(db) == before


def test_look_up_and_record_need_the_check_in_permission(counter, db):
    member = register(counter)
    stranger = Actor("x", "路人", "visitor", counter.identity.store_id, counter.identity.device_id)
    for attempt in (
        lambda: read(counter, member.member_no, actor=stranger),
        lambda: save(counter, member.id, "member_no", actor=stranger),
        lambda: member_card(counter.runtime.reader(), stranger, counter.runtime.now(), member.id),
    ):
        with pytest.raises(PermissionDenied) as caught:
            attempt()
        assert caught.value.code == "auth.forbidden"
    assert db.count("visit") == 0
