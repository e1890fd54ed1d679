"""Amounts come from rules, events and referenced purchases, never from the payload: an
operation that names its own amount of a billion points is refused with its own code, and
the member's balance and tier at the centre stay as they were."""

import pytest

from common.ids import new_id
from tests.central.hostile import payloads
from tests.central.hostile.state import balance, snapshot, tier

BILLION = 1_000_000_000


def refused_and_nothing_changed(world, counter, op_type, payload, member_id):
    before = snapshot(world.central)
    was, held = balance(world.central, member_id), tier(world.central, member_id)
    result = counter.send(op_type, payload)
    assert result["result"] == "rejected", result
    # Well-formed, so not a bad payload: the amount is what is wrong, and says so.
    assert isinstance(result["code"], str) and result["code"]
    assert result["code"] != "op.bad_payload", result
    assert balance(world.central, member_id) == was
    assert tier(world.central, member_id) == held
    assert snapshot(world.central) == before
    return result


@pytest.fixture
def shop(world):
    counter = world.counter()
    member_id = world.member(counter)
    purchase = world.earn(counter, member_id, 10_000)  # 100 points
    return counter, member_id, purchase


def test_an_adjustment_of_a_billion_points_is_refused(world, shop):
    counter, member_id, _ = shop
    body = {
        "member_id": member_id,
        "delta": BILLION,
        "reason": "goodwill",
        "approved_by": new_id(),
        "rule_version": 1,
    }
    refused_and_nothing_changed(world, counter, "points.adjust", body, member_id)


def test_a_visit_bonus_of_a_billion_points_is_refused(world, shop):
    counter, member_id, _ = shop
    body = {"member_id": member_id, "points": BILLION, "day": "2026-03-01", "rule_version": 1}
    refused_and_nothing_changed(world, counter, "points.visit_bonus", body, member_id)


def test_an_event_bonus_of_a_billion_points_is_refused(world, shop):
    counter, member_id, _ = shop
    event = world.head_office_event(attendance_points=20)
    body = payloads.event_bonus(member_id, event["id"], points=BILLION)
    refused_and_nothing_changed(world, counter, "points.event_bonus", body, member_id)


def test_a_refund_returning_a_billion_points_is_refused(world, shop):
    counter, member_id, purchase = shop
    body = {
        "purchase_id": purchase["purchase_id"],
        "receipt_no": purchase["receipt_no"],
        "member_id": member_id,
        "refund_fen": 1000,
        "points_reversed": 0,
        "points_returned": BILLION,
        "rule_version": 1,
    }
    refused_and_nothing_changed(world, counter, "points.refund", body, member_id)


def test_a_coupon_revoke_returning_a_billion_points_is_refused(world, shop):
    counter, member_id, _ = shop
    coupon_id = world.coupon(counter, member_id)
    body = {"coupon_id": coupon_id, "reason": "mistake", "points_returned": BILLION}
    refused_and_nothing_changed(world, counter, "coupon.revoke", body, member_id)
    status = world.central.scalar("SELECT status FROM coupon WHERE id = :c", c=coupon_id)
    assert status == "issued"


def test_an_earn_on_a_purchase_of_a_billion_yuan_is_refused(world, shop):
    counter, member_id, _ = shop
    body = payloads.earn(member_id, 10**11)  # points = paid / 100: arithmetic agrees
    refused_and_nothing_changed(world, counter, "points.earn", body, member_id)


def test_a_tier_change_to_platinum_with_no_spend_behind_it_is_refused(world, shop):
    counter, member_id, _ = shop
    body = {
        "member_id": member_id,
        "from": "bronze",
        "to": "platinum",
        "reason": "quarter review",
        "spend_fen": 10**11,  # what the counter claims; the centre counts its own
    }
    refused_and_nothing_changed(world, counter, "member.tier_change", body, member_id)
    assert (
        world.central.scalar("SELECT peak_tier FROM member WHERE id = :m", m=member_id) == "bronze"
    )


def test_the_honest_amounts_still_apply(world, shop):
    """The same operations with what the rules give are applied: the refusals above are
    about the amounts, not the types."""
    counter, member_id, purchase = shop
    event = world.head_office_event(attendance_points=20)
    bonus = counter.send("points.event_bonus", payloads.event_bonus(member_id, event["id"]))
    refund = {
        "purchase_id": purchase["purchase_id"],
        "receipt_no": purchase["receipt_no"],
        "member_id": member_id,
        "refund_fen": 5000,
        "points_reversed": 50,
        "points_returned": 0,
        "rule_version": 1,
    }
    back = counter.send("points.refund", refund)
    assert (bonus["result"], back["result"]) == ("applied", "applied")
    assert balance(world.central, member_id) == 100 + 20 - 50
