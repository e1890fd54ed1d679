"""The member list: keyset pages, name search order, and editing a member."""

import itertools
import json
from functools import partial

import pytest

from services.core.errors import NotFoundError, StateError, ValidationError
from services.members.accounts import (
    NewMember,
    deactivate_member,
    member_code,
    member_details,
    update_member,
)
from services.members.check_in import check_in, list_members
from tests.factories import register as factories_register

# These tests' members were born in May.
register = partial(factories_register, month=5)

NAMES = ["张伟", "张三", "张", "李四", "王芳", "Zhang Wei", "张伟强"]
PAGE = 7


def search(counter, query="", after=None, limit=1000):
    return list_members(counter.runtime.reader(), query, after, limit)


def all_pages(counter, query="", limit=PAGE):
    pages, after = [], None
    for _ in range(1000):  # a key that does not move forward would page for ever
        rows = search(counter, query, after, limit)
        if not rows:
            return pages
        assert len(rows) <= limit
        pages.append(rows)
        after = rows[-1].sort_key
    pytest.fail("paging does not end")


def deactivate(counter, member_id):
    deactivate_member(
        counter.runtime.writer(), counter.manager, counter.runtime.now(), member_id, "会员注销"
    )


@pytest.fixture
def members(counter):
    """30 members whose names repeat, so several share a name or a prefix."""
    return [
        register(counter, name=NAMES[i % len(NAMES)], mobile=f"1380000{i:04d}") for i in range(30)
    ]


@pytest.fixture
def gone(counter, members):
    """Three members deactivated: the list leaves them out."""
    ids = {members[1].id, members[9].id, members[28].id}
    for member_id in ids:
        deactivate(counter, member_id)
    return ids


# --- paging ----------------------------------------------------------------------------------


def test_pages_cover_every_active_member_once(counter, db, members, gone):
    pages = all_pages(counter)
    rows = [r for page in pages for r in page]
    assert [len(p) for p in pages] == [7, 7, 7, 6]
    ids = [r.id for r in rows]
    assert len(ids) == len(set(ids)) == 27
    assert set(ids) == {m.id for m in members} - gone
    assert set(ids) == {i for (i,) in db.rows("SELECT id FROM member WHERE active = 1")}
    assert [r.id for r in search(counter)] == ids


def test_list_is_in_member_number_order(counter, members):
    rows = search(counter)
    assert [r.member_no for r in rows] == sorted(m.member_no for m in members)
    assert rows[0].member_no == "T001-1-000001"
    assert all(r.sort_key == (r.member_no, r.member_no) for r in rows)


def test_row_fields(counter, members):
    row = search(counter, limit=1)[0]
    first = members[0]
    assert (row.id, row.member_no, row.name) == (first.id, first.member_no, first.name)
    assert row.mobile_masked == "138****0000"
    assert (row.tier, row.points_balance) == ("bronze", 0)


@pytest.mark.parametrize("limit", [1, 2, 5, 26, 27, 28])
def test_any_page_size_gives_the_same_list(counter, members, gone, limit):
    rows = [r for page in all_pages(counter, limit=limit) for r in page]
    assert [r.id for r in rows] == [r.id for r in search(counter)]


def test_member_registered_while_paging_shows_up_at_the_end(counter, members):
    first = search(counter, limit=PAGE)
    late = register(counter, name="张", mobile="13900139000")
    rest = [r for r in _pages_after(counter, "", first[-1].sort_key)]
    assert rest[-1].id == late.id
    assert len(first) + len(rest) == 31


def _pages_after(counter, query, after):
    for _ in range(1000):
        rows = search(counter, query, after, PAGE)
        if not rows:
            return
        yield from rows
        after = rows[-1].sort_key
    pytest.fail("paging does not end")


# --- name search -----------------------------------------------------------------------------


def test_name_search_pages(counter, members, gone):
    pages = all_pages(counter, "张")
    rows = [r for page in pages for r in page]
    expected = sorted(
        (m.name, m.member_no, m.id) for m in members if m.name.startswith("张") and m.id not in gone
    )
    assert [(r.name, r.member_no, r.id) for r in rows] == expected
    assert len({r.id for r in rows}) == len(rows) == len(expected)
    assert [r.id for r in search(counter, "张")] == [r.id for r in rows]
    assert all(r.sort_key == (r.name, r.member_no) for r in rows)
    # Pages cross groups of the same name: the member number breaks the tie.
    assert len(pages) > 1
    assert any(a[-1].name == b[0].name for a, b in itertools.pairwise(pages))


def test_name_search_is_a_prefix_search(counter, members):
    assert {r.name for r in search(counter, "张伟")} == {"张伟", "张伟强"}
    assert {r.name for r in search(counter, "张伟强")} == {"张伟强"}
    assert {r.name for r in search(counter, "Zhang")} == {"Zhang Wei"}
    assert search(counter, "伟") == []
    assert search(counter, "赵") == []


def test_name_search_with_a_small_page_crosses_equal_names(counter, members):
    rows = [r for page in all_pages(counter, "张三", limit=1) for r in page]
    expected = sorted(m.member_no for m in members if m.name == "张三")
    assert [r.member_no for r in rows] == expected
    assert len(expected) > 1


@pytest.mark.parametrize(
    ("query", "index"),
    [("13800000007", 7), ("0007", 7), ("T001-1-000008", 7), ("t001-1-000008", 7)],
)
def test_exact_searches(counter, members, query, index):
    rows = search(counter, query)
    assert [r.id for r in rows] == [members[index].id]
    assert search(counter, query, after=rows[-1].sort_key) == []


def test_search_by_code(counter, members):
    target = members[3]
    code = member_code(counter.runtime.writer(), counter.manager, counter.runtime.now(), target.id)
    rows = search(counter, code)
    assert [r.id for r in rows] == [target.id]
    assert search(counter, code, after=rows[-1].sort_key) == []


def test_search_refuses_too_long(counter, members):
    with pytest.raises(ValidationError) as caught:
        search(counter, "张" * 201)
    assert caught.value.code == "scan.too_long"


def test_search_does_not_write(counter, db, members):
    before = tuple(db.count(t) for t in ("visit", "outbox", "audit_log"))
    all_pages(counter)
    search(counter, "张")
    search(counter, "0007")
    assert tuple(db.count(t) for t in ("visit", "outbox", "audit_log")) == before


def test_deactivated_member_not_listed(counter, members):
    target = members[5]
    assert target.id in {r.id for r in search(counter)}
    deactivate(counter, target.id)
    assert target.id not in {r.id for r in search(counter)}
    assert target.id not in {r.id for r in search(counter, target.name)}
    assert search(counter, target.mobile) == []
    assert search(counter, target.member_no) == []


def test_deactivation_audited_and_recorded(counter, db, members):
    target = members[5]
    deactivate(counter, target.id)
    assert db.rows("SELECT subject, reason FROM audit_log WHERE action = 'member.deactivated'") == [
        (f"member:{target.id}", "会员注销")
    ]
    payload = db.scalar("SELECT payload FROM outbox WHERE op_type = 'member.deactivate'")
    assert json.loads(payload) == {"member_id": target.id, "reason": "会员注销"}
    with pytest.raises(StateError) as caught:
        deactivate(counter, target.id)
    assert caught.value.code == "member.inactive"


# --- editing -------------------------------------------------------------------------------


def edit(counter, member_id, name="陈安娜", mobile="13800138000", month=5, day=12, **kw):
    return update_member(
        counter.runtime.writer(),
        counter.manager,
        counter.runtime.now(),
        member_id,
        NewMember(name, mobile, month, day, **kw),
    )


def test_update_changes_name_and_mobile(counter, db, clock):
    member = register(counter)
    clock.advance(minutes=5)
    summary = edit(counter, member.id, name="陈安", mobile="+86 139-0013-9000")
    assert (summary.id, summary.member_no) == (member.id, member.member_no)
    assert (summary.name, summary.mobile) == ("陈安", "13900139000")
    assert db.rows(
        "SELECT name, mobile, mobile_last4, updated_at FROM member WHERE id = ?", member.id
    ) == [("陈安", "13900139000", "9000", "2026-03-01 02:05:00.000000")]
    assert member_details(counter.runtime.reader(), member.id) == NewMember(
        "陈安", "13900139000", 5, 12, None, False, None
    )


def test_update_writes_old_and_new_values_to_the_audit(counter, db):
    member = register(counter)
    edit(counter, member.id, name="陈安", mobile="13900139000", note="喜欢绿茶")
    rows = db.rows(
        "SELECT subject, staff_id, detail FROM audit_log WHERE action = 'member.updated'"
    )
    assert len(rows) == 1
    subject, staff_id, detail = rows[0]
    assert (subject, staff_id) == (f"member:{member.id}", counter.manager.staff_id)
    assert json.loads(detail) == {
        "name": ["陈安娜", "陈安"],
        "mobile": ["13800138000", "13900139000"],
        "note": [None, "喜欢绿茶"],
    }


def test_update_is_recorded_for_sync(counter, db):
    member = register(counter)
    ops = db.count("outbox")
    edit(counter, member.id, name="陈安", mobile="13900139000")
    assert db.count("outbox") == ops + 1
    op_type, payload = db.rows("SELECT op_type, payload FROM outbox ORDER BY seq DESC LIMIT 1")[0]
    assert op_type == "member.update"
    body = json.loads(payload)
    assert body["member_id"] == member.id
    assert (body["name"], body["mobile"], body["member_no"]) == (
        "陈安",
        "13900139000",
        member.member_no,
    )


def test_update_refuses_another_members_mobile(counter, db):
    member = register(counter)
    register(counter, name="王芳", mobile="13900139000")
    before = tuple(db.count(t) for t in ("outbox", "audit_log"))
    with pytest.raises(StateError) as caught:
        edit(counter, member.id, name="陈安", mobile="139 0013 9000")
    assert caught.value.code == "member.mobile_taken"
    assert tuple(db.count(t) for t in ("outbox", "audit_log")) == before
    assert db.rows("SELECT name, mobile, mobile_last4 FROM member WHERE id = ?", member.id) == [
        ("陈安娜", "13800138000", "8000")
    ]


def test_update_keeping_own_mobile_allowed(counter, db):
    member = register(counter)
    summary = edit(counter, member.id, name="陈安", mobile="+86 13800138000")
    assert (summary.name, summary.mobile) == ("陈安", "13800138000")


def test_update_validates_like_registration(counter):
    member = register(counter)
    for changes, code in (
        ({"mobile": "12345"}, "member.bad_mobile"),
        ({"name": " \u200b "}, "member.name.empty"),
        ({"month": 2, "day": 30}, "birthday.bad_day"),
    ):
        with pytest.raises(ValidationError) as caught:
            edit(counter, member.id, **changes)
        assert caught.value.code == code


def test_update_of_deactivated_or_unknown_member_refused(counter):
    member = register(counter)
    deactivate(counter, member.id)
    with pytest.raises(StateError) as caught:
        edit(counter, member.id, name="陈安")
    assert caught.value.code == "member.inactive"
    with pytest.raises(NotFoundError) as caught:
        edit(counter, "01900000-0000-7000-8000-000000000000")
    assert caught.value.code == "member.not_found"


def test_last_four_follow_the_mobile(counter, db):
    member = register(counter, mobile="13800138000")
    edit(counter, member.id, mobile="13900131234")
    assert search(counter, "8000") == []
    assert [r.id for r in search(counter, "1234")] == [member.id]
    assert search(counter, "13800138000") == []
    assert [r.id for r in search(counter, "13900131234")] == [member.id]
    result = check_in(counter.runtime.writer(), counter.manager, counter.runtime.now(), "1234")
    assert result.card.id == member.id
    assert result.card.mobile_masked == "139****1234"


def test_old_mobile_is_free_again(counter):
    member = register(counter, mobile="13800138000")
    edit(counter, member.id, mobile="13900139000")
    other = register(counter, name="王芳", mobile="13800138000")
    assert [r.id for r in search(counter, "13800138000")] == [other.id]


def test_name_change_moves_the_member_in_name_search(counter, members):
    target = next(m for m in members if m.name == "李四")
    edit(counter, target.id, name="张李四", mobile=target.mobile)
    assert target.id in {r.id for r in search(counter, "张")}
    assert target.id not in {r.id for r in search(counter, "李")}
