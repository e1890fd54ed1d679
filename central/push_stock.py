"""Handlers for gifts and stock: redeeming a gift for points and the stock moves (receive,
adjust, count, transfers).

Stock is per store. A move that takes it below zero is applied, not refused, and opened as a
conflict asking the store for a count.
"""

from central.push_batch import Batch
from central.push_points import _debit
from central.push_types import Envelope, Outcome, Reject, _int, _str
from services.protocol import codes


def gift_redeem(b: Batch, env: Envelope, body: dict) -> Outcome:
    """A gift handed over: the member pays at least the chain's price for it (a counter that
    says fewer points is charged the price; a stale counter's higher price stands)."""
    member = b.member(body.get("member_id"))
    gift_id = _str(body, "gift_id")
    sku = _str(body, "sku")
    points = _int(body, "points", 1)
    price = b.gift_price(sku)
    charged = max(points, price or 0)
    outcome = _debit(b, env, member, charged, "gift", f"gift:{sku}")
    if charged != points and outcome.result == "applied":
        outcome.code = "gift.price_differs"
    stock = _move_stock(b, env, gift_id, -1, None)
    if stock.conflict_ids:
        if outcome.result != "conflict":
            outcome = stock
        else:
            outcome.conflict_ids += stock.conflict_ids
    return outcome


def stock_move(b: Batch, env: Envelope, body: dict) -> Outcome:
    gift_id = _str(body, "gift_id")
    quantity = _int(body, "quantity", None)
    counted = body.get("counted") if env.op_type == "stock.count" else None
    if counted is not None and (not isinstance(counted, int) or counted < 0):
        raise Reject(codes.OP_BAD_PAYLOAD, field="counted")
    return _move_stock(b, env, gift_id, quantity, counted)


def _move_stock(b: Batch, env: Envelope, gift_id: str, qty: int, counted: int | None) -> Outcome:
    row = b.stock.get(gift_id)
    if row is None:
        row = b.stock[gift_id] = {
            "store_id": b.store.id,
            "gift_id": gift_id,
            "on_hand": 0,
            "_new": True,
        }
    before = row["on_hand"]
    row["on_hand"] = counted if counted is not None else before + qty
    b.dirty_stock.add(gift_id)
    if row["on_hand"] >= 0 or before < 0:
        return Outcome()
    detail = {"gift_id": gift_id, "on_hand": row["on_hand"], "task": "stock_count"}
    cid = b.open_conflict(env, "stock.below_zero", gift_id, {b.store.id}, detail)
    return Outcome("conflict", "stock.below_zero", [cid])
