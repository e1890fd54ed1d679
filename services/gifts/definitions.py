"""The gift catalog and coupon templates, maintained by a manager until the centre sends them."""

import re
from dataclasses import asdict, dataclass, fields, replace
from datetime import datetime

from sqlalchemy import select

from common.ids import new_id
from models.catalog import TIERS, CouponTemplate, Gift
from services.core.actor import Actor, Approval
from services.core.errors import NotFoundError, StateError, ValidationError
from services.core.journal import record_operation
from services.core.uow import UnitOfWork
from services.protocol import codes
from services.rules.coupons import coupon_terms_problem
from services.rules.permissions import Permission
from services.rules.text import clean_text, name_problem
from services.staff.authz import authorize, require_permission

SKU_RE = re.compile(r"[A-Z0-9][A-Z0-9-]{1,31}")
# A plain file name in resources/gifts/: never a path that could leave that folder.
IMAGE_RE = re.compile(r"[a-z0-9][a-z0-9_-]{0,60}\.(png|jpg)")
MAX_GIFT_POINTS = 10_000_000


@dataclass(frozen=True)
class GiftSpec:
    sku: str
    name_zh: str
    name_en: str
    points_price: int
    description: str | None = None
    min_tier: str | None = None
    per_member_limit: int | None = None
    low_stock_threshold: int = 5
    image: str | None = None  # a file name under resources/gifts/
    available_from: datetime | None = None
    available_until: datetime | None = None


@dataclass(frozen=True)
class CouponTemplateSpec:
    code: str
    name_zh: str
    name_en: str
    kind: str
    value: int  # fen for amount_off, whole percent for percent_off, 0 for a gift exchange
    min_spend_fen: int = 0
    valid_days: int | None = 30
    purpose: str = "manual"  # which issuing path uses it: points, birthday, winback, tier, ...
    min_tier: str | None = None
    per_member_limit: int | None = None
    offline_ok: bool = True


def define_gift(
    uow: UnitOfWork, actor: Actor, now: datetime, spec: GiftSpec, approval: Approval | None = None
) -> str:
    require_permission(actor, Permission.CATALOG_MANAGE, approval)
    spec = _checked_gift(spec)
    with uow:
        authorize(uow, actor, now, Permission.CATALOG_MANAGE, approval)
        if uow.session.scalar(select(Gift.id).where(Gift.sku == spec.sku)):
            raise StateError(codes.GIFT_SKU_TAKEN, sku=spec.sku)
        gift = Gift(id=new_id(), active=True, created_at=now, **asdict(spec))
        uow.session.add(gift)
        record_operation(
            uow, actor, now, "gift.define", {"gift_id": gift.id, **_gift_payload(spec)}
        )
        uow.commit()
        return gift.id


def update_gift(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    gift_id: str,
    spec: GiftSpec,
    active: bool = True,
    approval: Approval | None = None,
) -> None:
    """A manager's local correction of a gift until the centre sends the catalog; the SKU
    stays, so stock and redemptions keep pointing at the same gift."""
    require_permission(actor, Permission.CATALOG_MANAGE, approval)
    spec = _checked_gift(spec)
    with uow:
        authorize(uow, actor, now, Permission.CATALOG_MANAGE, approval)
        gift = uow.session.get(Gift, gift_id)
        if gift is None:
            raise NotFoundError(codes.GIFT_NOT_FOUND)
        if spec.sku != gift.sku:
            raise ValidationError(codes.GIFT_SKU_FIXED, sku=gift.sku)
        for field, value in asdict(spec).items():
            setattr(gift, field, value)
        gift.active = active
        gift.updated_at = now
        payload = {"gift_id": gift.id, "active": active, **_gift_payload(spec)}
        record_operation(uow, actor, now, "gift.update", payload)
        uow.commit()


def gift_spec(uow: UnitOfWork, gift_id: str) -> tuple[GiftSpec, bool]:
    """A gift as the form edits it, and whether it is active."""
    with uow:
        gift = uow.session.get(Gift, gift_id)
        if gift is None:
            raise NotFoundError(codes.GIFT_NOT_FOUND)
        values = {f.name: getattr(gift, f.name) for f in fields(GiftSpec)}
        return GiftSpec(**values), gift.active


def define_coupon_template(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    spec: CouponTemplateSpec,
    approval: Approval | None = None,
) -> str:
    require_permission(actor, Permission.CATALOG_MANAGE, approval)
    _check_names(spec.name_zh, spec.name_en)
    _check_coupon_value(spec)
    _check_tier(spec.min_tier)
    with uow:
        authorize(uow, actor, now, Permission.CATALOG_MANAGE, approval)
        if uow.session.scalar(select(CouponTemplate.id).where(CouponTemplate.code == spec.code)):
            raise StateError(codes.COUPON_TEMPLATE_CODE_TAKEN, template=spec.code)
        template = CouponTemplate(id=new_id(), active=True, created_at=now, **asdict(spec))
        uow.session.add(template)
        payload = {"template_id": template.id, **asdict(spec)}
        record_operation(uow, actor, now, "coupon_template.define", payload)
        uow.commit()
        return template.id


def _checked_gift(spec: GiftSpec) -> GiftSpec:
    _check_names(spec.name_zh, spec.name_en)
    sku = clean_text(spec.sku).replace(" ", "").upper()
    if not SKU_RE.fullmatch(sku):
        raise ValidationError(codes.GIFT_BAD_SKU)
    if not isinstance(spec.points_price, int) or not 0 < spec.points_price <= MAX_GIFT_POINTS:
        raise ValidationError(codes.GIFT_BAD_PRICE)
    _check_tier(spec.min_tier)
    if spec.per_member_limit is not None and spec.per_member_limit <= 0:
        raise ValidationError(codes.GIFT_BAD_LIMIT)
    if spec.low_stock_threshold < 0:
        raise ValidationError(codes.GIFT_BAD_THRESHOLD)
    if spec.image is not None and not IMAGE_RE.fullmatch(spec.image):
        raise ValidationError(codes.GIFT_BAD_IMAGE)
    start, end = spec.available_from, spec.available_until
    if start is not None and end is not None and end <= start:
        raise ValidationError(codes.GIFT_BAD_DATES)
    description = clean_text(spec.description or "") or None
    return replace(
        spec,
        sku=sku,
        name_zh=clean_text(spec.name_zh),
        name_en=clean_text(spec.name_en),
        description=description,
    )


def _gift_payload(spec: GiftSpec) -> dict:
    """The spec as canonical JSON accepts it: times as ISO text."""
    payload = asdict(spec)
    for key in ("available_from", "available_until"):
        if payload[key] is not None:
            payload[key] = payload[key].isoformat()
    return payload


def _check_names(name_zh: str, name_en: str) -> None:
    for name in (clean_text(name_zh), clean_text(name_en)):
        if problem := name_problem(name):
            raise ValidationError("catalog." + problem)


def _check_tier(tier: str | None) -> None:
    if tier is not None and tier not in TIERS:
        raise ValidationError(codes.TIER_UNKNOWN, tier=tier)


def _check_coupon_value(spec: CouponTemplateSpec) -> None:
    """The chain's one coupon rule (the centre checks the same), then the validity."""
    if problem := coupon_terms_problem(spec.kind, spec.value, spec.min_spend_fen):
        raise ValidationError(problem, kind=spec.kind)
    if spec.valid_days is not None and spec.valid_days <= 0:
        raise ValidationError(codes.COUPON_BAD_TERMS)
