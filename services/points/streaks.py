"""The visit streak reward: a member who comes on `streak_days` days in a row is
credited `streak_bonus_points` on the visit that completes the run."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from models.catalog import Member
from models.points import PointsEntry
from models.visits import Visit
from services.core.actor import Actor
from services.core.journal import record_operation
from services.core.uow import UnitOfWork
from services.points.ledger import Posting
from services.rules import points as rules

STREAK_REASON = "visit streak bonus"


def award_streak_bonus(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    member: Member,
    rule_set: rules.RuleSet,
    timezone: str,
    day_start: datetime,
) -> int:
    """Inside an open unit of work, on the member's first visit of the store day, before it is
    added: the streak reward if this visit completes a run. Returns the points credited."""
    if rule_set.streak_bonus_points <= 0 or rule_set.streak_days < 2:
        return 0
    since = day_start - timedelta(days=rule_set.streak_days - 1)
    zone = ZoneInfo(timezone)
    today = day_start.astimezone(zone).date()
    # A run starts afresh after a streak bonus: the days up to it do not count twice.
    last_bonus = uow.session.scalar(
        select(PointsEntry.at)
        .where(
            PointsEntry.member_id == member.id,
            PointsEntry.kind == "visit_bonus",
            PointsEntry.reason == STREAK_REASON,
            PointsEntry.at >= since,
        )
        .order_by(PointsEntry.at.desc())
        .limit(1)
    )
    if last_bonus is not None:
        return 0
    visits = uow.session.scalars(
        select(Visit.at).where(Visit.member_id == member.id, Visit.at >= since)
    ).all()
    days = {at.astimezone(zone).date() for at in visits}
    if not rules.streak_completed(days, today, rule_set.streak_days):
        return 0
    points = rule_set.streak_bonus_points
    expires = rules.points_expire_at(now, timezone)
    posting = Posting("visit_bonus", STREAK_REASON, f"streak:{today.isoformat()}")
    uow.ledger.credit(actor, now, member.id, points, expires, posting, rule_set.version)
    record_operation(
        uow,
        actor,
        now,
        "points.streak_bonus",
        {
            "member_id": member.id,
            "points": points,
            "day": today.isoformat(),
            "streak_days": rule_set.streak_days,
            "rule_version": rule_set.version,
        },
    )
    return points
