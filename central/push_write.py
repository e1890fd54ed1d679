"""Writing a push batch back: its rows in bulk, then the operations and the change feed."""

from typing import TYPE_CHECKING

from sqlalchemy import insert, update

from central.bulk import insert_rows, update_rows
from central.feed import flush_changes
from central.models import (
    BonusClaim,
    Conflict,
    Coupon,
    CouponRedemption,
    EventSignIn,
    GiftStock,
    Member,
    Operation,
    PointsEntry,
    Purchase,
)

if TYPE_CHECKING:
    from central.push_batch import Batch


def write_batch(batch: "Batch") -> None:
    """Sends the batch's changed rows back in bulk, with its operations, conflicts and
    change feed."""
    s = batch.session
    table = Member.__table__
    insert_rows(s, table, [batch.members[m] for m in sorted(batch.new_members)])
    dirty = [batch.members[m] for m in sorted(batch.dirty_members - batch.new_members)]
    columns = ["id", *changed_member_columns(batch, dirty)]
    if len(columns) > 1:
        update_rows(s, table, "id", [{c: m[c] for c in columns} for m in dirty])
    insert_rows(s, Purchase.__table__, batch.new_purchases)
    refunded = [batch.purchases[k] for k in sorted(batch.refunded_purchases)]
    for row in refunded:
        if row in batch.new_purchases:
            continue
        s.execute(
            update(Purchase)
            .where(Purchase.store_id == row["store_id"], Purchase.receipt_no == row["receipt_no"])
            .values(
                refunded_fen=row["refunded_fen"],
                points_reversed=row["points_reversed"],
                points_returned=row["points_returned"],
            )
        )
    insert_rows(s, BonusClaim.__table__, batch.new_claims)
    insert_rows(s, PointsEntry.__table__, batch.entries)
    insert_rows(s, Coupon.__table__, [batch.coupons[c] for c in sorted(batch.new_coupons)])
    for coupon_id in sorted(batch.changed_coupons - batch.new_coupons):
        c = batch.coupons[coupon_id]
        s.execute(
            update(Coupon)
            .where(Coupon.chain_id == batch.chain_id, Coupon.id == coupon_id)
            .values(status=c["status"], revoked_at=c["revoked_at"], points_cost=c["points_cost"])
        )
    redemptions = [batch.redemptions[c] for c in sorted(batch.new_redemptions)]
    insert_rows(s, CouponRedemption.__table__, redemptions)
    for coupon_id in sorted(batch.voided - batch.new_redemptions):
        s.execute(
            update(CouponRedemption)
            .where(
                CouponRedemption.chain_id == batch.chain_id,
                CouponRedemption.coupon_id == coupon_id,
            )
            .values(voided_at=batch.redemptions[coupon_id]["voided_at"])
        )
    for gift_id in sorted(batch.dirty_stock):
        row = batch.stock[gift_id]
        if row.pop("_new", False):
            s.execute(insert(GiftStock).values(**row))
        else:
            s.execute(
                update(GiftStock)
                .where(GiftStock.store_id == row["store_id"], GiftStock.gift_id == gift_id)
                .values(on_hand=row["on_hand"])
            )
    for key in sorted(batch.dirty_signins):
        row = batch.signins[key]
        if row.pop("_new", False):
            s.execute(insert(EventSignIn).values(**row))
        else:
            s.execute(
                update(EventSignIn)
                .where(EventSignIn.event_id == key[0], EventSignIn.attendee == key[1])
                .values(scans=row["scans"])
            )
    batch.registrations.write()
    insert_rows(s, Conflict.__table__, batch.conflicts)
    for conflict_id, values in batch.resolved.items():
        s.execute(update(Conflict).where(Conflict.id == conflict_id).values(**values))
    insert_rows(s, Operation.__table__, batch.operations)
    flush_changes(s, batch.changes)


def changed_member_columns(batch: "Batch", dirty: list[dict]) -> list[str]:
    """The member columns some dirty row changed: a batch of earns sets the balance and
    the time of 1,000 members, and sending their other 14 columns back was a third of
    its write."""
    names = [c.name for c in Member.__table__.columns if c.name not in ("id", "chain_id")]
    changed = set()
    for member in dirty:
        before = batch.loaded_members.get(member["id"])
        changed.update(n for n in names if before is None or member[n] != before[n])
    return [n for n in names if n in changed]
