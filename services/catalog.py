"""The gift catalog and coupon templates, maintained by a manager until the centre sends them."""

from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import select

from models.catalog import TIERS, CouponTemplate, Gift
from services.actor import Actor, Approval
from services.authz import authorize, require_permission
from services.errors import StateError, ValidationError
from services.ids import new_id
from services.journal import record_operation
from services.rules.permissions import Permission
from services.rules.text import clean_text, name_problem
from services.uow import UnitOfWork

COUPON_KINDS = ("amount_off", "percent_off", "gift")


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


@dataclass(frozen=True)
class CouponTemplateSpec:
    code: str
    name_zh: str
    name_en: str
    kind: str
    value: int  # fen for amount_off, whole percent for percent_off, 0 for a gift exchange
    min_spend_fen: int = 0
    valid_days: int | None = 30
    min_tier: str | None = None
    per_member_limit: int | None = None
    offline_ok: bool = True


def define_gift(
    uow: UnitOfWork, actor: Actor, now: datetime, spec: GiftSpec, approval: Approval | None = None
) -> str:
    require_permission(actor, Permission.CATALOG_MANAGE, approval)
    _check_names(spec.name_zh, spec.name_en)
    if spec.points_price <= 0:
        raise ValidationError("gift.bad_price")
    _check_tier(spec.min_tier)
    with uow:
        authorize(uow, actor, now, Permission.CATALOG_MANAGE, approval)
        if uow.session.scalar(select(Gift.id).where(Gift.sku == spec.sku)):
            raise StateError("gift.sku_taken", sku=spec.sku)
        gift = Gift(id=new_id(), active=True, created_at=now, **asdict(spec))
        uow.session.add(gift)
        record_operation(uow, actor, now, "gift.define", {"gift_id": gift.id, **asdict(spec)})
        uow.commit()
        return gift.id


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
            raise StateError("coupon_template.code_taken", code=spec.code)
        template = CouponTemplate(id=new_id(), active=True, created_at=now, **asdict(spec))
        uow.session.add(template)
        payload = {"template_id": template.id, **asdict(spec)}
        record_operation(uow, actor, now, "coupon_template.define", payload)
        uow.commit()
        return template.id


def _check_names(name_zh: str, name_en: str) -> None:
    for name in (clean_text(name_zh), clean_text(name_en)):
        if problem := name_problem(name):
            raise ValidationError("catalog." + problem)


def _check_tier(tier: str | None) -> None:
    if tier is not None and tier not in TIERS:
        raise ValidationError("tier.unknown", tier=tier)


def _check_coupon_value(spec: CouponTemplateSpec) -> None:
    if spec.kind not in COUPON_KINDS:
        raise ValidationError("coupon.bad_kind", kind=spec.kind)
    if spec.kind == "amount_off" and spec.value <= 0:
        raise ValidationError("coupon.bad_value")
    if spec.kind == "percent_off" and not 1 <= spec.value <= 99:
        raise ValidationError("coupon.bad_percent")
    if spec.min_spend_fen < 0 or (spec.valid_days is not None and spec.valid_days <= 0):
        raise ValidationError("coupon.bad_terms")
