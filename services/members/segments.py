"""Who to act on: RFM segments of the store's members and the at-risk list for win-back."""

from collections import Counter as Tally
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import case, func, select

from models.catalog import Member
from models.points import Purchase
from services.core.actor import Actor
from services.core.uow import UnitOfWork
from services.rules import kpis
from services.rules.members import mask_mobile
from services.rules.permissions import Permission
from services.staff.authz import require_permission

AT_RISK_LIMIT = 500
WINDOW = timedelta(days=180)  # spend in the last 180 days against the 180 days before


@dataclass(frozen=True)
class AtRiskMember:
    member_id: str
    member_no: str
    name: str
    mobile_masked: str
    tier: str
    last_purchase_at: datetime
    spend_recent_fen: int
    spend_before_fen: int
    balance: int


def rfm_counts(uow: UnitOfWork, actor: Actor, now: datetime) -> dict[str, int]:
    """Members per segment, counted inside SQLite (a million members return eight rows).
    Members with no purchase in a year are dormant."""
    require_permission(actor, Permission.REPORTS_VIEW)
    year_ago, quarter_ago = now - timedelta(days=365), now - timedelta(days=90)
    # "bought within 30 days" as whole days, the way rfm_segment counts them
    active_since = now - timedelta(days=kpis.ACTIVE_DAYS + 1)
    spend = Purchase.paid_fen - Purchase.refunded_fen
    per_member = (
        select(
            func.max(Purchase.at).label("last"),
            func.sum(case((Purchase.at >= quarter_ago, 1), else_=0)).label("n90"),
            func.sum(spend).label("spent"),
        )
        .where(Purchase.at >= year_ago)
        .group_by(Purchase.member_id)
        .subquery()
    )
    flags = (
        (per_member.c.last > active_since).label("active"),
        (per_member.c.n90 >= kpis.FREQUENT_IN_90_DAYS).label("frequent"),
        (per_member.c.spent >= kpis.HIGH_VALUE_FEN).label("high"),
    )
    counts: Tally[str] = Tally()
    with uow:
        rows = uow.session.execute(select(*flags, func.count()).group_by(*flags)).all()
        members = uow.session.scalar(select(func.count()).where(Member.active.is_(True)))
    for active, frequent, high, n in rows:
        recency = 0 if active else kpis.ACTIVE_DAYS + 1
        segment = kpis.rfm_segment(
            recency,
            kpis.FREQUENT_IN_90_DAYS if frequent else 0,
            kpis.HIGH_VALUE_FEN if high else 0,
        )
        counts[segment] += n
    counts["dormant"] += max(members - sum(n for *_f, n in rows), 0)
    return {segment: n for segment, n in counts.items() if n}


def at_risk_members(
    uow: UnitOfWork, actor: Actor, now: datetime, limit: int = AT_RISK_LIMIT
) -> list[AtRiskMember]:
    """No purchase for 90 days and spend down 40% on the half-year before: the most
    valuable first, since they are the ones worth a coupon."""
    require_permission(actor, Permission.REPORTS_VIEW)
    quiet_since = now - timedelta(days=kpis.AT_RISK_DAYS)
    middle, start = now - WINDOW, now - 2 * WINDOW
    spend = Purchase.paid_fen - Purchase.refunded_fen
    recent = func.sum(case((Purchase.at >= middle, spend), else_=0))
    before = func.sum(case((Purchase.at < middle, spend), else_=0))
    query = (
        select(Member, recent, before)
        .join(Purchase, Purchase.member_id == Member.id)
        .where(
            Member.active.is_(True),
            Member.last_purchase_at < quiet_since,
            Member.last_purchase_at >= start,
            Purchase.at >= start,
        )
        .group_by(Member.id)
        .having(before > 0, recent * 100 <= before * (100 - kpis.SPEND_DROP_PERCENT))
        .order_by(before.desc(), Member.member_no)
        .limit(limit)
    )
    with uow:
        return [
            AtRiskMember(
                m.id,
                m.member_no,
                m.name,
                mask_mobile(m.mobile),
                m.tier,
                m.last_purchase_at,
                int(r),
                int(b),
                m.points_balance,
            )
            for m, r, b in uow.session.execute(query)
        ]
