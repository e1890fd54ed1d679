"""Redeeming a gift for points: one transaction for the points, the stock, the outbox and the
audit, and a clear refusal for each reason a gift may not be handed over."""

import json
from datetime import timedelta

import pytest

from services.core.errors import LoyaltyError, PermissionDenied
from services.gifts import redeem as gifts
from services.gifts import stock
from services.gifts.definitions import GiftSpec, define_gift
from services.points.ledger import Ledger, balance_problems
from services.rules.permissions import Permission
from services.staff.accounts import approve_as_manager
from tests.factories import give_points, register

CUP = GiftSpec("GIFT-CUP", "保温杯", "Insulated cup", 3000, image="cup.png")


def make_gift(counter, spec=CUP, stock_qty=5):
    runtime = counter.runtime
    gift_id = define_gift(runtime.writer(), counter.manager, runtime.now(), spec)
    if stock_qty:
        stock.receive_stock(
            runtime.writer(), counter.manager, runtime.now(), gift_id, stock_qty, "DN-1"
        )
    return gift_id


def make_member(counter, balance=10_000, mobile="13800138000"):
    member = register(counter, mobile=mobile, month=5)
    if balance:
        give_points(counter, member.id, balance)
    return member.id


def redeem(counter, member_id, gift_id, actor=None, **kwargs):
    runtime = counter.runtime
    return gifts.redeem_gift(
        runtime.writer(), actor or counter.manager, runtime.now(), member_id, gift_id, **kwargs
    )


def footprint(db) -> tuple:
    """Everything a redemption writes; equal before and after means nothing was written."""
    return (
        db.count("points_entry"),
        db.count("lot_spend"),
        db.count("stock_move"),
        db.count("gift_redemption"),
        db.count("outbox"),
        db.count("audit_log"),
        db.rows("SELECT id, points_balance FROM member ORDER BY id"),
        db.rows("SELECT gift_id, on_hand FROM gift_stock ORDER BY gift_id"),
        db.rows("SELECT id, remaining FROM points_lot ORDER BY id"),
        db.scalar("SELECT last_seq FROM counter"),
    )


def refused(counter, db, code, member_id, gift_id, **kwargs):
    before = footprint(db)
    with pytest.raises(LoyaltyError) as caught:
        redeem(counter, member_id, gift_id, **kwargs)
    assert caught.value.code == code
    assert footprint(db) == before
    return caught.value


def assert_consistent(counter):
    with counter.runtime.reader() as uow:
        assert balance_problems(uow) == []
    assert stock.stock_problems(counter.runtime.reader()) == []


def test_redemption_takes_points_and_stock_together(counter, db):
    gift_id, member_id = make_gift(counter), make_member(counter)
    result = redeem(counter, member_id, gift_id)
    assert (result.points, result.balance, result.on_hand) == (3000, 7000, 4)
    assert db.scalar("SELECT points_balance FROM member") == 7000
    assert db.scalar("SELECT on_hand FROM gift_stock") == 4
    entry = db.rows(
        "SELECT kind, delta, reason, reference FROM points_entry WHERE id = "
        "(SELECT points_entry_id FROM gift_redemption)"
    )
    assert entry == [("redeem", -3000, "gift", "GIFT-CUP")]
    move = db.rows("SELECT kind, quantity, on_hand_after, reference FROM stock_move "
                   "WHERE id = (SELECT stock_move_id FROM gift_redemption)")  # fmt: skip
    assert move == [("redeem", -1, 4, result.id)]
    (payload,) = db.rows("SELECT payload FROM outbox WHERE op_type = 'gift.redeem'")[0]
    op = json.loads(payload)
    assert (op["member_id"], op["gift_id"], op["points"], op["stock_override"]) == (
        member_id,
        gift_id,
        3000,
        False,
    )
    audit = db.rows("SELECT action, subject FROM audit_log WHERE action = 'gift.redeemed'")
    assert audit == [("gift.redeemed", f"member:{member_id}")]
    assert_consistent(counter)


def test_a_cashier_may_redeem(counter, db):
    gift_id, member_id = make_gift(counter), make_member(counter)
    result = redeem(counter, member_id, gift_id, actor=counter.make_cashier())
    assert result.balance == 7000
    assert db.scalar("SELECT staff_id FROM gift_redemption") is not None


def test_tier_restriction_refused(counter, db):
    gift_id = make_gift(counter, GiftSpec("GIFT-SET", "礼盒", "Gift set", 2000, min_tier="gold"))
    error = refused(counter, db, "gift.tier_required", make_member(counter), gift_id)
    assert error.params == {"tier": "gold"}


def test_short_balance_refused(counter, db):
    error = refused(
        counter, db, "points.insufficient", make_member(counter, 2999), make_gift(counter)
    )
    assert error.params == {"balance": 2999, "needed": 3000}


def test_per_member_limit_refused_after_the_limit(counter, db):
    spec = GiftSpec("GIFT-MOV", "电影票", "Cinema tickets", 1000, per_member_limit=1)
    gift_id, member_id = make_gift(counter, spec), make_member(counter)
    redeem(counter, member_id, gift_id)
    error = refused(counter, db, "gift.limit_reached", member_id, gift_id)
    assert error.params == {"limit": 1}
    other = make_member(counter, mobile="13900139000")
    assert redeem(counter, other, gift_id).on_hand == 3  # the limit is per member


def test_zero_stock_refused(counter, db):
    gift_id, member_id = make_gift(counter, stock_qty=0), make_member(counter)
    refused(counter, db, "gift.out_of_stock", member_id, gift_id)


def test_unavailable_gifts_refused(counter, db, clock):
    member_id = make_member(counter)
    later = GiftSpec("GIFT-NEW", "新品", "New", 100, available_from=clock.now() + timedelta(days=1))
    refused(counter, db, "gift.not_yet_available", member_id, make_gift(counter, later))
    over = GiftSpec("GIFT-OLD", "旧品", "Old", 100, available_until=clock.now())
    refused(counter, db, "gift.no_longer_available", member_id, make_gift(counter, over))


def test_manager_overrides_zero_stock_with_a_reason_and_an_audit_row(counter, db):
    gift_id, member_id = make_gift(counter, stock_qty=0), make_member(counter)
    result = redeem(counter, member_id, gift_id, override_reason="货架上还有一个")
    assert result.overridden and result.on_hand == -1
    assert db.rows("SELECT override_reason, approved_by FROM gift_redemption") == [
        ("货架上还有一个", counter.manager.staff_id)
    ]
    audit = db.rows(
        "SELECT subject, reason, staff_id FROM audit_log WHERE action = 'gift.stock_override'"
    )
    assert audit == [(f"gift:{gift_id}", "货架上还有一个", counter.manager.staff_id)]
    op = json.loads(db.scalar("SELECT payload FROM outbox WHERE op_type = 'gift.redeem'"))
    assert op["stock_override"] is True and op["on_hand_after"] == -1
    assert_consistent(counter)


def test_override_needs_a_reason(counter, db):
    gift_id, member_id = make_gift(counter, stock_qty=0), make_member(counter)
    refused(counter, db, "reason.required", member_id, gift_id, override_reason=" ")


def test_override_is_not_used_while_stock_remains(counter, db):
    gift_id, member_id = make_gift(counter, stock_qty=2), make_member(counter)
    result = redeem(counter, member_id, gift_id, override_reason="不需要")
    assert result.on_hand == 1  # a stated reason changes nothing when the shelf has stock
    assert db.count("audit_log WHERE action = 'gift.stock_override'") == 0
    assert db.scalar("SELECT override_reason FROM gift_redemption") is None


def test_cashier_override_needs_a_managers_approval(counter, db):
    gift_id, member_id = make_gift(counter, stock_qty=0), make_member(counter)
    cashier = counter.make_cashier()
    before = footprint(db)
    with pytest.raises(PermissionDenied):
        redeem(counter, member_id, gift_id, actor=cashier, override_reason="礼品在手")
    assert footprint(db) == before
    approval = approve_as_manager(
        counter.runtime.writer(),
        cashier,
        counter.manager.staff_id,
        counter.manager_pin,
        Permission.GIFT_OVERRIDE_STOCK,
        "礼品在手",
        counter.runtime.now(),
    )
    redeem(
        counter, member_id, gift_id, actor=cashier, override_reason="礼品在手", approval=approval
    )
    row = db.rows(
        "SELECT staff_id, approved_by, reason FROM audit_log WHERE action = 'gift.stock_override'"
    )
    assert row == [(cashier.staff_id, counter.manager.staff_id, "礼品在手")]
    assert db.count("audit_log WHERE action = 'approval.used'") == 1


def test_crash_after_the_points_entry_leaves_nothing_behind(counter, db, monkeypatch):
    gift_id, member_id = make_gift(counter), make_member(counter)
    entries = []

    def debit_then_crash(ledger, *args, **kwargs):
        # the ledger's statements ran on the unit of work's connection before the crash
        entries.append(real_debit(ledger, *args, **kwargs))
        raise RuntimeError("power cut")

    real_debit = Ledger.debit
    monkeypatch.setattr(Ledger, "debit", debit_then_crash)
    before = footprint(db)
    with pytest.raises(RuntimeError):
        redeem(counter, member_id, gift_id)
    assert entries  # the points entry had been written
    assert footprint(db) == before
    assert_consistent(counter)


def test_crash_after_the_stock_move_leaves_nothing_behind(counter, db, monkeypatch):
    gift_id, member_id = make_gift(counter), make_member(counter)

    def crash(*_args, **_kwargs):
        raise RuntimeError("disk went away")

    monkeypatch.setattr(gifts, "append_audit", crash)  # the last write of a redemption
    before = footprint(db)
    with pytest.raises(RuntimeError):
        redeem(counter, member_id, gift_id)
    assert footprint(db) == before
    assert db.scalar("SELECT points_balance FROM member") == 10_000


def test_catalog_tells_what_the_member_may_have(counter):
    make_gift(counter)
    make_gift(counter, GiftSpec("GIFT-SPK", "音箱", "Speaker", 12000), stock_qty=1)
    make_gift(counter, GiftSpec("GIFT-TEA", "茶", "Tea", 500, min_tier="silver"))
    make_gift(counter, GiftSpec("GIFT-UMB", "伞", "Umbrella", 100), stock_qty=0)
    member_id = make_member(counter)
    runtime = counter.runtime
    offers = {o.sku: o for o in gifts.catalog(runtime.reader(), runtime.now(), member_id)}
    assert offers["GIFT-CUP"].affordable and offers["GIFT-CUP"].on_hand == 5
    assert offers["GIFT-SPK"].problem == "points.insufficient" and offers["GIFT-SPK"].low
    assert offers["GIFT-TEA"].problem == "gift.tier_required"
    assert offers["GIFT-UMB"].problem == "gift.out_of_stock"
    cheapest = gifts.catalog(runtime.reader(), runtime.now())[0]  # no member: all shown
    assert cheapest.sku == "GIFT-UMB" and cheapest.problem is None


def test_slip_pdf_is_80_mm_wide_with_the_redemption(counter, tmp_path):
    from services.printing.fonts import font_is_embedded
    from services.printing.gift_slips import SlipText, render_gift_slip

    gift_id, member_id = make_gift(counter), make_member(counter)
    result = redeem(counter, member_id, gift_id)
    slip = gifts.redemption_slip(counter.runtime.reader(), result.id)
    assert (slip.member_name, slip.sku, slip.points, slip.balance_after) == (
        "陈安娜",
        "GIFT-CUP",
        3000,
        7000,
    )
    rows = (("礼品", slip.name_zh), ("积分", str(slip.points)), ("余额", str(slip.balance_after)))
    path = render_gift_slip(
        SlipText(slip.store_name, "礼品兑换单", slip.name_zh, rows, slip.id), tmp_path / "s.pdf"
    )
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    width = float(data.split(b"/MediaBox [")[1].split()[2])
    assert round(width / 72 * 25.4) == 80
    assert not font_is_embedded() or b"/FontFile2" in data  # the CJK font travels with it
