"""Stock as a ledger of moves: each explained, each in the outbox, on hand provably their sum."""

import csv
import json
import sqlite3

import pytest

from services.core.errors import LoyaltyError, PermissionDenied
from services.gifts import stock, stock_views
from services.gifts.definitions import GiftSpec, define_gift
from services.rules.permissions import Permission
from services.staff.accounts import approve_as_manager


@pytest.fixture
def gift_id(counter):
    runtime = counter.runtime
    spec = GiftSpec("GIFT-CUP", "保温杯", "Insulated cup", 3000, low_stock_threshold=3)
    return define_gift(runtime.writer(), counter.manager, runtime.now(), spec)


def receive(counter, gift_id, qty=10, ref="DN-001", actor=None):
    runtime = counter.runtime
    return stock.receive_stock(
        runtime.writer(), actor or counter.manager, runtime.now(), gift_id, qty, ref
    )


def on_hand(db) -> int:
    return db.scalar("SELECT on_hand FROM gift_stock")


def ops(db, op_type) -> list[dict]:
    rows = db.rows("SELECT payload FROM outbox WHERE op_type = ? ORDER BY seq", op_type)
    return [json.loads(p) for (p,) in rows]


def approval_for(counter, actor, permission, reason="盘点"):
    return approve_as_manager(
        counter.runtime.writer(),
        actor,
        counter.manager.staff_id,
        counter.manager_pin,
        permission,
        reason,
        counter.runtime.now(),
    )


def test_receiving_books_the_delivery_and_its_operation(counter, db, gift_id):
    result = receive(counter, gift_id, 12, " dn-2026-7 ", actor=counter.make_cashier())
    assert (result.kind, result.quantity, result.on_hand) == ("receive", 12, 12)
    assert on_hand(db) == 12
    assert db.rows("SELECT kind, quantity, on_hand_after, reference FROM stock_move") == [
        ("receive", 12, 12, "dn-2026-7")
    ]
    (op,) = ops(db, "stock.receive")
    assert (op["gift_id"], op["quantity"], op["delivery_ref"]) == (gift_id, 12, "dn-2026-7")


@pytest.mark.parametrize(("qty", "ref", "code"), [
    (0, "DN-1", "stock.bad_quantity"),
    (-3, "DN-1", "stock.bad_quantity"),
    (100_001, "DN-1", "stock.bad_quantity"),
    (5, "   ", "stock.bad_reference"),
])  # fmt: skip
def test_bad_receipts_are_refused(counter, db, gift_id, qty, ref, code):
    with pytest.raises(LoyaltyError) as caught:
        receive(counter, gift_id, qty, ref)
    assert caught.value.code == code
    assert db.count("stock_move") == db.count("outbox WHERE op_type LIKE 'stock.%'") == 0


def test_damage_is_an_adjustment_with_reason_and_manager(counter, db, gift_id):
    receive(counter, gift_id, 10)
    runtime = counter.runtime
    result = stock.adjust_stock(
        runtime.writer(), counter.manager, runtime.now(), gift_id, "damaged", 2, "运输压坏"
    )
    assert result.on_hand == 8 and on_hand(db) == 8
    assert db.rows("SELECT kind, quantity, cause, reason, approved_by FROM stock_move "
                   "WHERE kind = 'adjust'") == [
        ("adjust", -2, "damaged", "运输压坏", counter.manager.staff_id)
    ]  # fmt: skip
    (op,) = ops(db, "stock.adjust")
    assert (op["quantity"], op["cause"], op["reason"]) == (-2, "damaged", "运输压坏")
    assert db.rows("SELECT reason FROM audit_log WHERE action = 'stock.adjusted'") == [
        ("运输压坏",)
    ]


def test_found_pieces_come_back(counter, db, gift_id):
    runtime = counter.runtime
    stock.adjust_stock(
        runtime.writer(), counter.manager, runtime.now(), gift_id, "found", 1, "仓库角落"
    )
    assert on_hand(db) == 1


def test_cashier_adjusts_only_with_a_managers_approval(counter, db, gift_id):
    receive(counter, gift_id, 10)
    cashier = counter.make_cashier()
    runtime = counter.runtime
    with pytest.raises(PermissionDenied):
        stock.adjust_stock(runtime.writer(), cashier, runtime.now(), gift_id, "lost", 1, "丢失")
    approval = approval_for(counter, cashier, Permission.STOCK_MANAGE, "丢失一个")
    stock.adjust_stock(
        runtime.writer(), cashier, runtime.now(), gift_id, "lost", 1, "丢失", approval
    )
    assert on_hand(db) == 9
    assert db.scalar("SELECT approved_by FROM stock_move WHERE kind = 'adjust'") == (
        counter.manager.staff_id
    )


def test_adjustment_without_reason_or_cause_is_refused(counter, gift_id):
    runtime = counter.runtime
    for cause, reason, code in (
        ("damaged", "", "reason.required"),
        ("stolen", "x y", "stock.bad_cause"),
    ):
        with pytest.raises(LoyaltyError) as caught:
            stock.adjust_stock(
                runtime.writer(), counter.manager, runtime.now(), gift_id, cause, 1, reason
            )
        assert caught.value.code == code


def test_stock_count_turns_the_difference_into_a_move(counter, db, gift_id):
    receive(counter, gift_id, 10)
    runtime = counter.runtime
    (result,) = stock.count_stock(
        runtime.writer(), counter.manager, runtime.now(), {gift_id: 7}, "季度盘点"
    )
    assert (result.kind, result.quantity, result.on_hand) == ("count", -3, 7)
    assert on_hand(db) == 7
    assert db.rows("SELECT quantity, counted, reason FROM stock_move WHERE kind = 'count'") == [
        (-3, 7, "季度盘点")
    ]
    (op,) = ops(db, "stock.count")
    assert (op["counted"], op["quantity"], op["on_hand_after"]) == (7, -3, 7)
    assert db.count("audit_log WHERE action = 'stock.counted'") == 1


def test_a_count_that_matches_is_still_recorded(counter, db, gift_id):
    receive(counter, gift_id, 4)
    runtime = counter.runtime
    stock.count_stock(runtime.writer(), counter.manager, runtime.now(), {gift_id: 4})
    assert db.rows("SELECT quantity, counted FROM stock_move WHERE kind = 'count'") == [(0, 4)]
    assert len(ops(db, "stock.count")) == 1
    assert db.count("audit_log WHERE action = 'stock.counted'") == 0


def test_cashier_counts_with_approval_only(counter, db, gift_id):
    cashier = counter.make_cashier()
    runtime = counter.runtime
    with pytest.raises(PermissionDenied):
        stock.count_stock(runtime.writer(), cashier, runtime.now(), {gift_id: 1})
    approval = approval_for(counter, cashier, Permission.STOCK_COUNT)
    stock.count_stock(runtime.writer(), cashier, runtime.now(), {gift_id: 1}, approval=approval)
    assert on_hand(db) == 1


def test_negative_count_is_refused(counter, db, gift_id):
    runtime = counter.runtime
    with pytest.raises(LoyaltyError) as caught:
        stock.count_stock(runtime.writer(), counter.manager, runtime.now(), {gift_id: -1})
    assert caught.value.code == "stock.bad_count"
    assert db.count("stock_move") == 0


def test_transfers_out_and_in(counter, db, gift_id):
    receive(counter, gift_id, 5)
    runtime, manager = counter.runtime, counter.manager
    with pytest.raises(LoyaltyError) as caught:
        stock.transfer_out(runtime.writer(), manager, runtime.now(), gift_id, 6, "SH-002")
    assert caught.value.code == "stock.not_enough"
    with pytest.raises(LoyaltyError) as caught:
        stock.transfer_out(runtime.writer(), manager, runtime.now(), gift_id, 1, "t001")
    assert caught.value.code == "stock.same_store"
    stock.transfer_out(runtime.writer(), manager, runtime.now(), gift_id, 2, "sh-002")
    stock.transfer_in(runtime.writer(), manager, runtime.now(), gift_id, 1, "BJ-001")
    assert on_hand(db) == 4
    assert ops(db, "stock.transfer_out")[0]["to_store"] == "SH-002"
    assert ops(db, "stock.transfer_in")[0]["from_store"] == "BJ-001"


def test_every_move_has_its_operation_and_on_hand_is_their_sum(counter, db, gift_id):
    runtime, manager = counter.runtime, counter.manager
    receive(counter, gift_id, 10)
    stock.adjust_stock(runtime.writer(), manager, runtime.now(), gift_id, "damaged", 1, "破损")
    stock.transfer_out(runtime.writer(), manager, runtime.now(), gift_id, 3, "SH-002")
    stock.count_stock(runtime.writer(), manager, runtime.now(), {gift_id: 5})
    assert db.count("stock_move") == db.count("outbox WHERE op_type LIKE 'stock.%'") == 4
    assert on_hand(db) == db.scalar("SELECT sum(quantity) FROM stock_move") == 5
    assert stock.stock_problems(runtime.reader()) == []


def test_the_check_finds_an_edited_projection(counter, db, gift_id):
    receive(counter, gift_id, 10)
    db.execute("UPDATE gift_stock SET on_hand = 11")
    assert stock.stock_problems(counter.runtime.reader()) == [gift_id]


def test_moves_cannot_be_changed_or_deleted(counter, db, gift_id):
    receive(counter, gift_id, 10)
    for sql in ("UPDATE stock_move SET quantity = 99", "DELETE FROM stock_move"):
        with pytest.raises(sqlite3.IntegrityError) as caught:
            db.execute(sql)
        assert caught.value.sqlite_errorname == "SQLITE_CONSTRAINT_TRIGGER"


def test_low_stock_follows_the_gifts_threshold(counter, gift_id):
    receive(counter, gift_id, 4)
    (line,) = stock_views.stock_levels(counter.runtime.reader())
    assert (line.on_hand, line.threshold, line.low) == (4, 3, False)
    runtime = counter.runtime
    stock.adjust_stock(runtime.writer(), counter.manager, runtime.now(), gift_id, "lost", 1, "丢失")
    assert stock_views.stock_levels(runtime.reader())[0].low


def test_csv_exports_are_utf8_with_bom(counter, tmp_path, gift_id):
    receive(counter, gift_id, 10, "DN-9")
    runtime = counter.runtime
    stock.adjust_stock(
        runtime.writer(), counter.manager, runtime.now(), gift_id, "damaged", 1, "破损"
    )
    levels = stock_views.export_stock_csv(runtime.reader(), tmp_path / "stock.csv")
    moves = stock_views.export_moves_csv(runtime.reader(), tmp_path / "moves.csv")
    for path in (levels, moves):
        assert path.read_bytes().startswith("\ufeff".encode())
    rows = list(csv.reader(levels.open(encoding="utf-8-sig")))
    assert rows[0][0] == "SKU" and rows[1][:4] == ["GIFT-CUP", "保温杯", "Insulated cup", "9"]
    rows = list(csv.reader(moves.open(encoding="utf-8-sig")))
    assert [(r[2], r[3], r[7]) for r in rows[1:]] == [
        ("receive", "10", "delivery"),
        ("adjust", "-1", "破损"),
    ]
    assert not list(tmp_path.glob("*.part"))
