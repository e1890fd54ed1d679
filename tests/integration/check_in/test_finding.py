"""Checking a member in by mobile, member number, last four digits or name: who is found,
when a choice is offered, and who is refused.
"""

import pytest

from services.core.actor import Actor
from services.core.errors import NotFoundError, PermissionDenied, StateError
from services.members.accounts import deactivate_member
from services.members.check_in import CANDIDATE_LIMIT
from tests.integration.check_in.helpers import pick, register, scan, written

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
