"""A sale at the counter: the quote before the cashier confirms, and the earn with its
points as cash, coupon and tier upgrade."""

import json
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from common.ids import new_id
from models.catalog import Member
from models.points import Purchase
from services.core.actor import Actor
from services.core.errors import StateError, ValidationError
from services.core.journal import record_operation
from services.core.uow import UnitOfWork
from services.coupons.use import CouponCheck, check_coupon, mark_redeemed
from services.members.lookup import find_member as _member
from services.points.expiry import expire_member, next_expiry
from services.points.ledger import Posting
from services.points.reads import checked_receipt, store_timezone
from services.points.rule_sets import rules_in
from services.points.tiers import upgrade_tier
from services.protocol import codes
from services.rules import points as rules
from services.rules.members import is_birthday_month
from services.rules.permissions import Permission
from services.staff.authz import require_permission
from services.sync.lease import require_lease


@dataclass(frozen=True)
class Quote:
    member_id: str
    gross_fen: int
    discount_fen: int
    points_cash: int
    points_cash_fen: int
    paid_fen: int
    coupon_fen: int
    coupon: CouponCheck | None
    points: rules.PointsBreakdown
    tier: str
    birthday_month: bool
    balance: int
    rule_version: int


@dataclass(frozen=True)
class Tender:
    """How the customer pays beyond money: points as cash and a coupon's signed text."""

    points_as_cash: int = 0
    coupon_text: str | None = None
    online: bool = False


@dataclass(frozen=True)
class EarnResult:
    purchase_id: str
    receipt_no: str
    quote: Quote
    balance: int
    next_expiry: datetime | None
    next_expiry_points: int
    new_tier: str | None


def quote(
    uow: UnitOfWork,
    member_id: str,
    gross_fen: int,
    categories: dict[str, int],
    points_as_cash: int,
    now: datetime,
    coupon_text: str | None = None,
    online: bool = False,
) -> Quote:
    """What the purchase comes to and earns, before the cashier confirms. Writes nothing."""
    with uow:
        member = _member(uow, member_id)
        tender = Tender(points_as_cash, coupon_text, online)
        return _quote(uow, member, gross_fen, categories, tender, now)


def earn(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    member_id: str,
    receipt_no: str,
    gross_fen: int,
    categories: dict[str, int],
    points_as_cash: int = 0,
    coupon_text: str | None = None,
    online: bool = False,
) -> EarnResult:
    require_permission(actor, Permission.POINTS_EARN)
    receipt = checked_receipt(receipt_no)
    with uow:
        member = _member(uow, member_id)
        _refuse_duplicate_receipt(uow, actor.store_id, receipt)
        rule_set, timezone = rules_in(uow, now), store_timezone(uow)  # read once per earn
        expire_member(uow, actor, now, member, rule_set.version)
        tender = Tender(points_as_cash, coupon_text, online)
        q = _quote(uow, member, gross_fen, categories, tender, now, rule_set, timezone)
        purchase = Purchase(
            id=new_id(),
            store_id=actor.store_id,
            receipt_no=receipt,
            member_id=member.id,
            gross_fen=gross_fen,
            discount_fen=q.discount_fen,
            points_cash_fen=q.points_cash_fen,
            coupon_id=q.coupon.claim.coupon_id if q.coupon else None,
            coupon_fen=q.coupon_fen,
            paid_fen=q.paid_fen,
            categories=json.dumps(categories, sort_keys=True),
            points_earned=q.points.total,
            points_spent=q.points_cash,
            refunded_fen=0,
            points_reversed=0,
            staff_id=actor.staff_id,
            device_id=actor.device_id,
            rule_version=q.rule_version,
            at=now,
        )
        if q.coupon:
            mark_redeemed(uow, actor, now, q.coupon, receipt)
        if q.points_cash:
            posting = Posting("redeem", "points as cash", receipt, purchase.id)
            uow.ledger.debit(actor, now, member.id, q.points_cash, posting, q.rule_version)
            record_operation(
                uow,
                actor,
                now,
                "points.redeem",
                {
                    "member_id": member.id,
                    "points": q.points_cash,
                    "cash_fen": q.points_cash_fen,
                    "purchase_id": purchase.id,
                    "receipt_no": receipt,
                    "rule_version": q.rule_version,
                },
            )
        balance = _write_sale(uow, actor, now, member, purchase, q, timezone)
        new_tier = upgrade_tier(uow, actor, now, member, rule_set)
        uow.flush()
        expiry, expiring = next_expiry(uow, member.id, now)
        uow.commit()
        return EarnResult(purchase.id, receipt, q, balance, expiry, expiring, new_tier)


def _write_sale(uow, actor, now, member: Member, purchase: Purchase, q: Quote, timezone) -> int:
    """The purchase, its points and its operation through the repositories (Core statements:
    through the ORM these rows and their flushes were most of an earn). The member's balance
    and last purchase written under the session's object are expired on it. Returns the
    balance after the sale."""
    uow.sales.add(purchase)
    if q.points.total:
        expires = rules.points_expire_at(now, timezone)
        posting = Posting("earn", "purchase", purchase.receipt_no, purchase.id)
        points, version = q.points.total, q.rule_version
        balance = uow.ledger.credit(
            actor, now, member.id, points, expires, posting, version
        ).balance
    else:
        balance = uow.ledger.balance(member.id)
    uow.sales.mark_member(member.id, now)
    record_operation(uow, actor, now, "points.earn", _earn_payload(purchase, q))
    return balance


def _quote(
    uow: UnitOfWork,
    member: Member,
    gross_fen: int,
    categories: dict[str, int],
    tender: Tender,
    now: datetime,
    rule_set: rules.RuleSet | None = None,
    timezone: str | None = None,
) -> Quote:
    if not isinstance(gross_fen, int) or not 0 < gross_fen <= rules.MAX_PURCHASE_FEN:
        raise ValidationError(codes.PURCHASE_BAD_AMOUNT)
    if any(v < 0 for v in categories.values()) or sum(categories.values()) > gross_fen:
        raise ValidationError(codes.PURCHASE_BAD_CATEGORIES)
    rule_set = rule_set or rules_in(uow, now)
    timezone = timezone or store_timezone(uow)
    discount = rules.member_discount_fen(gross_fen, member.tier, rule_set)
    payable = gross_fen - discount
    coupon = None
    if tender.coupon_text:
        coupon = check_coupon(uow, tender.coupon_text, member, payable, now, tender.online)
        payable -= coupon.discount_fen
    points_as_cash = tender.points_as_cash
    if points_as_cash:
        require_lease(uow, now)  # points spent as cash wait for the centre past the lease
    problem = rules.cash_points_problem(points_as_cash, member.points_balance, payable, rule_set)
    if problem:
        raise ValidationError(problem, balance=member.points_balance)
    cash_fen = rules.cash_value_fen(points_as_cash, rule_set)
    paid = payable - cash_fen
    birthday = is_birthday_month(member.birth_month, now, timezone)
    local_day = now.astimezone(ZoneInfo(timezone)).date()
    breakdown = rules.points_for_purchase(
        paid, gross_fen, categories, member.tier, birthday, local_day, rule_set
    )
    return Quote(
        member.id,
        gross_fen,
        discount,
        points_as_cash,
        cash_fen,
        paid,
        coupon.discount_fen if coupon else 0,
        coupon,
        breakdown,
        member.tier,
        birthday,
        member.points_balance,
        rule_set.version,
    )


def _refuse_duplicate_receipt(uow: UnitOfWork, store_id: str, receipt: str) -> None:
    earlier = uow.sales.earlier(store_id, receipt)
    if earlier is not None:
        at, points, name = earlier
        raise StateError(
            codes.PURCHASE_DUPLICATE_RECEIPT,
            receipt=receipt,
            at=at,
            name=name,
            points=points,
        )


def _earn_payload(purchase: Purchase, q: Quote) -> dict:
    return {
        "purchase_id": purchase.id,
        "receipt_no": purchase.receipt_no,
        "member_id": purchase.member_id,
        "gross_fen": purchase.gross_fen,
        "discount_fen": purchase.discount_fen,
        "points_cash_fen": purchase.points_cash_fen,
        "coupon_id": purchase.coupon_id,
        "coupon_fen": purchase.coupon_fen,
        "paid_fen": purchase.paid_fen,
        "categories": json.loads(purchase.categories),
        "points": q.points.total,
        "base": q.points.base,
        "multiplier": q.points.multiplier,
        "category_bonus": q.points.category_bonus,
        "promotion_bonus": q.points.promotion_bonus,
        "tier": q.tier,
        "birthday_month": q.birthday_month,
        "rule_version": q.rule_version,
        "at": purchase.at.isoformat(),
    }


def refuse_used_receipt(uow: UnitOfWork, store_id: str, receipt_no: str) -> str:
    """The receipt as an earn keeps it, or StateError(error_codes.PURCHASE_DUPLICATE_RECEIPT) when
    this store already earned on it: what a till is told before a sale is even quoted."""
    receipt = checked_receipt(receipt_no)
    with uow:
        _refuse_duplicate_receipt(uow, store_id, receipt)
    return receipt
