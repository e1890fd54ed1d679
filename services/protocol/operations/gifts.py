"""Gifts handed out for points and the stock moves behind them."""

from services.protocol.fields import (
    AdjustCause,
    Bool,
    Code,
    Count,
    Id,
    PositivePoints,
    Quantity,
    Reason,
    Reference,
    RuleVersion,
    Sku,
    Timestamp,
)
from services.protocol.operations.base import (
    Payload,
)


class GiftRedeem(Payload):
    redemption_id: Id
    gift_id: Id
    sku: Sku
    member_id: Id
    points: PositivePoints
    points_entry_id: Id
    stock_move_id: Id
    on_hand_after: Quantity
    stock_override: Bool = False
    approved_by: Id | None = None
    rule_version: RuleVersion
    at: Timestamp


class StockMove(Payload):
    move_id: Id
    gift_id: Id
    quantity: Quantity
    on_hand_after: Quantity
    reason: Reason
    reference: Reference | None = None
    approved_by: Id | None = None
    at: Timestamp


class StockReceive(StockMove):
    delivery_ref: Reference | None = None


class StockAdjust(StockMove):
    cause: AdjustCause | None = None


class StockCount(StockMove):
    counted: Count


class StockTransferOut(StockMove):
    to_store: Code


class StockTransferIn(StockMove):
    from_store: Code


OPERATIONS = {
    ("gift.redeem", 1): GiftRedeem,
    ("stock.receive", 1): StockReceive,
    ("stock.adjust", 1): StockAdjust,
    ("stock.count", 1): StockCount,
    ("stock.transfer_out", 1): StockTransferOut,
    ("stock.transfer_in", 1): StockTransferIn,
}
