"""A manager's points adjustment, and the daily visit bonus with its streak reward."""

from datetime import datetime

from sqlalchemy import func, select

from models.catalog import Member
from models.visits import Visit
from services.core.actor import Actor, Approval
from services.core.errors import ValidationError
from services.core.journal import append_audit, record_operation
from services.core.uow import UnitOfWork
from services.members.lookup import find_member as _member
from services.points.expiry import expire_member
from services.points.ledger import Posting
from services.points.reads import store_timezone
from services.points.rule_sets import rules_in
from services.points.streaks import award_streak_bonus
from services.protocol import codes
from services.rules import points as rules
from services.rules.members import store_day_start
from services.rules.permissions import Permission
from services.rules.text import clean_text, reason_problem
from services.staff.authz import authorize, require_permission


def adjust(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    member_id: str,
    delta: int,
    reason: str,
    approval: Approval | None = None,
) -> int:
    """A manager's correction, with a reason; returns the new balance."""
    require_permission(actor, Permission.POINTS_ADJUST, approval)
    reason = clean_text(reason)
    if problem := reason_problem(reason):
        raise ValidationError(problem)
    if delta == 0 or abs(delta) > rules.MAX_ADJUSTMENT:
        raise ValidationError(codes.POINTS_BAD_ADJUSTMENT)
    with uow:
        authorize(uow, actor, now, Permission.POINTS_ADJUST, approval)
        member = _member(uow, member_id, active_only=False)
        expire_member(uow, actor, now, member)
        version = rules_in(uow, now).version
        posting = Posting("adjust", reason)
        if delta > 0:
            expires = rules.points_expire_at(now, store_timezone(uow))
            uow.ledger.credit(actor, now, member.id, delta, expires, posting, version)
        else:
            uow.ledger.debit(actor, now, member.id, -delta, posting, version)
        record_operation(
            uow,
            actor,
            now,
            "points.adjust",
            {
                "member_id": member.id,
                "delta": delta,
                "reason": reason,
                "approved_by": approval.manager_id if approval else actor.staff_id,
                "rule_version": version,
            },
        )
        append_audit(
            uow,
            actor,
            now,
            "points.adjusted",
            f"member:{member.id}",
            {"delta": delta},
            reason=reason,
            approved_by=approval.manager_id if approval else None,
        )
        uow.commit()
        return member.points_balance


def award_visit_bonus(uow: UnitOfWork, actor: Actor, now: datetime, member: Member) -> int:
    """Inside an open unit of work, before the visit is added: the once-a-day bonus and the
    streak reward, if any. Returns the points credited."""
    rule_set = rules_in(uow, now)
    if rule_set.visit_bonus_points <= 0 and rule_set.streak_bonus_points <= 0:
        return 0
    timezone = store_timezone(uow)
    day_start = store_day_start(now, timezone)
    earlier = uow.session.scalar(
        select(func.count())
        .select_from(Visit)
        .where(Visit.member_id == member.id, Visit.at >= day_start)
    )
    if earlier:
        return 0
    streak = award_streak_bonus(uow, actor, now, member, rule_set, timezone, day_start)
    if rule_set.visit_bonus_points <= 0:
        return streak
    expires = rules.points_expire_at(now, timezone)
    posting = Posting("visit_bonus", "daily visit bonus", day_start.date().isoformat())
    uow.ledger.credit(
        actor, now, member.id, rule_set.visit_bonus_points, expires, posting, rule_set.version
    )
    record_operation(
        uow,
        actor,
        now,
        "points.visit_bonus",
        {
            "member_id": member.id,
            "points": rule_set.visit_bonus_points,
            "day": day_start.date().isoformat(),
            "rule_version": rule_set.version,
        },
    )
    return rule_set.visit_bonus_points + streak
