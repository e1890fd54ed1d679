"""Points expiry: lots past their date become expire entries, and what expires soon."""

from datetime import datetime

from sqlalchemy import select

from models.catalog import Member
from models.points import PointsLot
from services.core.actor import Actor
from services.core.journal import record_operation
from services.core.uow import UnitOfWork
from services.points.reads import PointsReads
from services.points.rule_sets import rules_in


def expire_due(uow: UnitOfWork, actor: Actor, now: datetime) -> int:
    """Every lot past its expiry becomes an expire entry; returns how many members lost points."""
    with uow:
        member_ids = uow.session.scalars(
            select(PointsLot.member_id)
            .where(PointsLot.remaining > 0, PointsLot.expires_at <= now)
            .distinct()
        ).all()
        for member_id in member_ids:
            expire_member(uow, actor, now, uow.session.get(Member, member_id))
        uow.commit()
        return len(member_ids)


def expire_member(
    uow: UnitOfWork, actor: Actor, now: datetime, member: Member, version: int | None = None
) -> int:
    """Inside an open unit of work: expires this member's lots that are due; returns points."""
    points, lots, version = uow.ledger.expire(
        actor, now, member.id, version or (lambda: rules_in(uow, now).version)
    )
    if points:
        payload = {"member_id": member.id, "points": points, "lots": lots, "rule_version": version}
        record_operation(uow, actor, now, "points.expire", payload)
    return points


def expiring_soon(
    uow: UnitOfWork, member_id: str, now: datetime, until: datetime
) -> tuple[int, datetime | None]:
    """Inside an open unit of work: points that expire before `until`, and the first date."""
    rows = uow.session.execute(
        select(PointsLot.expires_at, PointsLot.remaining).where(
            PointsLot.member_id == member_id,
            PointsLot.remaining > 0,
            PointsLot.expires_at > now,
            PointsLot.expires_at <= until,
        )
    ).all()
    if not rows:
        return 0, None
    return sum(r.remaining for r in rows), min(r.expires_at for r in rows)


def next_expiry(uow: UnitOfWork, member_id: str, now: datetime) -> tuple[datetime | None, int]:
    return PointsReads(uow).next_expiry(member_id, now)
