"""Points lots and a manager's hand: adjustments with a reason, and the quarterly tier review."""

from datetime import timedelta

import pytest

from services import points
from services.core.errors import PermissionDenied, StateError, ValidationError
from services.rules.permissions import Permission
from services.staff.accounts import approve_as_manager
from tests.factories import assert_consistent, earn, register
from tests.integration.lots.helpers import (
    END_2025_LOTS,
    START_2025,
    adjust,
    balance,
    footprint,
    lot_of,
    ops,
    refund,
    stamp,
    travel,
)

# --- manager adjustments -------------------------------------------------------------------------


def test_manager_adjusts_up_and_down_with_a_reason(counter, db):
    member = register(counter)
    assert adjust(counter, member.id, 500, "补录积分") == 500
    assert lot_of(db, "补录积分") == (500, 500, stamp(END_2025_LOTS))
    assert adjust(counter, member.id, -200, " 重复 积分 ") == 300
    assert db.rows("SELECT kind, delta, reason, staff_id FROM points_entry ORDER BY rowid") == [
        ("adjust", 500, "补录积分", counter.manager.staff_id),
        ("adjust", -200, "重复 积分", counter.manager.staff_id),
    ]
    assert lot_of(db, "补录积分")[:2] == (500, 300)
    assert [(p["delta"], p["reason"], p["approved_by"]) for p in ops(db, "points.adjust")] == [
        (500, "补录积分", counter.manager.staff_id),
        (-200, "重复 积分", counter.manager.staff_id),
    ]
    assert db.rows(
        "SELECT subject, reason FROM audit_log WHERE action = 'points.adjusted' ORDER BY id"
    ) == [(f"member:{member.id}", "补录积分"), (f"member:{member.id}", "重复 积分")]

    before = footprint(db)
    with pytest.raises(StateError) as caught:
        adjust(counter, member.id, -301)
    assert caught.value.code == "points.insufficient"
    assert footprint(db) == before
    assert adjust(counter, member.id, -300) == 0
    assert_consistent(counter, db)


@pytest.mark.parametrize(
    ("delta", "reason", "code"),
    [
        (100, "", "reason.required"),
        (100, "   ", "reason.required"),
        (100, "x", "reason.required"),
        (0, "补录积分", "points.bad_adjustment"),
        (10_000_001, "补录积分", "points.bad_adjustment"),
        (-10_000_001, "补录积分", "points.bad_adjustment"),
    ],
)
def test_bad_adjustments_are_refused(counter, db, delta, reason, code):
    member = register(counter)
    before = footprint(db)
    with pytest.raises(ValidationError) as caught:
        adjust(counter, member.id, delta, reason)
    assert caught.value.code == code
    assert footprint(db) == before


def test_a_cashier_needs_a_managers_approval_to_adjust(counter, db):
    member = register(counter)
    cashier = counter.make_cashier()
    before = footprint(db)
    with pytest.raises(PermissionDenied) as caught:
        adjust(counter, member.id, 100, actor=cashier)
    assert caught.value.code == "auth.forbidden"
    assert footprint(db) == before

    def approve(permission=Permission.POINTS_ADJUST):
        return approve_as_manager(
            counter.runtime.writer(),
            cashier,
            counter.manager.staff_id,
            counter.manager_pin,
            permission,
            "顾客投诉",
            counter.runtime.now(),
        )

    wrong = approve(Permission.MEMBER_DEACTIVATE)
    with pytest.raises(PermissionDenied) as caught:
        adjust(counter, member.id, 100, actor=cashier, approval=wrong)
    assert caught.value.code == "auth.forbidden"

    approval = approve()
    assert adjust(counter, member.id, 100, "漏记积分", actor=cashier, approval=approval) == 100
    (op,) = ops(db, "points.adjust")
    assert (op["delta"], op["approved_by"]) == (100, counter.manager.staff_id)
    assert db.rows("SELECT staff_id FROM points_entry") == [(cashier.staff_id,)]
    assert db.rows(
        "SELECT approved_by FROM audit_log WHERE action IN ('points.adjusted', 'approval.used')"
    ) == [(counter.manager.staff_id,), (counter.manager.staff_id,)]

    before = footprint(db)
    with pytest.raises(PermissionDenied) as caught:
        adjust(counter, member.id, 100, "漏记积分", actor=cashier, approval=approval)
    assert caught.value.code == "auth.approval_used"
    assert footprint(db) == before
    assert balance(db, member.id) == 100
    assert_consistent(counter, db)


# --- the quarterly tier review ------------------------------------------------------------------


def test_reevaluate_tiers_downgrades_members_whose_12_month_spend_fell(counter, clock, db):
    lapsed = register(counter)
    assert earn(counter, lapsed.id, "L1", 210000).new_tier == "silver"
    steady = register(counter, "王芳", "13900139000")
    refunded = register(counter, "李雷", "13700137000")
    assert earn(counter, refunded.id, "F1", 510000).new_tier == "gold"
    refund(counter, "F1", 20000)  # 4,900 yuan left: gold no longer, silver still
    assert db.scalar("SELECT tier FROM member WHERE id = ?", refunded.id) == "gold"

    travel(clock, START_2025 + timedelta(days=300))
    assert earn(counter, steady.id, "S1", 210000).new_tier == "silver"
    changes = points.reevaluate_tiers(counter.runtime.writer(), counter.manager, clock.now())
    assert changes == [(refunded.id, "gold", "silver")]

    travel(clock, START_2025 + timedelta(days=396))  # 13 months on
    changes = points.reevaluate_tiers(counter.runtime.writer(), counter.manager, clock.now())
    assert sorted(changes) == sorted(
        [(lapsed.id, "silver", "bronze"), (refunded.id, "silver", "bronze")]
    )
    tiers = dict(db.rows("SELECT id, tier FROM member"))
    assert (tiers[lapsed.id], tiers[steady.id], tiers[refunded.id]) == (
        "bronze",
        "silver",
        "bronze",
    )
    assert db.rows(
        "SELECT from_tier, to_tier, reason, spend_fen FROM tier_change WHERE member_id = ?"
        " ORDER BY at",
        lapsed.id,
    ) == [
        ("bronze", "silver", "upgrade on purchase", 210000),
        ("silver", "bronze", "quarterly review", 0),
    ]
    reviews = [p for p in ops(db, "member.tier_change") if p["reason"] == "quarterly review"]
    assert len(reviews) == 3
    assert points.reevaluate_tiers(counter.runtime.writer(), counter.manager, clock.now()) == []
    assert_consistent(counter, db)
