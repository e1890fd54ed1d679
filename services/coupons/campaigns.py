"""Coupons a campaign hands out: the birthday month's, win-back rounds, a tier's quarterly
ones and an event's batch, each at most once per member and occasion."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from models.catalog import CouponTemplate, Event, Member
from models.coupons import Coupon
from services.core.actor import Actor, Approval
from services.core.errors import NotFoundError, StateError, ValidationError
from services.core.uow import UnitOfWork
from services.coupons.issue import (
    IssuedCoupon,
    active_templates,
    already_issued,
    issue_coupon,
    issued_coupon,
    store_zone,
    template_by_id,
    template_for,
)
from services.members.lookup import find_member as _member
from services.protocol import codes as error_codes
from services.rules import coupons as rules
from services.rules.members import is_birthday_month
from services.rules.permissions import Permission
from services.staff.authz import authorize, require_permission

MAX_BATCH = 5000  # an event batch or a win-back round; more is a job for the centre


@dataclass(frozen=True)
class Offer:
    template_id: str
    title_zh: str
    title_en: str
    kind: str
    value: int


def birthday_offer(uow: UnitOfWork, member_id: str, now: datetime) -> Offer | None:
    """The birthday coupon a scanned member may take now, or None (not the month, no
    template for the tier, or already given this year)."""
    with uow:
        member = _member(uow, member_id)
        template = _birthday_template(uow, member, now)
        if template is None:
            return None
        return Offer(template.id, template.name_zh, template.name_en, template.kind, template.value)


def issue_birthday(uow: UnitOfWork, actor: Actor, now: datetime, member_id: str) -> IssuedCoupon:
    require_permission(actor, Permission.COUPON_ISSUE)
    with uow:
        member = _member(uow, member_id)
        template = _birthday_template(uow, member, now)
        if template is None:
            raise StateError(error_codes.COUPON_NO_BIRTHDAY_COUPON, name=member.name)
        coupon = issue_coupon(
            uow,
            actor,
            now,
            template,
            member,
            "birthday",
            rules.birthday_round(now, store_zone(uow)),
        )
        uow.commit()
        return issued_coupon(coupon, member)


def _birthday_template(uow: UnitOfWork, member: Member, now: datetime) -> CouponTemplate | None:
    timezone = store_zone(uow)
    if not is_birthday_month(member.birth_month, now, timezone):
        return None
    if already_issued(uow, member.id, "birthday", rules.birthday_round(now, timezone)):
        return None
    candidates = list(
        uow.session.scalars(active_templates(now).where(CouponTemplate.purpose == "birthday"))
    )
    return rules.best_for_tier(candidates, member.tier)


def issue_winback(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    member_ids: list[str],
    approval: Approval | None = None,
) -> list[IssuedCoupon]:
    """Win-back coupons for the chosen members who have lapsed and have not had one for
    this lapse; the others are skipped, not refused (a list is often stale by a day)."""
    require_permission(actor, Permission.COUPON_GRANT, approval)
    _check_batch(len(member_ids))
    with uow:
        authorize(uow, actor, now, Permission.COUPON_GRANT, approval)
        template = template_for(uow, "winback")
        issued = []
        for member in uow.session.scalars(select(Member).where(Member.id.in_(member_ids))):
            if not member.active or not rules.lapsed(
                member.last_purchase_at, member.created_at, now
            ):
                continue
            ref = rules.winback_round(member.last_purchase_at, member.created_at)
            if already_issued(uow, member.id, "winback", ref):
                continue
            issued.append(
                issued_coupon(
                    issue_coupon(uow, actor, now, template, member, "winback", ref), member
                )
            )
        uow.commit()
        return issued


def issue_tier_quarter(
    uow: UnitOfWork, actor: Actor, now: datetime, approval: Approval | None = None
) -> list[IssuedCoupon]:
    """This quarter's tier coupon for every active member of this store who qualifies."""
    require_permission(actor, Permission.COUPON_GRANT, approval)
    with uow:
        authorize(uow, actor, now, Permission.COUPON_GRANT, approval)
        template = template_for(uow, "tier")
        ref = rules.quarter_round(now, store_zone(uow))
        given = select(Coupon.member_id).where(Coupon.source == "tier", Coupon.source_ref == ref)
        members = uow.session.scalars(
            select(Member)
            .where(
                Member.active.is_(True),
                Member.home_store_id == actor.store_id,
                Member.id.not_in(given),
            )
            .order_by(Member.member_no)
        )
        issued = [
            issued_coupon(issue_coupon(uow, actor, now, template, m, "tier", ref), m)
            for m in members
            if rules.tier_allows(m.tier, template.min_tier)
        ]
        uow.commit()
        return issued


def issue_event_batch(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    template_id: str,
    event_id: str,
    count: int,
    approval: Approval | None = None,
) -> list[IssuedCoupon]:
    """Bearer coupons (no member) to hand out at an event."""
    require_permission(actor, Permission.COUPON_GRANT, approval)
    _check_batch(count)
    with uow:
        authorize(uow, actor, now, Permission.COUPON_GRANT, approval)
        template = template_by_id(uow, template_id)
        event = uow.session.get(Event, event_id)
        if event is None:
            raise NotFoundError(error_codes.EVENT_NOT_FOUND)
        issued = [
            issued_coupon(
                issue_coupon(uow, actor, now, template, None, "event", None, event.code), None
            )
            for _ in range(count)
        ]
        uow.commit()
        return issued


def _check_batch(count: int) -> None:
    if not 0 < count <= MAX_BATCH:
        raise ValidationError(error_codes.COUPON_BAD_BATCH, most=MAX_BATCH)
