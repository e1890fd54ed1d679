"""The centre derives amounts and keeps to the chain: honest counters' operations still apply,
and the same operations with inflated amounts, written straight into a counter's outbox (a
tampered or hostile counter), are refused and change nothing at the centre."""

import json
from dataclasses import replace
from datetime import UTC, datetime

from central import admin
from services import points
from services.core.actor import Actor
from services.core.journal import insert_operation
from services.coupons import use as coupon_use
from services.gifts import definitions as catalog
from tests.central.harness import (  # noqa: F401  (fixtures)
    central,
    central_fixture_for_counters,
    make_counter,
)
from tests.factories import earn, register
from tests.integration.sync_helpers import exchange, outbox, raw


def centre_member(central, member_id) -> tuple[int, str]:
    [row] = central.rows("SELECT balance, tier FROM member WHERE id = :m", m=member_id)
    return row.balance, row.tier


def forge(counter, op_type: str, payload: dict) -> None:
    """An operation no service made, queued as the counter's own (what a tampered database or a
    hostile client sends): well-formed, with an amount the centre must not believe."""
    conn = raw(counter)
    try:
        conn.execute("BEGIN IMMEDIATE")
        actor = Actor(None, "forger", "system", counter.store_id, counter.device_id)
        insert_operation(conn, actor, counter.runtime.now(), op_type, payload)
        conn.execute("COMMIT")
    finally:
        conn.close()


def last_result(counter) -> tuple[str, str | None]:
    *_rest, state, _type, code = outbox(counter)[-1]
    return state, code


def test_inflated_credits_are_refused_and_change_nothing(central, make_counter):
    central.create_store()
    a = make_counter("1")
    member = register(a)
    earn(a, member.id, "R1", 10_000)  # 100 points
    assert a.cycle().ok
    before = centre_member(central, member.id)
    billion = 1_000_000_000
    forged = [
        (
            "points.adjust",
            {
                "member_id": member.id,
                "delta": billion,
                "reason": "x",
                "approved_by": a.manager.staff_id,
                "rule_version": 1,
            },
        ),
        (
            "points.visit_bonus",
            {"member_id": member.id, "points": billion, "day": "2026-03-01", "rule_version": 1},
        ),
        (
            "points.event_bonus",
            {
                "member_id": member.id,
                "points": billion,
                "event_id": "01900000-0000-7000-8000-00000000e001",
                "signin_id": "01900000-0000-7000-8000-00000000e002",
                "nonce": "n1",
                "entry_id": "01900000-0000-7000-8000-00000000e003",
                "rule_version": 1,
            },
        ),
        (
            "points.expire",
            {
                "member_id": member.id,
                "points": 100,
                "lots": ["01900000-0000-7000-8000-00000000e004"],
                "rule_version": 1,
            },
        ),
        (
            "member.tier_change",
            {
                "member_id": member.id,
                "from": "bronze",
                "to": "platinum",
                "reason": "x",
                "spend_fen": 100_000_000,
            },
        ),
    ]
    codes = []
    for op_type, payload in forged:
        forge(a, op_type, payload)
        a.cycle()
        state, code = last_result(a)
        assert state == "rejected", op_type
        codes.append(code)
    assert codes == [
        "points.bad_adjustment",
        "points.bonus_not_derivable",
        "event.unknown",
        "points.expire_not_due",
        "member.tier_not_earned",
    ]
    assert centre_member(central, member.id) == before


def test_a_refund_is_bounded_by_the_purchase_it_names(central, make_counter):
    central.create_store()
    a = make_counter("1")
    member = register(a)
    sale = earn(a, member.id, "R1", 10_000)
    forge(
        a,
        "points.refund",
        {
            "purchase_id": sale.purchase_id,
            "receipt_no": "R1",
            "member_id": member.id,
            "refund_fen": 10_000,
            "points_reversed": 0,
            "points_returned": 1_000_000_000,
            "rule_version": 1,
        },
    )
    a.cycle()
    assert last_result(a) == ("rejected", "refund.points_not_derivable")
    forge(
        a,
        "points.refund",
        {
            "purchase_id": sale.purchase_id,
            "receipt_no": "R9",
            "member_id": member.id,
            "refund_fen": 100,
            "points_reversed": 0,
            "points_returned": 0,
            "rule_version": 1,
        },
    )
    a.cycle()
    assert last_result(a) == ("rejected", "purchase.not_found")
    assert centre_member(central, member.id)[0] == 100
    # The honest refund of the same purchase still applies, once.
    points.refund(a.runtime.writer(), a.manager, a.runtime.now(), "R1", 10_000)
    assert a.cycle().ok
    assert last_result(a)[0] == "applied"
    assert centre_member(central, member.id)[0] == 0


def test_points_spent_as_cash_come_back_on_a_refund_and_no_more(central, make_counter):
    central.create_store()
    a = make_counter("1")
    member = register(a)
    earn(a, member.id, "R1", 50_000)  # 500 points
    earn(a, member.id, "R2", 10_000, cash=300)  # 3 yuan paid in points
    points.refund(a.runtime.writer(), a.manager, a.runtime.now(), "R2", 10_000)
    report = a.cycle()
    assert report.ok and {row[3] for row in outbox(a)} == {"applied"}
    assert centre_member(central, member.id)[0] == 500


def test_a_revoke_returns_what_the_coupon_cost(central, make_counter):
    central.create_store()
    a = make_counter("1")
    member = register(a)
    earn(a, member.id, "R1", 30_000)  # 300 points
    [first, second] = exchange(a, member.id, 200)
    coupon_use.revoke_coupon(
        a.runtime.writer(), a.manager, a.runtime.now(), first.coupon_id, "顾客不要了"
    )
    assert a.cycle().ok
    assert last_result(a)[0] == "applied"
    assert centre_member(central, member.id)[0] == 200  # 300 - 200 + 100 back
    forge(
        a,
        "coupon.revoke",
        {"coupon_id": second.coupon_id, "reason": "x", "points_returned": 1_000_000_000},
    )
    a.cycle()
    assert last_result(a) == ("rejected", "coupon.points_not_derivable")
    assert centre_member(central, member.id)[0] == 200
    [status] = central.rows("SELECT status FROM coupon WHERE id = :c", c=second.coupon_id)
    assert status[0] == "issued"  # a refused revoke leaves the coupon as it was


def test_a_purchase_that_qualifies_upgrades_the_tier_at_the_centre(central, make_counter):
    central.create_store()
    a = make_counter("1")
    member = register(a)
    earn(a, member.id, "R1", 1_000_000)  # the platinum threshold, in one sale
    assert a.cycle().ok
    assert {row[3] for row in outbox(a)} == {"applied"}
    assert centre_member(central, member.id)[1] == "platinum"


def test_a_counter_cannot_reprice_head_office_gifts(central, make_counter):
    central.create_store()
    gift = {"sku": "HQ-1", "name_zh": "保温杯", "name_en": "Flask", "points_price": 800}
    with central.session() as s, s.begin():
        admin.load_reference(s, "default", "gift", [gift], datetime.now(UTC))
    a = make_counter("1")
    assert a.cycle().ok
    with raw(a) as conn:
        [gift_id] = conn.execute("SELECT id FROM gift WHERE sku = 'HQ-1'").fetchone()
    spec, _active = catalog.gift_spec(a.runtime.reader(), gift_id)
    catalog.update_gift(
        a.runtime.writer(), a.manager, a.runtime.now(), gift_id, replace(spec, points_price=1)
    )
    a.cycle()
    assert last_result(a) == ("rejected", "reference.not_yours")
    [body] = central.rows("SELECT body FROM reference WHERE code = 'HQ-1'")
    assert json.loads(body[0])["points_price"] == 800


def test_a_gift_costs_at_least_the_chains_price(central, make_counter):
    central.create_store()
    gift = {"sku": "HQ-2", "name_zh": "雨伞", "name_en": "Umbrella", "points_price": 800}
    with central.session() as s, s.begin():
        admin.load_reference(s, "default", "gift", [gift], datetime.now(UTC))
    a = make_counter("1")
    member = register(a)
    earn(a, member.id, "R1", 100_000)  # 1,000 points
    assert a.cycle().ok
    with raw(a) as conn:
        [gift_id] = conn.execute("SELECT id FROM gift WHERE sku = 'HQ-2'").fetchone()
    forge(
        a,
        "gift.redeem",
        {
            "redemption_id": "01900000-0000-7000-8000-00000000f001",
            "gift_id": gift_id,
            "sku": "HQ-2",
            "member_id": member.id,
            "points": 1,
            "points_entry_id": "01900000-0000-7000-8000-00000000f002",
            "stock_move_id": "01900000-0000-7000-8000-00000000f003",
            "on_hand_after": 0,
            "stock_override": False,
            "approved_by": None,
            "rule_version": 1,
            "at": a.runtime.now().isoformat(),
        },
    )
    a.cycle()
    # (no stock was ever received at the centre, so the move also opens a count task)
    assert last_result(a) == ("conflict", "stock.below_zero")
    assert centre_member(central, member.id)[0] == 200  # charged the chain's 800, not 1


def test_a_coupon_redeemed_before_its_issue_arrives_is_proved_by_its_signature(
    central, make_counter
):
    central.create_store()
    a, b = make_counter("1"), make_counter("2")
    member = register(a)
    earn(a, member.id, "R1", 20_000)
    assert a.cycle().ok  # the member reaches the centre; the coupon below does not yet
    [coupon] = exchange(a, member.id, 100)
    assert b.cycle().ok  # B knows the member and trusts A's key
    earn(b, member.id, "B1", 5_000, coupon=coupon.payload)
    assert b.cycle().ok
    redeemed = [row for row in outbox(b) if row[4] == "coupon.redeem"]
    assert [(row[3], row[5]) for row in redeemed] == [("applied", None)]
    assert a.cycle().ok
    assert {row[3] for row in outbox(a)} == {"applied"}
