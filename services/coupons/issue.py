"""Issuing coupons: for points, on a birthday, to win a lapsed member back, each quarter by
tier, by a manager's hand, and in batches for an event. Each coupon is signed, recorded
with its 'issue' move and sent to the outbox."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from common.ids import new_id
from models.catalog import CouponTemplate, Member
from models.counter import Counter, Store
from models.coupons import Coupon, CouponMove
from services.core.actor import Actor, Approval
from services.core.errors import NotFoundError, StateError, ValidationError
from services.core.journal import append_audit, record_operation
from services.core.uow import UnitOfWork
from services.coupons.codes import CouponClaim, short_code, sign_coupon_code
from services.members.lookup import find_member as _member
from services.points.ledger import Posting
from services.points.rule_sets import rules_in
from services.protocol import codes as error_codes
from services.rules import coupons as rules
from services.rules.permissions import Permission
from services.rules.points import coupons_for_points
from services.rules.text import clean_text, reason_problem
from services.staff.authz import authorize, require_permission
from services.sync.lease import require_lease


@dataclass(frozen=True)
class IssuedCoupon:
    coupon_id: str
    code: str
    title_zh: str
    title_en: str
    kind: str
    value: int
    min_spend_fen: int
    valid_from: datetime
    expires_at: datetime
    member_name: str | None
    payload: str


@dataclass(frozen=True)
class TemplateRow:
    template_id: str
    code: str
    title_zh: str
    title_en: str
    kind: str
    value: int
    min_spend_fen: int
    purpose: str
    min_tier: str | None


def templates(uow: UnitOfWork, purpose: str | None = None) -> list[TemplateRow]:
    with uow:
        query = select(CouponTemplate).where(CouponTemplate.active.is_(True))
        if purpose:
            query = query.where(CouponTemplate.purpose == purpose)
        return [
            TemplateRow(
                t.id,
                t.code,
                t.name_zh,
                t.name_en,
                t.kind,
                t.value,
                t.min_spend_fen,
                t.purpose,
                t.min_tier,
            )
            for t in uow.session.scalars(query.order_by(CouponTemplate.code))
        ]


# for points ------------------------------------------------------------------------------


def exchange_points(
    uow: UnitOfWork, actor: Actor, now: datetime, member_id: str, points: int
) -> list[IssuedCoupon]:
    """100 points buy one 10-yuan coupon (the rule set says how many and how much)."""
    require_permission(actor, Permission.POINTS_REDEEM)
    with uow:
        require_lease(uow, now)  # past the offline lease, points buy nothing here
        rule_set = rules_in(uow, now)
        count, _value = coupons_for_points(points, rule_set)
        if count == 0:
            raise ValidationError(error_codes.COUPON_POINTS_STEP, step=rule_set.coupon_points)
        member = _member(uow, member_id)
        template = template_for(uow, "points")
        issued = []
        for _ in range(count):
            coupon = issue_coupon(uow, actor, now, template, member, "points", None)
            posting = Posting("redeem", "points for a coupon", coupon.code)
            uow.ledger.debit(
                actor, now, member.id, rule_set.coupon_points, posting, rule_set.version
            )
            issued.append(issued_coupon(coupon, member))
        record_operation(
            uow,
            actor,
            now,
            "points.redeem",
            {
                "member_id": member.id,
                "points": points,
                "coupon_ids": [c.coupon_id for c in issued],
                "rule_version": rule_set.version,
            },
        )
        uow.commit()
        return issued


# birthday ---------------------------------------------------------------------------------


# batches: win-back and quarterly tier coupons ------------------------------------------------


# by hand and for events ------------------------------------------------------------------------


def issue_by_hand(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    template_id: str,
    member_id: str | None,
    reason: str,
    approval: Approval | None = None,
) -> IssuedCoupon:
    require_permission(actor, Permission.COUPON_GRANT, approval)
    reason = clean_text(reason)
    if problem := reason_problem(reason):
        raise ValidationError(problem)
    with uow:
        authorize(uow, actor, now, Permission.COUPON_GRANT, approval)
        template = template_by_id(uow, template_id)
        member = _member(uow, member_id) if member_id else None
        coupon = issue_coupon(uow, actor, now, template, member, "manual", None, reason)
        append_audit(
            uow,
            actor,
            now,
            "coupon.granted",
            f"coupon:{coupon.id}",
            {"template": template.code, "member_id": member_id, "reason": reason},
        )
        uow.commit()
        return issued_coupon(coupon, member)


# the one way a coupon is made ------------------------------------------------------------------


def issue_coupon(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    template: CouponTemplate,
    member: Member | None,
    source: str,
    source_ref: str | None,
    reason: str | None = None,
) -> Coupon:
    # A template that came from elsewhere is checked again: no coupon worth more than 100 %.
    if problem := rules.coupon_terms_problem(template.kind, template.value, template.min_spend_fen):
        raise StateError(problem, kind=template.kind)
    if member is not None and not rules.tier_allows(member.tier, template.min_tier):
        raise StateError(error_codes.COUPON_TIER_NOT_ELIGIBLE, tier=template.min_tier)
    if member is not None and template.per_member_limit is not None:
        held = uow.session.scalar(
            select(func.count())
            .select_from(Coupon)
            .where(
                Coupon.member_id == member.id,
                Coupon.template_id == template.id,
                Coupon.status != "revoked",
            )
        )
        if held >= template.per_member_limit and source not in ("birthday", "tier", "winback"):
            raise StateError(error_codes.COUPON_LIMIT_REACHED, limit=template.per_member_limit)
    expires = rules.coupon_expires_at(
        now, template.valid_days, template.valid_until, store_zone(uow)
    )
    if expires <= now:
        raise StateError(error_codes.COUPON_TEMPLATE_ENDED)
    coupon_id = new_id()
    claim = CouponClaim(
        coupon_id,
        member.id if member else None,
        template.kind,
        template.value,
        template.min_spend_fen,
        now,
        expires,
        template.offline_ok,
        template.min_tier,
    )
    coupon = Coupon(
        id=coupon_id,
        code=short_code(coupon_id),
        template_id=template.id,
        member_id=claim.member_id,
        kind=template.kind,
        value=template.value,
        min_spend_fen=template.min_spend_fen,
        min_tier=template.min_tier,
        offline_ok=template.offline_ok,
        source=source,
        source_ref=source_ref,
        title_zh=template.name_zh,
        title_en=template.name_en,
        valid_from=now,
        expires_at=expires,
        status="issued",
        issued_at=now,
        issued_store_id=actor.store_id,
        issued_device_id=actor.device_id,
        issued_by=actor.staff_id,
        payload=sign_coupon_code(uow, f"device:{actor.device_id}", claim, now),
    )
    uow.session.add(coupon)
    uow.session.add(move(actor, now, coupon.id, "issue", reason or source, source_ref))
    record_operation(uow, actor, now, "coupon.issue", _issue_payload(coupon))
    return coupon


def move(
    actor: Actor, now: datetime, coupon_id: str, kind: str, reason: str, ref: str | None
) -> CouponMove:
    return CouponMove(
        coupon_id=coupon_id,
        kind=kind,
        reason=reason,
        reference=ref,
        staff_id=actor.staff_id,
        device_id=actor.device_id,
        store_id=actor.store_id,
        at=now,
    )


def _issue_payload(coupon: Coupon) -> dict:
    return {
        "coupon_id": coupon.id,
        "code": coupon.code,
        "template_id": coupon.template_id,
        "member_id": coupon.member_id,
        "kind": coupon.kind,
        "value": coupon.value,
        "min_spend_fen": coupon.min_spend_fen,
        "min_tier": coupon.min_tier,
        "offline_ok": coupon.offline_ok,
        "source": coupon.source,
        "source_ref": coupon.source_ref,
        "valid_from": coupon.valid_from.isoformat(),
        "expires_at": coupon.expires_at.isoformat(),
        "signed_code": coupon.payload,
    }


def issued_coupon(coupon: Coupon, member: Member | None) -> IssuedCoupon:
    return IssuedCoupon(
        coupon.id,
        coupon.code,
        coupon.title_zh,
        coupon.title_en,
        coupon.kind,
        coupon.value,
        coupon.min_spend_fen,
        coupon.valid_from,
        coupon.expires_at,
        member.name if member else None,
        coupon.payload,
    )


def already_issued(uow: UnitOfWork, member_id: str, source: str, ref: str) -> bool:
    return (
        uow.session.scalar(
            select(Coupon.id).where(
                Coupon.member_id == member_id, Coupon.source == source, Coupon.source_ref == ref
            )
        )
        is not None
    )


def active_templates(now: datetime):
    return select(CouponTemplate).where(
        CouponTemplate.active.is_(True),
        (CouponTemplate.valid_until.is_(None)) | (CouponTemplate.valid_until > now),
    )


def template_for(uow: UnitOfWork, purpose: str) -> CouponTemplate:
    template = uow.session.scalars(
        select(CouponTemplate)
        .where(CouponTemplate.active.is_(True), CouponTemplate.purpose == purpose)
        .order_by(CouponTemplate.code)
    ).first()
    if template is None:
        raise NotFoundError(error_codes.COUPON_NO_TEMPLATE, purpose=purpose)
    return template


def template_by_id(uow: UnitOfWork, template_id: str) -> CouponTemplate:
    template = uow.session.get(CouponTemplate, template_id)
    if template is None or not template.active:
        raise NotFoundError(error_codes.COUPON_NO_TEMPLATE, purpose="")
    return template


def store_zone(uow: UnitOfWork) -> str:
    return uow.session.scalar(select(Store.timezone).join(Counter))
