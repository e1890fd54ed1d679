"""Using coupons: the check a scan gets at the till, redemption (inside a purchase or, for a
gift exchange, on its own), a manager's void of a redemption, and revoking an unused coupon.

Every refusal has its own code; a coupon already used says when and where.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from models.catalog import Member
from models.counter import Counter, Store
from models.coupons import Coupon, UsedCoupon
from models.points import PointsEntry
from services.core.actor import Actor, Approval
from services.core.errors import NotFoundError, StateError, ValidationError
from services.core.journal import append_audit, record_operation
from services.core.uow import UnitOfWork
from services.coupons.codes import CouponClaim, dashed_code, read_coupon_code, short_code
from services.coupons.issue import move
from services.points.ledger import Posting
from services.protocol import codes as error_codes
from services.rules import coupons as rules
from services.rules.permissions import Permission
from services.rules.text import clean_text, reason_problem
from services.staff.authz import authorize, require_permission
from services.sync.lease import require_lease


@dataclass(frozen=True)
class CouponCheck:
    """A coupon that passed every check for this member and this amount."""

    claim: CouponClaim
    code: str
    title_zh: str
    title_en: str
    discount_fen: int
    signed_text: str


def check_coupon(
    uow: UnitOfWork,
    text: str,
    member: Member | None,
    payable_fen: int | None,
    now: datetime,
    online: bool,
) -> CouponCheck:
    """Inside the caller's transaction. `payable_fen` None means no purchase (a gift
    exchange). Raises a coupon.* error naming the first reason it cannot be used."""
    require_lease(uow, now)  # past the offline lease no coupon is taken on this counter's word
    claim = read_coupon_code(uow, _signed_text(uow, text))
    # Signed is not sensible: a key may have signed a value the chain's rule refuses.
    if problem := rules.coupon_terms_problem(claim.kind, claim.value, claim.min_spend_fen):
        raise StateError(problem, kind=claim.kind)
    local = uow.session.get(Coupon, claim.coupon_id)
    if local is not None and local.status == "revoked":
        raise StateError(error_codes.COUPON_REVOKED)
    _refuse_if_used(uow, claim.coupon_id, local)
    if now < claim.valid_from:
        raise StateError(error_codes.COUPON_NOT_YET_VALID, start=claim.valid_from)
    if now >= claim.expires_at:
        raise StateError(error_codes.COUPON_EXPIRED, end=claim.expires_at)
    if claim.member_id is not None and member is None:
        raise StateError(error_codes.COUPON_NEEDS_MEMBER)
    if claim.member_id is not None and claim.member_id != member.id:
        raise StateError(error_codes.COUPON_WRONG_MEMBER)
    if not rules.tier_allows(member.tier if member else None, claim.min_tier):
        raise StateError(error_codes.COUPON_WRONG_TIER, tier=claim.min_tier)
    if not claim.offline_ok and not online:
        raise StateError(error_codes.COUPON_ONLINE_ONLY)
    if claim.kind == "gift" and payable_fen is not None:
        raise StateError(error_codes.COUPON_NOT_A_DISCOUNT)
    if claim.kind != "gift" and payable_fen is None:
        raise StateError(error_codes.COUPON_NEEDS_PURCHASE)
    if payable_fen is not None and payable_fen < claim.min_spend_fen:
        raise StateError(error_codes.COUPON_UNDER_MINIMUM, min_fen=claim.min_spend_fen)
    discount = rules.coupon_discount_fen(claim.kind, claim.value, payable_fen or 0)
    title_zh, title_en = (local.title_zh, local.title_en) if local else ("", "")
    return CouponCheck(claim, short_code(claim.coupon_id), title_zh, title_en, discount, text)


def mark_redeemed(
    uow: UnitOfWork, actor: Actor, now: datetime, check: CouponCheck, reference: str | None
) -> None:
    """Inside the caller's transaction, after `check_coupon` passed."""
    coupon = uow.session.get(Coupon, check.claim.coupon_id) or _remember(uow, actor, now, check)
    coupon.status = "redeemed"
    coupon.redeemed_at = now
    coupon.redeemed_store_id = actor.store_id
    coupon.redeemed_device_id = actor.device_id
    coupon.redeemed_reference = reference
    uow.session.add(move(actor, now, coupon.id, "redeem", "used", reference))
    record_operation(
        uow,
        actor,
        now,
        "coupon.redeem",
        {
            "coupon_id": coupon.id,
            "member_id": check.claim.member_id,
            "discount_fen": check.discount_fen,
            "reference": reference,
            "signed_code": coupon.payload,
        },
    )


def redeem_gift_coupon(
    uow: UnitOfWork, actor: Actor, now: datetime, text: str, member_id: str | None, online: bool
) -> CouponCheck:
    """A gift-exchange coupon handed in for its gift, with no purchase."""
    require_permission(actor, Permission.COUPON_REDEEM)
    with uow:
        member = uow.session.get(Member, member_id) if member_id else None
        check = check_coupon(uow, text, member, None, now, online)
        mark_redeemed(uow, actor, now, check, None)
        uow.commit()
        return check


def void_redemption(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    coupon_id: str,
    reason: str,
    approval: Approval | None = None,
) -> None:
    """A manager undoes a redemption (the sale was cancelled): the coupon can be used again."""
    reason = _checked_reason(reason)
    require_permission(actor, Permission.COUPON_VOID, approval)
    with uow:
        authorize(uow, actor, now, Permission.COUPON_VOID, approval)
        coupon = _coupon(uow, coupon_id)
        if coupon.status != "redeemed":
            raise StateError(error_codes.COUPON_NOT_REDEEMED)
        coupon.status = "issued"
        coupon.redeemed_at = coupon.redeemed_store_id = coupon.redeemed_device_id = None
        coupon.redeemed_reference = None
        _close(uow, actor, now, coupon, "void_redemption", reason)
        uow.commit()


def revoke_coupon(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    coupon_id: str,
    reason: str,
    approval: Approval | None = None,
) -> int:
    """Cancels an unused coupon; one bought with points gives them back. Returns the points."""
    reason = _checked_reason(reason)
    require_permission(actor, Permission.COUPON_VOID, approval)
    with uow:
        authorize(uow, actor, now, Permission.COUPON_VOID, approval)
        coupon = _coupon(uow, coupon_id)
        if coupon.status != "issued":
            raise StateError(error_codes.COUPON_NOT_REVOCABLE, status=coupon.status)
        coupon.status = "revoked"
        returned = _return_points(uow, actor, now, coupon) if coupon.source == "points" else 0
        _close(uow, actor, now, coupon, "revoke", reason, returned)
        uow.commit()
        return returned


def record_used_elsewhere(
    uow: UnitOfWork,
    coupon_id: str,
    used_at: datetime,
    store_name: str,
    counter_label: str | None,
    now: datetime,
) -> None:
    """The centre's word that a coupon was used at another store (sync feeds this)."""
    with uow:
        if uow.session.get(UsedCoupon, coupon_id) is None:
            uow.session.add(
                UsedCoupon(
                    coupon_id=coupon_id,
                    used_at=used_at,
                    store_name=store_name,
                    counter_label=counter_label,
                    received_at=now,
                )
            )
        uow.commit()


# helpers ------------------------------------------------------------------------------


def _signed_text(uow: UnitOfWork, text: str) -> str:
    """A scan is the signed text; a typed short code is looked up among known coupons."""
    text = clean_text(text).replace(" ", "")
    if len(text.replace("-", "")) == 12:
        found = uow.session.scalar(select(Coupon.payload).where(Coupon.code == dashed_code(text)))
        if found is None:
            raise NotFoundError(error_codes.COUPON_NOT_FOUND)
        return found
    return text


def _refuse_if_used(uow: UnitOfWork, coupon_id: str, local: Coupon | None) -> None:
    if local is not None and local.status == "redeemed":
        store, counter = uow.session.execute(
            select(Store.name, Counter.label)
            .select_from(Store)
            .outerjoin(Counter, Counter.id == local.redeemed_device_id)
            .where(Store.id == local.redeemed_store_id)
        ).first() or (local.redeemed_store_id, None)
        raise StateError(
            error_codes.COUPON_USED, at=local.redeemed_at, store=store, counter=counter or ""
        )
    elsewhere = uow.session.get(UsedCoupon, coupon_id)
    if elsewhere is not None:
        raise StateError(
            error_codes.COUPON_USED,
            at=elsewhere.used_at,
            store=elsewhere.store_name,
            counter=elsewhere.counter_label or "",
        )


def _remember(uow: UnitOfWork, actor: Actor, now: datetime, check: CouponCheck) -> Coupon:
    """A coupon issued at another counter, seen here for the first time."""
    claim = check.claim
    coupon = Coupon(
        id=claim.coupon_id,
        code=check.code,
        template_id=None,
        member_id=claim.member_id,
        kind=claim.kind,
        value=claim.value,
        min_spend_fen=claim.min_spend_fen,
        min_tier=claim.min_tier,
        offline_ok=claim.offline_ok,
        source="elsewhere",
        source_ref=None,
        title_zh=check.title_zh or check.code,
        title_en=check.title_en or check.code,
        valid_from=claim.valid_from,
        expires_at=claim.expires_at,
        status="issued",
        issued_at=claim.valid_from,
        issued_store_id=actor.store_id,
        issued_device_id=actor.device_id,
        issued_by=None,
        payload=check.signed_text,
    )
    uow.session.add(coupon)
    uow.flush()
    return coupon


def _return_points(uow: UnitOfWork, actor: Actor, now: datetime, coupon: Coupon) -> int:
    member = uow.session.get(Member, coupon.member_id)
    spent = uow.session.scalars(
        select(PointsEntry).where(
            PointsEntry.member_id == coupon.member_id,
            PointsEntry.kind == "redeem",
            PointsEntry.reference == coupon.code,
        )
    ).all()
    if member is None or not spent:
        return 0
    posting = Posting("reversal", "coupon revoked: points returned", coupon.code)
    points = -sum(e.delta for e in spent)
    return uow.ledger.restore(
        actor, now, member.id, [e.id for e in spent], points, posting, spent[0].rule_version
    )


def _close(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    coupon: Coupon,
    kind: str,
    reason: str,
    points_returned: int = 0,
) -> None:
    uow.session.add(move(actor, now, coupon.id, kind, reason, None))
    payload = {"coupon_id": coupon.id, "reason": reason, "points_returned": points_returned}
    record_operation(uow, actor, now, f"coupon.{kind}", payload)
    append_audit(uow, actor, now, f"coupon.{kind}", f"coupon:{coupon.id}", {"reason": reason})


def _coupon(uow: UnitOfWork, coupon_id: str) -> Coupon:
    coupon = uow.session.get(Coupon, coupon_id)
    if coupon is None:
        raise NotFoundError(error_codes.COUPON_NOT_FOUND)
    return coupon


def _checked_reason(reason: str) -> str:
    reason = clean_text(reason)
    if problem := reason_problem(reason):
        raise ValidationError(problem)
    return reason
