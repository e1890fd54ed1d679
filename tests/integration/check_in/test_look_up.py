"""Look up first, save the visit right after, as the check-in page does (`look_up` then
`record_visit`, where `check_in` does both in one transaction).
"""

from datetime import timedelta

import pytest

from services.core.actor import Actor
from services.core.errors import PermissionDenied, StateError
from services.members.accounts import deactivate_member
from services.members.check_in import CheckIn, look_up, member_card, record_visit
from tests.integration.check_in.helpers import MORNING, register, scan, written

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
