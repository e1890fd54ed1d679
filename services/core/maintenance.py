"""Jobs the counter runs by itself: points expiry (at start-up and daily) and the
quarter-end tier review (once per quarter, at the first start-up after it)."""

import json
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from models.counter import Counter, Setting, Store
from services.core.actor import Actor
from services.core.uow import UnitOfWork
from services.points.expiry import expire_due
from services.points.tiers import reevaluate_tiers

REVIEW_KEY = "maintenance.tier_review_quarter"


@dataclass(frozen=True)
class MaintenanceReport:
    members_expired: int
    tier_changes: int
    quarter_reviewed: str | None


def system_actor(uow: UnitOfWork) -> Actor | None:
    with uow:
        row = uow.session.execute(select(Counter.id, Counter.store_id)).first()
        return None if row is None else Actor(None, "system", "system", row.store_id, row.id)


def quarter_of(now: datetime, timezone: str) -> str:
    local = now.astimezone(ZoneInfo(timezone))
    return f"{local.year}Q{(local.month - 1) // 3 + 1}"


def run_due_maintenance(uow_factory, now: datetime) -> MaintenanceReport:
    actor = system_actor(uow_factory())
    if actor is None:
        return MaintenanceReport(0, 0, None)
    expired = expire_due(uow_factory(), actor, now)
    reviewed, changes = None, 0
    with uow_factory() as uow:
        timezone = uow.session.scalar(select(Store.timezone).join(Counter))
        quarter = quarter_of(now, timezone)
        done = uow.session.get(Setting, REVIEW_KEY)
        first_run = done is None
        due = done is not None and json.loads(done.value) != quarter
    if due or first_run:
        if due:  # a new quarter began since the last review
            changes = len(reevaluate_tiers(uow_factory(), actor, now))
            reviewed = quarter
        with uow_factory() as uow:
            row = uow.session.get(Setting, REVIEW_KEY) or Setting(key=REVIEW_KEY)
            row.value, row.updated_at, row.updated_by = json.dumps(quarter), now, None
            uow.session.add(row)
            uow.commit()
    return MaintenanceReport(expired, changes, reviewed)
