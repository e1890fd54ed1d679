"""The console's audit trail: one append-only row per change, written in the change's own
transaction (so there is never a change without its row, nor a row without its change)."""

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert
from sqlalchemy.orm import Session

from central.console.tables import ConsoleAudit


@dataclass(frozen=True)
class Who:
    """The signed-in user making a change, and where from."""

    user_id: str
    name: str
    role: str
    store_id: str | None
    address: str


def record(
    session: Session,
    who: Who,
    now: datetime,
    action: str,
    subject: str,
    before: dict | None = None,
    after: dict | None = None,
    reason: str | None = None,
) -> None:
    session.execute(
        insert(ConsoleAudit).values(
            at=now,
            user_id=who.user_id,
            user_name=who.name,
            role=who.role,
            action=action,
            subject=subject[:120],
            before=_json(before),
            after=_json(after),
            reason=reason,
            address=who.address[:64],
        )
    )


def _json(value: dict | None) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
