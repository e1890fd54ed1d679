"""Gifts at the counter: the catalog as a member sees it, and redeeming a gift for points.

A redemption is one transaction: the points ledger entry, the stock move, the redemption
row, its `gift.redeem` operation and its audit entry are all written, or none of them.
Points never go without the gift, and the gift never goes without the points.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from common.ids import new_id
from models.catalog import Gift, Member
from models.counter import Counter, Store
from models.gifts import GiftRedemption, GiftStock
from models.points import PointsEntry
from models.staff import Staff
from services.core.actor import Actor, Approval
from services.core.errors import NotFoundError, StateError, ValidationError
from services.core.journal import append_audit, record_operation
from services.core.uow import UnitOfWork
from services.gifts.stock import find_gift, on_hand, record_move
from services.members.lookup import find_member as _active_member
from services.points.expiry import expire_member
from services.points.ledger import Posting
from services.points.rule_sets import rules_in
from services.protocol import codes
from services.rules import gifts as rules
from services.rules.permissions import Permission
from services.rules.text import clean_text, reason_problem
from services.staff.authz import authorize, require_permission
from services.sync.lease import require_lease

LEDGER_REASON = "gift"  # fixed English reason in the points ledger; the SKU is the reference


@dataclass(frozen=True)
class GiftOffer:
    """One gift in the catalog grid; the member fields are empty when no member is served."""

    id: str
    sku: str
    name_zh: str
    name_en: str
    description: str | None
    image: str | None
    points_price: int
    min_tier: str | None
    per_member_limit: int | None
    on_hand: int
    low: bool
    available: bool
    redeemed: int = 0
    problem: str | None = None  # why the member at the counter may not have it now

    @property
    def affordable(self) -> bool:
        return self.problem is None


@dataclass(frozen=True)
class Redemption:
    id: str
    gift_id: str
    sku: str
    name_zh: str
    name_en: str
    member_id: str
    points: int
    balance: int
    on_hand: int
    overridden: bool
    at: datetime


@dataclass(frozen=True)
class RedemptionSlip:
    """What the printed slip says; the UI adds labels in the reader's language."""

    id: str
    store_name: str
    counter_label: str
    staff_name: str | None
    member_name: str
    member_no: str
    sku: str
    name_zh: str
    name_en: str
    points: int
    balance_after: int
    at: datetime
    timezone: str
    override_reason: str | None


def catalog(
    uow: UnitOfWork, now: datetime, member_id: str | None = None, include_inactive: bool = False
) -> list[GiftOffer]:
    """The gifts, their stock here, and for a member what stands in the way of each."""
    with uow:
        store_id = uow.session.scalar(select(Counter.store_id))
        query = (
            select(Gift, GiftStock.on_hand)
            .outerjoin(GiftStock, (GiftStock.gift_id == Gift.id) & (GiftStock.store_id == store_id))
            .order_by(Gift.points_price, Gift.sku)
        )
        if not include_inactive:
            query = query.where(Gift.active.is_(True))
        rows = uow.session.execute(query).all()
        member = uow.session.get(Member, member_id) if member_id else None
        counts = _redeemed_counts(uow, member_id) if member else {}
        return [_offer(gift, held or 0, member, counts.get(gift.id, 0), now) for gift, held in rows]


def redeem_gift(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    member_id: str,
    gift_id: str,
    override_reason: str | None = None,
    approval: Approval | None = None,
) -> Redemption:
    """Hands one gift to a member for its points price.

    Refused when the gift is not available, the member's tier does not qualify, the
    per-member limit is reached, the balance is short, or the stock shows none. The last
    one a manager may override with a reason, because the gift in hand proves it exists.
    """
    require_permission(actor, Permission.GIFT_REDEEM)
    reason = _checked_override(override_reason)
    with uow:
        authorize(uow, actor, now, Permission.GIFT_REDEEM, None)
        require_lease(uow, now)  # past the offline lease, points buy no gift here
        member = _active_member(uow, member_id)
        gift = find_gift(uow, gift_id)
        version = rules_in(uow, now).version
        expire_member(uow, actor, now, member, version)  # due points must not pay for gifts
        held = on_hand(uow, actor.store_id, gift.id)
        redeemed = _redeemed_counts(uow, member.id, gift.id).get(gift.id, 0)
        problem = rules.redemption_problem(
            _terms(gift), member.tier, member.points_balance, redeemed, held, now
        )
        if problem == "gift.out_of_stock" and reason is not None:
            authorize(uow, actor, now, Permission.GIFT_OVERRIDE_STOCK, approval)
            problem = None
        elif problem is None:
            reason = None  # nothing was overridden: the shelf had the gift
        if problem:
            raise _refusal(problem, gift, member, held)
        redemption_id = new_id()
        posting = Posting("redeem", LEDGER_REASON, gift.sku)
        entry = uow.ledger.debit(actor, now, member.id, gift.points_price, posting, version)
        manager = (approval.manager_id if approval else actor.staff_id) if reason else None
        move = record_move(
            uow, actor, now, gift, "redeem", -1, "redemption", redemption_id, approved_by=manager
        )
        uow.session.add(
            GiftRedemption(
                id=redemption_id,
                gift_id=gift.id,
                member_id=member.id,
                points=gift.points_price,
                points_entry_id=entry.id,
                stock_move_id=move.id,
                override_reason=reason,
                approved_by=manager,
                staff_id=actor.staff_id,
                device_id=actor.device_id,
                store_id=actor.store_id,
                at=now,
            )
        )
        uow.flush()
        record_operation(
            uow,
            actor,
            now,
            "gift.redeem",
            {
                "redemption_id": redemption_id,
                "gift_id": gift.id,
                "sku": gift.sku,
                "member_id": member.id,
                "points": gift.points_price,
                "points_entry_id": entry.id,
                "stock_move_id": move.id,
                "on_hand_after": move.on_hand_after,
                "stock_override": reason is not None,
                "approved_by": manager,
                "rule_version": version,
                "at": now.isoformat(),
            },
        )
        detail = {"redemption_id": redemption_id, "gift": gift.sku, "points": gift.points_price}
        append_audit(uow, actor, now, "gift.redeemed", f"member:{member.id}", detail)
        if reason is not None:
            detail = {**detail, "on_hand_after": move.on_hand_after}
            append_audit(
                uow,
                actor,
                now,
                "gift.stock_override",
                f"gift:{gift.id}",
                detail,
                reason=reason,
                approved_by=approval.manager_id if approval else None,
            )
        uow.commit()
        return Redemption(
            redemption_id,
            gift.id,
            gift.sku,
            gift.name_zh,
            gift.name_en,
            member.id,
            gift.points_price,
            member.points_balance,
            move.on_hand_after,
            reason is not None,
            now,
        )


def redemption_slip(uow: UnitOfWork, redemption_id: str) -> RedemptionSlip:
    with uow:
        row = uow.session.execute(
            select(GiftRedemption, Gift, Member, Staff.name)
            .join(Gift, Gift.id == GiftRedemption.gift_id)
            .join(Member, Member.id == GiftRedemption.member_id)
            .outerjoin(Staff, Staff.id == GiftRedemption.staff_id)
            .where(GiftRedemption.id == redemption_id)
        ).first()
        if row is None:
            raise NotFoundError(codes.GIFT_REDEMPTION_NOT_FOUND)
        redemption, gift, member, staff_name = row
        store, label = uow.session.execute(select(Store, Counter.label).join(Counter)).one()
        # The balance right after this redemption, not today's: a reprint says the same.
        balance = uow.session.scalar(
            select(func.sum(PointsEntry.delta)).where(
                PointsEntry.member_id == member.id, PointsEntry.at <= redemption.at
            )
        )
        return RedemptionSlip(
            redemption.id,
            store.name,
            label,
            staff_name,
            member.name,
            member.member_no,
            gift.sku,
            gift.name_zh,
            gift.name_en,
            redemption.points,
            balance or 0,
            redemption.at,
            store.timezone,
            redemption.override_reason,
        )


# helpers -----------------------------------------------------------------------------------


def _checked_override(text: str | None) -> str | None:
    """The permission is checked only if the override is needed, inside the transaction."""
    if text is None:
        return None
    reason = clean_text(text)
    if problem := reason_problem(reason):
        raise ValidationError(problem)
    return reason[:200]


def _redeemed_counts(uow: UnitOfWork, member_id: str, gift_id: str | None = None) -> dict:
    query = (
        select(GiftRedemption.gift_id, func.count())
        .where(GiftRedemption.member_id == member_id)
        .group_by(GiftRedemption.gift_id)
    )
    if gift_id is not None:
        query = query.where(GiftRedemption.gift_id == gift_id)
    return {gift: count for gift, count in uow.session.execute(query)}


def _terms(gift: Gift) -> rules.GiftTerms:
    return rules.GiftTerms(
        gift.points_price,
        gift.min_tier,
        gift.per_member_limit,
        gift.active,
        gift.available_from,
        gift.available_until,
    )


def _offer(gift: Gift, held: int, member: Member | None, redeemed: int, now) -> GiftOffer:
    terms = _terms(gift)
    problem = None
    if member is not None:
        problem = rules.redemption_problem(
            terms, member.tier, member.points_balance, redeemed, held, now
        )
    return GiftOffer(
        gift.id,
        gift.sku,
        gift.name_zh,
        gift.name_en,
        gift.description,
        gift.image,
        gift.points_price,
        gift.min_tier,
        gift.per_member_limit,
        held,
        gift.active and rules.is_low(held, gift.low_stock_threshold),
        rules.availability_problem(terms, now) is None,
        redeemed,
        problem,
    )


def _refusal(code: str, gift: Gift, member: Member, held: int) -> StateError:
    params = {
        "gift.tier_required": {"tier": gift.min_tier},
        "gift.limit_reached": {"limit": gift.per_member_limit},
        "points.insufficient": {"balance": member.points_balance, "needed": gift.points_price},
        "gift.out_of_stock": {"on_hand": held},
    }.get(code, {})
    return StateError(code, **params)
