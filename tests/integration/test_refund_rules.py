"""Refund rules: what a full refund does to the 12-month spend and the tier, and that points
of the purchase already expired are not taken back a second time."""

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from services import points
from services.core.clock import ManualClock
from services.points.ledger import balance_problems
from tests.factories import earn, register

SHANGHAI = ZoneInfo("Asia/Shanghai")
START_2025 = datetime(2025, 6, 1, 2, 0, tzinfo=UTC)
END_2025_LOTS = datetime(2027, 1, 1, tzinfo=SHANGHAI)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START_2025)


def refund(counter, receipt, fen):
    return points.refund(
        counter.runtime.writer(), counter.manager, counter.runtime.now(), receipt, fen
    )


def spend(counter, member_id) -> int:
    with counter.runtime.reader() as uow:
        return points.trailing_spend_fen(uow, member_id, counter.runtime.now())


def tier(db, member_id) -> str:
    return db.scalar("SELECT tier FROM member WHERE id = ?", member_id)


def test_full_refund_of_a_purchase_partly_paid_with_points_takes_off_only_the_money(counter, db):
    member = register(counter)
    assert earn(counter, member.id, "A", 200000).new_tier == "silver"  # 2,000 yuan exactly
    earn(counter, member.id, "B", 10000, cash=500)  # 100 less 10% is 90: 85 paid, 5 in points
    assert spend(counter, member.id) == 200000 + 8500
    refund(counter, "B", 9000)
    # Before: 2,085 - 90 = 1,995 yuan, as if the 5 yuan of points had been spent money.
    assert spend(counter, member.id) == 200000
    points.reevaluate_tiers(counter.runtime.writer(), counter.manager, counter.runtime.now())
    assert tier(db, member.id) == "silver"


def test_partial_refund_takes_off_the_money_share_of_what_was_refunded(counter):
    member = register(counter)
    earn(counter, member.id, "A", 100000)  # 1000 points
    earn(counter, member.id, "B", 10000, cash=500)  # 95 yuan paid, 5 with points
    refund(counter, "B", 5000)  # half: 47.50 yuan of money, 2.50 of points
    assert spend(counter, member.id) == 100000 + 9500 - 4750


def test_refund_after_the_purchases_points_expired_takes_nothing_twice(counter, clock, db):
    member = register(counter)
    earn(counter, member.id, "R1", 10000)  # 100 points, gone at the end of 2026
    travel_to(clock, END_2025_LOTS + timedelta(days=1))
    result = refund(counter, "R1", 10000)
    assert (result.points_reversed, result.balance, result.below_zero) == (0, 0, False)
    assert db.scalar("SELECT points_balance FROM member WHERE id = ?", member.id) == 0
    assert db.count("points_entry WHERE kind = 'reversal'") == 0
    assert db.count("audit_log WHERE action = 'points.below_zero'") == 0
    with counter.runtime.reader() as uow:
        assert balance_problems(uow) == []


def test_refund_takes_back_only_the_part_of_the_purchase_still_held(counter, clock, db):
    member = register(counter)
    earn(counter, member.id, "R1", 10000)  # 100 points, 2025 lot
    travel_to(clock, datetime(2026, 12, 30, 2, 0, tzinfo=UTC))
    earn(counter, member.id, "R2", 5000)  # 50 points, 2026 lot
    travel_to(clock, END_2025_LOTS + timedelta(days=1))
    first = refund(counter, "R2", 5000)  # its own lot is alive: all 50 back
    assert first.points_reversed == 50
    second = refund(counter, "R1", 10000)
    assert second.points_reversed == 0
    assert second.balance == 0


def test_full_refund_of_the_upgrading_purchase_takes_the_upgrade_back_at_once(counter, clock, db):
    member = register(counter)
    earn(counter, member.id, "A", 150000)  # 1,500 yuan: still bronze
    clock.advance(minutes=5)
    assert earn(counter, member.id, "B", 60000).new_tier == "silver"
    partial = refund(counter, "B", 10000)
    assert partial.new_tier is None and tier(db, member.id) == "silver"
    result = refund(counter, "B", 50000)
    assert result.new_tier == "bronze"
    assert tier(db, member.id) == "bronze"
    assert db.rows(
        "SELECT from_tier, to_tier, spend_fen FROM tier_change WHERE member_id = ? ORDER BY at",
        member.id,
    ) == [("bronze", "silver", 210000), ("silver", "bronze", 150000)]
    downs = [op for op in tier_ops(db) if (op["from"], op["to"]) == ("silver", "bronze")]
    assert len(downs) == 1


def test_full_refund_of_another_purchase_leaves_the_tier_to_the_review(counter, clock, db):
    member = register(counter)
    earn(counter, member.id, "A", 50000)
    clock.advance(minutes=5)
    assert earn(counter, member.id, "B", 160000).new_tier == "silver"
    assert refund(counter, "A", 50000).new_tier is None
    assert tier(db, member.id) == "silver"


def test_undoing_an_upgrade_never_goes_below_the_tier_held_before_it(counter, clock, db):
    member = register(counter)
    assert earn(counter, member.id, "A", 210000).new_tier == "silver"
    clock.advance(minutes=5)
    assert earn(counter, member.id, "B", 340000).new_tier == "gold"  # 3,060 paid
    refund(counter, "A", 210000)  # not the upgrading purchase: gold stays (3,060 left)
    assert tier(db, member.id) == "gold"
    # Nothing is left, but silver is what the member had before the upgrade.
    assert refund(counter, "B", 306000).new_tier == "silver"


def tier_ops(db) -> list[dict]:
    return [
        json.loads(p)
        for (p,) in db.rows("SELECT payload FROM outbox WHERE op_type = 'member.tier_change'")
    ]


def travel_to(clock: ManualClock, when: datetime) -> None:
    clock.advance(microseconds=(when - clock.now()) // timedelta(microseconds=1))
