"""Registering members at the counter."""

import pytest

from models.catalog import Member
from services.core.actor import Actor
from services.core.errors import PermissionDenied, StateError, ValidationError
from services.members.accounts import NewMember, register_member


def register(counter, actor, new):
    return register_member(counter.runtime.writer(), actor, counter.runtime.now(), new)


def member(name="陈安娜", mobile="13800138000", month=5, day=12, year=None):
    return NewMember(name, mobile, month, day, year)


def test_registered_member(counter):
    summary = register(counter, counter.manager, member(mobile="+86 138-0013-8000"))
    assert summary.member_no == "T001-1-000001"
    assert summary.mobile == "13800138000"
    assert (summary.tier, summary.points_balance) == ("bronze", 0)
    with counter.runtime.reader() as uow:
        row = uow.session.get(Member, summary.id)
        assert (row.name, row.mobile, row.birth_month, row.birth_day) == (
            "陈安娜",
            "13800138000",
            5,
            12,
        )
        assert row.home_store_id == counter.identity.store_id
        assert row.created_at == counter.runtime.now()


def test_member_numbers_count_up(counter):
    numbers = [
        register(counter, counter.manager, member(mobile=f"1390000000{i}")).member_no
        for i in range(3)
    ]
    assert numbers == ["T001-1-000001", "T001-1-000002", "T001-1-000003"]


def test_cashier_and_event_staff_may_register(counter):
    assert register(counter, counter.make_cashier(), member(mobile="13900000001"))
    assert register(counter, counter.make_event_staff(), member(mobile="13900000002"))


@pytest.mark.parametrize(
    "mobile", ["1380013800", "138001380001", "12800138000", "", "phone", "8613800138000"]
)
def test_bad_mobile_refused(counter, db, mobile):
    with pytest.raises(ValidationError) as caught:
        register(counter, counter.manager, member(mobile=mobile))
    assert caught.value.code == "member.bad_mobile"
    assert db.count("member") == 0


def test_mobile_taken_whatever_the_spelling(counter, db):
    register(counter, counter.manager, member(mobile="13800138000"))
    with pytest.raises(StateError) as caught:
        register(counter, counter.manager, member(name="别人", mobile="＋86 138 0013 8000"))
    assert caught.value.code == "member.mobile_taken"
    assert db.count("member") == 1
    assert db.scalar("SELECT last_member_no FROM counter") == 1


@pytest.mark.parametrize(
    ("month", "day", "year", "code"),
    [
        (4, 31, None, "birthday.bad_day"),
        (2, 29, 2023, "birthday.bad_day"),
        (13, 1, None, "birthday.bad_month"),
        (1, 1, 2027, "birthday.bad_year"),
    ],
)
def test_bad_birthday_refused(counter, db, month, day, year, code):
    with pytest.raises(ValidationError) as caught:
        register(counter, counter.manager, member(month=month, day=day, year=year))
    assert caught.value.code == code
    assert db.count("member") == 0


def test_29_february_without_year_accepted(counter):
    assert register(counter, counter.manager, member(month=2, day=29)).member_no


def test_empty_name_refused(counter):
    with pytest.raises(ValidationError) as caught:
        register(counter, counter.manager, member(name=" \u200e "))
    assert caught.value.code == "member.name.empty"


def test_unknown_role_may_not_register(counter):
    stranger = Actor("x", "路人", "visitor", counter.identity.store_id, counter.identity.device_id)
    with pytest.raises(PermissionDenied) as caught:
        register(counter, stranger, member())
    assert caught.value.code == "auth.forbidden"
