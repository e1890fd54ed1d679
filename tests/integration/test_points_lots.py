"""Points lots over time: spending the soonest-expiring first, expiry, refunds (down to a
debt below zero), manager adjustments and the quarterly tier review.

The clock starts on 1 June 2025 (10:00 in Shanghai) so lots from two years can be earned.
"""

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from services import points
from services.core.clock import ManualClock
from services.core.errors import NotFoundError, PermissionDenied, StateError, ValidationError
from services.members.accounts import member_card
from services.points.ledger import balance_problems
from services.rules.permissions import Permission
from services.staff.accounts import approve_as_manager
from tests.factories import earn, register

SHANGHAI = ZoneInfo("Asia/Shanghai")
START_2025 = datetime(2025, 6, 1, 2, 0, tzinfo=UTC)
MARCH_2026 = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
# The first instant without the points earned in 2025, and those earned in 2026.
END_2025_LOTS = datetime(2027, 1, 1, tzinfo=SHANGHAI)
END_2026_LOTS = datetime(2028, 1, 1, tzinfo=SHANGHAI)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START_2025)


def travel(clock: ManualClock, when: datetime) -> datetime:
    assert when >= clock.now()
    clock.advance(microseconds=(when - clock.now()) // timedelta(microseconds=1))
    assert clock.now() == when
    return when


def refund(counter, receipt, fen):
    return points.refund(
        counter.runtime.writer(), counter.manager, counter.runtime.now(), receipt, fen
    )


def adjust(counter, member_id, delta, reason="盘点更正", actor=None, approval=None):
    return points.adjust(
        counter.runtime.writer(),
        actor or counter.manager,
        counter.runtime.now(),
        member_id,
        delta,
        reason,
        approval,
    )


def expire_due(counter):
    return points.expire_due(counter.runtime.writer(), counter.manager, counter.runtime.now())


def balance(db, member_id) -> int:
    return db.scalar("SELECT points_balance FROM member WHERE id = ?", member_id)


def lot_of(db, receipt_or_reason) -> tuple[int, int, str]:
    """(original, remaining, expires_at) of the lot made by the entry with this reference."""
    rows = db.rows(
        "SELECT l.original, l.remaining, l.expires_at FROM points_lot l"
        " JOIN points_entry e ON e.id = l.entry_id"
        " WHERE e.reference = ? OR (e.reference IS NULL AND e.reason = ?) ORDER BY l.rowid",
        receipt_or_reason,
        receipt_or_reason,
    )
    assert len(rows) == 1, rows
    return rows[0]


def lots(db, member_id) -> list[tuple[int, int]]:
    return db.rows(
        "SELECT original, remaining FROM points_lot WHERE member_id = ? ORDER BY rowid", member_id
    )


def stamp(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def ops(db, op_type) -> list[dict]:
    return [
        json.loads(p)
        for (p,) in db.rows("SELECT payload FROM outbox WHERE op_type = ? ORDER BY seq", op_type)
    ]


def footprint(db) -> tuple:
    return (
        db.count("purchase"),
        db.count("points_entry"),
        db.count("points_lot"),
        db.count("lot_spend"),
        db.count("outbox"),
        db.count("audit_log"),
        db.rows("SELECT id, points_balance, tier FROM member ORDER BY id"),
        db.rows("SELECT id, remaining FROM points_lot ORDER BY id"),
        db.rows("SELECT id, refunded_fen, points_reversed FROM purchase ORDER BY id"),
    )


def assert_consistent(counter, db):
    with counter.runtime.reader() as uow:
        assert balance_problems(uow) == []
    for member_id, bal in db.rows("SELECT id, points_balance FROM member"):
        ledger = db.scalar(
            "SELECT coalesce(sum(delta), 0) FROM points_entry WHERE member_id = ?", member_id
        )
        left = db.scalar(
            "SELECT coalesce(sum(remaining), 0) FROM points_lot WHERE member_id = ?", member_id
        )
        assert (bal, left) == (ledger, max(ledger, 0))


# --- spending the soonest-expiring lots first ---------------------------------------------


def test_points_as_cash_spend_the_2025_lot_before_the_2026_lot(counter, clock, db):
    member = register(counter)
    earn(counter, member.id, "A2025", 30000)  # 300 points, gone at the end of 2026
    travel(clock, MARCH_2026)
    earn(counter, member.id, "B2026", 20000)  # 200 points, gone at the end of 2027
    assert lot_of(db, "A2025") == (300, 300, stamp(END_2025_LOTS))
    assert lot_of(db, "B2026") == (200, 200, stamp(END_2026_LOTS))

    travel(clock, MARCH_2026 + timedelta(hours=1))
    result = earn(counter, member.id, "C2026", 50000, cash=400)
    assert result.quote.paid_fen == 49600
    assert lot_of(db, "A2025")[:2] == (300, 0)
    assert lot_of(db, "B2026")[:2] == (200, 100)
    assert lot_of(db, "C2026") == (496, 496, stamp(END_2026_LOTS))
    spent = db.rows(
        "SELECT e.reference, s.points FROM lot_spend s"
        " JOIN points_lot l ON l.id = s.lot_id JOIN points_entry e ON e.id = l.entry_id"
        " ORDER BY s.id"
    )
    assert spent == [("A2025", 300), ("B2026", 100)]
    assert result.balance == balance(db, member.id) == 300 + 200 - 400 + 496
    assert (result.next_expiry, result.next_expiry_points) == (END_2026_LOTS, 596)
    assert_consistent(counter, db)


def test_soonest_expiry_wins_over_the_order_lots_were_made(counter, clock, db):
    member = register(counter)
    earn(counter, member.id, "A2025", 30000)  # 300, end of 2026
    travel(clock, START_2025 + timedelta(days=30))
    earn(counter, member.id, "P2025", 10000, cash=300)  # A spent; 97 more, end of 2026
    travel(clock, MARCH_2026)
    earn(counter, member.id, "B2026", 20000)  # 200, end of 2027
    travel(clock, MARCH_2026 + timedelta(hours=1))
    back = refund(counter, "P2025", 10000)  # 97 taken back, the 300 spent come back
    assert (back.points_reversed, back.points_returned, back.balance) == (97, 300, 500)
    assert lot_of(db, "A2025")[:2] == (300, 300)  # back in their own lot, with its expiry
    assert lot_of(db, "P2025")[:2] == (97, 0)  # the refund took the purchase's own points
    assert db.count("points_lot") == 3  # no new lot was made for them

    travel(clock, MARCH_2026 + timedelta(hours=2))
    earn(counter, member.id, "C2026", 50000, cash=400)
    assert db.rows(
        "SELECT original, remaining FROM points_lot WHERE expires_at = ? ORDER BY rowid",
        stamp(END_2025_LOTS),
    ) == [(300, 0), (97, 0)]
    assert lot_of(db, "B2026")[:2] == (200, 100)
    assert_consistent(counter, db)


# --- expiry ---------------------------------------------------------------------------------------


def _two_years_of_lots(counter, clock, db):
    member = register(counter)
    earn(counter, member.id, "A2025", 30000)  # 300
    travel(clock, MARCH_2026)
    earn(counter, member.id, "B2026", 20000)  # 200
    earn(counter, member.id, "C2026", 10000, cash=200)  # A 300 -> 100; C 98
    assert balance(db, member.id) == 398
    return member


def test_expire_due_at_new_year_2027_takes_exactly_what_is_left_of_2025(counter, clock, db):
    member = _two_years_of_lots(counter, clock, db)
    other = register(counter, "王芳", "13900139000")
    before = footprint(db)

    travel(clock, END_2025_LOTS - timedelta(seconds=1))
    assert expire_due(counter) == 0
    assert footprint(db) == before

    travel(clock, END_2025_LOTS)
    assert expire_due(counter) == 1
    assert db.rows("SELECT member_id, delta, at FROM points_entry WHERE kind = 'expire'") == [
        (member.id, -100, stamp(END_2025_LOTS))
    ]
    (op,) = ops(db, "points.expire")
    a_entry = db.scalar("SELECT id FROM points_entry WHERE reference = 'A2025'")
    assert (op["member_id"], op["points"], op["lots"]) == (member.id, 100, [a_entry])
    assert lot_of(db, "A2025")[:2] == (300, 0)
    assert lot_of(db, "B2026")[:2] == (200, 200)
    assert lot_of(db, "C2026")[:2] == (98, 98)
    assert balance(db, member.id) == 298
    assert balance(db, other.id) == 0

    after = footprint(db)
    assert expire_due(counter) == 0  # nothing twice
    assert footprint(db) == after
    assert_consistent(counter, db)


def test_expired_points_cannot_pay_even_before_the_expiry_run(counter, clock, db):
    member = register(counter)
    earn(counter, member.id, "A2025", 30000)
    travel(clock, END_2025_LOTS + timedelta(days=1))
    before = footprint(db)
    with pytest.raises(ValidationError) as caught:
        earn(counter, member.id, "X", 10000, cash=300)
    assert caught.value.code == "points.insufficient"
    assert caught.value.params["balance"] == 0
    assert footprint(db) == before
    # an earn without points as cash records the expiry in its own transaction
    result = earn(counter, member.id, "Y", 10000)
    assert result.balance == 100
    assert db.rows("SELECT kind, delta FROM points_entry ORDER BY rowid") == [
        ("earn", 300),
        ("expire", -300),
        ("earn", 100),
    ]
    assert_consistent(counter, db)


def test_expiring_soon(counter, clock, db):
    member = _two_years_of_lots(counter, clock, db)

    def soon(now, days=60):
        with counter.runtime.reader() as uow:
            return points.expiring_soon(uow, member.id, now, now + timedelta(days=days))

    assert soon(clock.now()) == (0, None)
    assert soon(END_2025_LOTS - timedelta(days=61)) == (0, None)
    assert soon(END_2025_LOTS - timedelta(days=60)) == (100, END_2025_LOTS)  # `until` inclusive
    assert soon(END_2025_LOTS - timedelta(seconds=1)) == (100, END_2025_LOTS)
    assert soon(END_2025_LOTS) == (0, None)  # gone, not "expiring"
    assert soon(END_2025_LOTS - timedelta(days=1), days=400) == (398, END_2025_LOTS)

    travel(clock, END_2025_LOTS - timedelta(days=10))
    card = member_card(counter.runtime.reader(), counter.manager, clock.now(), member.id)
    assert (card.points_balance, card.points_expiring, card.points_expiring_on) == (
        398,
        100,
        END_2025_LOTS,
    )


# --- refunds ----------------------------------------------------------------------------------


def test_partial_refunds_reverse_in_proportion_and_the_last_takes_the_rest(counter, db):
    member = register(counter)
    earn(counter, member.id, "R1", 10000)  # 100 points
    steps = [refund(counter, "r1", fen) for fen in (3333, 3333, 3334)]
    assert [(s.refund_fen, s.points_reversed, s.points_returned) for s in steps] == [
        (3333, 33, 0),
        (3333, 33, 0),
        (3334, 34, 0),
    ]
    assert [s.balance for s in steps] == [67, 34, 0]
    assert not any(s.below_zero for s in steps)
    assert db.rows("SELECT refunded_fen, points_earned, points_reversed FROM purchase") == [
        (10000, 100, 100)
    ]
    assert db.rows("SELECT delta, reference, flag FROM points_entry WHERE kind = 'reversal'") == [
        (-33, "R1", None),
        (-33, "R1", None),
        (-34, "R1", None),
    ]
    assert [(p["refund_fen"], p["points_reversed"]) for p in ops(db, "points.refund")] == [
        (3333, 33),
        (3333, 33),
        (3334, 34),
    ]
    before = footprint(db)
    with pytest.raises(ValidationError) as caught:
        refund(counter, "R1", 1)
    assert (caught.value.code, caught.value.params["left_fen"]) == ("refund.bad_amount", 0)
    assert footprint(db) == before
    assert_consistent(counter, db)


def test_full_refund_after_a_partial_one_reverses_exactly_the_rest(counter, db):
    member = register(counter)
    earn(counter, member.id, "R1", 123456)  # 1234 points
    first = refund(counter, "R1", 1)
    assert first.points_reversed == 0  # 1 fen of 1,234.56 yuan is not worth a point
    second = refund(counter, "R1", 50000)
    assert second.points_reversed == 1234 * 50001 // 123456
    rest = refund(counter, "R1", 123456 - 50001)
    assert first.points_reversed + second.points_reversed + rest.points_reversed == 1234
    assert rest.balance == balance(db, member.id) == 0
    assert_consistent(counter, db)


@pytest.mark.parametrize("fen", [0, -1, 10001])
def test_bad_refund_amounts_are_refused(counter, db, fen):
    member = register(counter)
    earn(counter, member.id, "R1", 10000)
    before = footprint(db)
    with pytest.raises(ValidationError) as caught:
        refund(counter, "R1", fen)
    assert caught.value.code == "refund.bad_amount"
    with pytest.raises(NotFoundError) as caught:
        refund(counter, "NOPE", 100)
    assert caught.value.code == "purchase.not_found"
    assert footprint(db) == before


def test_points_used_as_cash_come_back_in_proportion(counter, db):
    member = register(counter)
    earn(counter, member.id, "R1", 50000)  # 500
    paid = earn(counter, member.id, "R2", 10000, cash=300)  # 9700 paid, 97 earned
    assert paid.balance == 297
    half = refund(counter, "R2", 5000)  # half the goods: half of money and points given
    assert (half.points_reversed, half.points_returned, half.balance) == (48, 150, 399)
    rest = refund(counter, "R2", 5000)
    assert (rest.points_reversed, rest.points_returned, rest.balance) == (49, 150, 500)
    assert balance(db, member.id) == 500
    assert [(p["points_reversed"], p["points_returned"]) for p in ops(db, "points.refund")] == [
        (48, 150),
        (49, 150),
    ]
    assert_consistent(counter, db)


def test_a_purchase_paid_wholly_with_points_can_be_refunded(counter, db):
    member = register(counter)
    earn(counter, member.id, "R1", 50000)  # 500
    earn(counter, member.id, "R2", 500, cash=500)  # paid 0
    assert balance(db, member.id) == 0
    back = refund(counter, "R2", 500)
    assert back.points_returned == 500
    assert balance(db, member.id) == 500


def test_points_used_as_cash_come_back_with_their_own_expiry(counter, clock, db):
    member = register(counter)
    earn(counter, member.id, "A2025", 30000)  # 300, gone at the end of 2026
    travel(clock, datetime(2026, 12, 30, 2, 0, tzinfo=UTC))
    earn(counter, member.id, "P2026", 10000, cash=300)
    refund(counter, "P2026", 10000)
    assert balance(db, member.id) == 300
    travel(clock, END_2025_LOTS)
    expire_due(counter)
    assert balance(db, member.id) == 0


def test_refund_does_not_give_back_points_already_expired(counter, clock, db):
    member = register(counter)
    earn(counter, member.id, "A2025", 30000)  # 300, gone at the end of 2026
    travel(clock, START_2025 + timedelta(days=30))
    earn(counter, member.id, "P2025", 301, cash=300)  # 1 fen paid, no points earned
    travel(clock, END_2025_LOTS + timedelta(days=1))
    back = refund(counter, "P2025", 301)
    assert back.points_returned == 0  # their lot expired meanwhile: they would be gone anyway
    shown = back.balance
    assert expire_due(counter) == 0  # nothing is left past its expiry after an operation
    assert shown == balance(db, member.id) == 0


def test_refund_of_spent_points_goes_below_zero_and_new_points_pay_the_debt(counter, db):
    member = register(counter)
    earn(counter, member.id, "R1", 10000)  # 100
    earn(counter, member.id, "R2", 100, cash=100)  # all spent
    assert balance(db, member.id) == 0

    result = refund(counter, "R1", 10000)
    assert (result.points_reversed, result.balance, result.below_zero) == (100, -100, True)
    assert balance(db, member.id) == -100
    assert db.rows("SELECT delta, flag FROM points_entry WHERE kind = 'reversal'") == [
        (-100, "balance_below_zero")
    ]
    audit = db.rows(
        "SELECT subject, detail, staff_id FROM audit_log WHERE action = 'points.below_zero'"
    )
    assert len(audit) == 1
    assert audit[0][0] == f"member:{member.id}"
    assert json.loads(audit[0][1]) == {"balance": -100, "receipt_no": "R1"}
    assert audit[0][2] == counter.manager.staff_id
    assert_consistent(counter, db)

    # no counter redemption while in debt
    before = footprint(db)
    with pytest.raises(ValidationError) as caught:
        earn(counter, member.id, "R3", 10000, cash=100)
    assert caught.value.code == "points.insufficient"
    with pytest.raises(StateError) as caught:
        adjust(counter, member.id, -1)
    assert caught.value.code == "points.insufficient"
    assert footprint(db) == before

    # a manager's positive adjustment pays the debt first
    assert adjust(counter, member.id, 30, "补录积分") == -70
    assert lot_of(db, "补录积分")[:2] == (30, 0)
    assert_consistent(counter, db)
    assert adjust(counter, member.id, 100, "补录积分二") == 30
    assert lot_of(db, "补录积分二")[:2] == (100, 30)
    assert sum(r for _, r in lots(db, member.id)) == 30
    assert_consistent(counter, db)


def _in_debt(counter, db):
    member = register(counter)
    earn(counter, member.id, "R1", 10000)  # 100
    earn(counter, member.id, "R2", 100, cash=100)  # all spent
    assert refund(counter, "R1", 10000).balance == -100
    return member


def test_a_later_purchase_pays_the_debt_first(counter, db):
    member = _in_debt(counter, db)
    earn(counter, member.id, "R4", 5000)  # 50 pays half the debt
    assert balance(db, member.id) == -50
    assert lots(db, member.id)[-1] == (50, 0)
    assert_consistent(counter, db)
    earn(counter, member.id, "R5", 10000)  # 100: 50 more debt, 50 to keep
    assert balance(db, member.id) == 50
    assert lots(db, member.id)[-1] == (100, 50)
    assert sum(r for _, r in lots(db, member.id)) == 50
    assert_consistent(counter, db)


def test_a_refund_that_ends_above_zero_is_not_flagged(counter, db):
    member = register(counter)
    earn(counter, member.id, "R1", 50000)  # 500
    earn(counter, member.id, "R2", 10000, cash=500)  # 95 earned
    adjust(counter, member.id, -95)
    assert balance(db, member.id) == 0
    result = refund(counter, "R2", 10000)  # -95 reversed, +500 returned
    assert result.balance == 405
    assert db.count("audit_log WHERE action = 'points.below_zero'") == 0
    assert result.below_zero is False


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


def test_partial_refunds_never_return_more_to_a_lot_than_was_taken_from_it(counter, db):
    # Found by the stateful property test: a second partial refund used to count only the
    # original spends, not the earlier give-back, and overfilled a lot.
    member = register(counter)
    earn(counter, member.id, "R1", 222652)  # 2226
    adjust(counter, member.id, 83)
    adjust(counter, member.id, 556)
    earn(counter, member.id, "R2", 556, cash=500)  # 83 + 417 taken from the two adjust lots
    earn(counter, member.id, "R3", 48948, cash=2000)  # 139 + 1861
    refund(counter, "R2", 171)
    refund(counter, "R2", 330)
    back = refund(counter, "R3", 44054)
    assert back.points_returned == 2000
    assert balance(db, member.id) == 2865
    assert db.scalar("SELECT sum(remaining) FROM points_lot") == 2865
    assert_consistent(counter, db)
