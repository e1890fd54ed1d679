"""The points history a cashier can turn the screen to show: what, when, where and why."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from models.counter import Counter, Store
from models.points import PointsEntry
from models.staff import Staff
from services.core.uow import UnitOfWork

HISTORY_LIMIT = 100


@dataclass(frozen=True)
class LedgerLine:
    at: datetime
    kind: str
    delta: int
    reason: str
    reference: str | None
    staff_name: str | None
    store_name: str
    counter_label: str
    flag: str | None


def history(uow: UnitOfWork, member_id: str, limit: int = HISTORY_LIMIT) -> list[LedgerLine]:
    """What, when, where and why: the lines a cashier can turn the screen to show."""
    with uow:
        rows = uow.session.execute(
            select(PointsEntry, Staff.name, Store.name, Counter.label)
            .outerjoin(Staff, Staff.id == PointsEntry.staff_id)
            .outerjoin(Store, Store.id == PointsEntry.store_id)
            .outerjoin(Counter, Counter.id == PointsEntry.device_id)
            .where(PointsEntry.member_id == member_id)
            .order_by(PointsEntry.at.desc(), PointsEntry.id.desc())
            .limit(limit)
        ).all()
        return [
            LedgerLine(
                e.at,
                e.kind,
                e.delta,
                e.reason,
                e.reference,
                staff,
                store or e.store_id[:8],
                label or "",
                e.flag,
            )
            for e, staff, store, label in rows
        ]
