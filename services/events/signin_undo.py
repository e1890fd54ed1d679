"""A mistaken sign-in at the door taken back by a manager."""

from datetime import datetime

from models.catalog import Member
from models.events import EventSignIn
from models.points import PointsEntry
from services.core.actor import Actor, Approval
from services.core.errors import NotFoundError, StateError, ValidationError
from services.core.journal import append_audit, record_operation
from services.core.uow import UnitOfWork
from services.points.ledger import Posting
from services.points.rule_sets import rules_in
from services.protocol import codes as error_codes
from services.rules.permissions import Permission
from services.rules.text import clean_text, reason_problem
from services.staff.authz import authorize, require_permission


def undo_sign_in(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    signin_id: str,
    reason: str,
    approval: Approval | None = None,
) -> None:
    """A mistaken sign-in is taken back by a manager: the row stays (marked undone, with who
    and why), its attendance points are reversed, the seat is free again."""
    require_permission(actor, Permission.EVENT_MANAGE, approval)
    reason = clean_text(reason)
    if problem := reason_problem(reason):
        raise ValidationError(problem)
    with uow:
        authorize(uow, actor, now, Permission.EVENT_MANAGE, approval)
        signin = uow.session.get(EventSignIn, signin_id)
        if signin is None:
            raise NotFoundError(error_codes.EVENT_SIGNIN_NOT_FOUND)
        if signin.undone_at is not None:
            raise StateError(error_codes.EVENT_ALREADY_UNDONE)
        signin.undone_at, signin.undone_by, signin.undo_reason = now, actor.staff_id, reason
        reversed_points = 0
        if signin.points_entry_id:
            reversed_points = _reverse_points(uow, actor, now, signin)
        approved_by = approval.manager_id if approval else None
        append_audit(
            uow,
            actor,
            now,
            "event.sign_in_undone",
            f"event_signin:{signin.id}",
            {"event_id": signin.event_id, "points_reversed": reversed_points},
            reason=reason,
            approved_by=approved_by,
        )
        record_operation(
            uow,
            actor,
            now,
            "event.sign_in_undo",
            {
                "signin_id": signin.id,
                "event_id": signin.event_id,
                "member_id": signin.member_id,
                "registration_id": signin.registration_id,
                "nonce": signin.nonce,
                "reason": reason,
                "points_reversed": reversed_points,
                "at": now.isoformat(),
            },
        )
        uow.commit()


def _reverse_points(uow: UnitOfWork, actor: Actor, now: datetime, signin: EventSignIn) -> int:
    entry = uow.session.get(PointsEntry, signin.points_entry_id)
    member = uow.session.get(Member, entry.member_id)
    rule_set = rules_in(uow, now)
    flag = "below_zero" if member.points_balance < entry.delta else None
    posting = Posting(
        "reversal", "event sign-in undone", entry.reference, reverses_id=entry.id, flag=flag
    )
    uow.ledger.debit(actor, now, member.id, entry.delta, posting, rule_set.version, allow_debt=True)
    record_operation(
        uow,
        actor,
        now,
        "points.event_bonus_reversal",
        {
            "member_id": member.id,
            "points": entry.delta,
            "event_id": signin.event_id,
            "signin_id": signin.id,
            "reverses_id": entry.id,
            "rule_version": rule_set.version,
        },
    )
    return entry.delta
