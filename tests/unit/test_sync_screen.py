"""Screening a pulled page: member changes take a direct path through their schema, and it
must take and refuse exactly what the general check does, with the general check's reason."""

import math

import pytest

from common.ids import new_id
from services.sync.quarantine import change_problem, screen


def member_change(**body_changes) -> dict:
    key = new_id()
    body = {
        "id": key,
        "member_no": "M00000001",
        "name": "林小梅",
        "mobile": "13800138000",
        "birth_month": 4,
        "birth_day": 9,
        "tier": "silver",
        "balance": 250,
        "arrears": 0,
        "redeem_blocked": False,
        "consent_marketing": False,
        "active": True,
        "home_store_id": new_id(),
        "card_serial": 1,
    }
    return {"seq": 7, "kind": "member", "key": key, "body": body | body_changes}


def unsigned(_change) -> bool:
    return False


VARIANTS = [
    member_change(),
    member_change(birth_month=13),
    member_change(birth_day=30, birth_month=2),
    member_change(balance=1.5),
    member_change(balance=math.nan),
    member_change(balance=True),
    member_change(mobile="1380013800x"),
    member_change(tier="diamond"),
    member_change(extra="field"),
    {"seq": 8, "kind": "member", "key": 42, "body": member_change()["body"]},
    {"seq": 9, "kind": "member", "key": True, "body": member_change()["body"]},
    {"seq": 10, "kind": "member", "key": "k", "body": ["not", "an", "object"]},
    {"seq": 11, "kind": "member", "key": "k"},
    ["not a change"],
]


@pytest.mark.parametrize("change", VARIANTS)
def test_a_member_change_is_taken_or_refused_as_the_general_check_says(change):
    good, refused = screen([change], unsigned)
    problem = change_problem(change, unsigned)
    if problem is None:
        assert good == [change] and refused == []
    else:
        assert good == [] and [(r.code, r.detail) for r in refused] == [problem]


def test_a_page_keeps_its_good_members_and_refuses_the_bad_one():
    page = [member_change(), member_change(birth_month=13), member_change()]
    good, refused = screen(page, unsigned)
    assert good == [page[0], page[2]]
    assert [r.code for r in refused] == ["change.bad_body"]
