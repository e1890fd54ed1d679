"""Refunds: earned points taken back in proportion, points spent as cash given back, and
the upgrade a fully refunded purchase had brought undone."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from models.catalog import Member
from models.points import LotSpend, PointsEntry, PointsLot, Purchase, TierChange
from services.core.actor import Actor
from services.core.errors import NotFoundError, ValidationError
from services.core.journal import append_audit, record_operation
from services.core.uow import UnitOfWork
from services.members.lookup import find_member as _member
from services.points.expiry import expire_member
from services.points.ledger import Posting
from services.points.reads import checked_receipt
from services.points.rule_sets import rules_in
from services.points.tiers import UPGRADE_REASON, change_tier, trailing_spend_fen
from services.protocol import codes
from services.rules import points as rules
from services.rules.permissions import Permission
from services.staff.authz import require_permission


@dataclass(frozen=True)
class RefundResult:
    receipt_no: str
    refund_fen: int
    points_reversed: int
    points_returned: int
    balance: int
    below_zero: bool
    new_tier: str | None = None  # set when the refund took back the upgrade it had brought


Spender = aliased(PointsEntry)  # the entry that took points from a lot


def refund(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    receipt_no: str,
    refund_fen: int,
) -> RefundResult:
    """A full or partial refund takes back earned points in proportion and gives back spent
    ones. A member who already spent the points goes below zero: recorded and flagged."""
    require_permission(actor, Permission.POINTS_EARN)
    receipt = checked_receipt(receipt_no)
    with uow:
        purchase = uow.session.scalar(
            select(Purchase).where(
                Purchase.store_id == actor.store_id, Purchase.receipt_no == receipt
            )
        )
        if purchase is None:
            raise NotFoundError(codes.PURCHASE_NOT_FOUND, receipt=receipt)
        left = _refund_base(purchase) - purchase.refunded_fen
        if not 0 < refund_fen <= left:
            raise ValidationError(codes.REFUND_BAD_AMOUNT, left_fen=left)
        member = _member(uow, purchase.member_id, active_only=False)
        expire_member(uow, actor, now, member)
        version = rules_in(uow, now).version
        proportional = rules.refund_reversal(
            purchase.points_earned,
            purchase.points_reversed,
            _refund_base(purchase),
            purchase.refunded_fen,
            refund_fen,
        )
        # Points of this purchase that already expired were taken once: never twice, and
        # not as a debt. The centre allows any reversal up to the proportional one.
        reverse = min(proportional, _still_held(uow, purchase))
        give_back = _points_to_give_back(purchase, refund_fen)
        if give_back:  # first, so the flag below looks at the balance the refund ends with
            spent_by = uow.session.scalars(
                select(PointsEntry.id).where(
                    PointsEntry.purchase_id == purchase.id, PointsEntry.kind == "redeem"
                )
            ).all()
            posting = Posting(
                "reversal", "refund: points used as cash returned", receipt, purchase.id
            )
            give_back = uow.ledger.restore(
                actor, now, member.id, list(spent_by), give_back, posting, version
            )
        flag = None
        if reverse:
            below = member.points_balance - reverse < 0
            flag = "balance_below_zero" if below else None
            posting = Posting("reversal", "refund", receipt, purchase.id, flag=flag)
            own = uow.session.scalars(
                select(PointsEntry.id).where(
                    PointsEntry.purchase_id == purchase.id, PointsEntry.kind == "earn"
                )
            ).all()
            uow.ledger.debit(
                actor,
                now,
                member.id,
                reverse,
                posting,
                version,
                allow_debt=True,
                first_from=list(own),
            )
        purchase.refunded_fen += refund_fen
        purchase.points_reversed += reverse
        new_tier = None
        if purchase.refunded_fen == _refund_base(purchase):
            uow.flush()  # the spend below reads the refunded purchase
            new_tier = _undo_upgrade(uow, actor, now, member, purchase)
        record_operation(
            uow,
            actor,
            now,
            "points.refund",
            {
                "purchase_id": purchase.id,
                "receipt_no": receipt,
                "member_id": member.id,
                "refund_fen": refund_fen,
                "points_reversed": reverse,
                "points_returned": give_back,
                "rule_version": version,
            },
        )
        if flag:
            append_audit(
                uow,
                actor,
                now,
                "points.below_zero",
                f"member:{member.id}",
                {"balance": member.points_balance, "receipt_no": receipt},
            )
        uow.commit()
        return RefundResult(
            receipt,
            refund_fen,
            reverse,
            give_back,
            member.points_balance,
            flag is not None,
            new_tier,
        )


def _refund_base(purchase: Purchase) -> int:
    """What the customer gave for the goods: money and points as cash (not the member
    discount or a coupon, which were never theirs to get back)."""
    return purchase.paid_fen + purchase.points_cash_fen


def _still_held(uow: UnitOfWork, purchase: Purchase) -> int:
    """What the member still holds of the points this purchase earned: earned, less what
    refunds took back and what expired from its lots."""
    expired = uow.session.scalar(
        select(func.coalesce(func.sum(LotSpend.points), 0))
        .join(PointsLot, PointsLot.id == LotSpend.lot_id)
        .join(PointsEntry, PointsEntry.id == PointsLot.entry_id)
        .join(Spender, Spender.id == LotSpend.entry_id)
        .where(
            PointsEntry.purchase_id == purchase.id,
            PointsEntry.kind == "earn",
            Spender.kind == "expire",
        )
    )
    return max(purchase.points_earned - purchase.points_reversed - expired, 0)


def _undo_upgrade(
    uow: UnitOfWork, actor: Actor, now: datetime, member: Member, purchase
) -> str | None:
    """A full refund of the purchase that upgraded the member takes the upgrade back at once
    (not at the quarter's review): to what the remaining spend qualifies for, never below
    the tier the member had before it. Returns the new tier, or None."""
    last = uow.session.scalars(
        select(TierChange)
        .where(TierChange.member_id == member.id)
        .order_by(TierChange.at.desc(), TierChange.id.desc())
        .limit(1)
    ).first()
    if last is None or last.reason != UPGRADE_REASON or last.at != purchase.at:
        return None
    spend = trailing_spend_fen(uow, member.id, now)
    qualified = rules.tier_for_spend(spend, rules_in(uow, now))
    tier = max(qualified, last.from_tier, key=rules.tier_rank)
    if rules.tier_rank(tier) >= rules.tier_rank(member.tier):
        return None
    change_tier(uow, actor, now, member, tier, "refund of the upgrading purchase", spend)
    return tier


def _points_to_give_back(purchase: Purchase, refund_fen: int) -> int:
    return rules.refund_give_back(
        purchase.points_spent, _refund_base(purchase), purchase.refunded_fen, refund_fen
    )
