"""What the status bar and the Sync page show: enrolled or not, online or offline, operations
waiting, the oldest of them, the last successful sync, rejected operations, open conflicts,
changes that could not be applied (quarantined) and how far this counter's clock is off."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from models.journal import OutboxOperation
from models.sync import SyncConflict, SyncState
from services.core.audit_check import LOCAL_BREAK, local_break
from services.core.journal import count_pending_operations
from services.core.uow import UnitOfWork
from services.rules.clock import clock_skew_problem


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    online: bool
    pending_operations: int
    last_success: datetime | None
    oldest_pending_at: datetime | None = None
    rejected_operations: int = 0
    open_conflicts: int = 0
    last_error: str | None = None
    central_url: str | None = None
    store_name: str | None = None
    failures: int = 0
    quarantined_changes: int = 0
    clock_skew_s: int | None = None  # this clock minus the centre's, at the last answer
    lease_until: datetime | None = None  # past it, redemptions wait for the centre
    # audit.chain_broken (the centre found the log rewritten) or audit.local_break (the
    # check here found it), and when: shown to the manager until head office clears it.
    audit_break: str | None = None
    audit_break_at: datetime | None = None

    @property
    def clock_off(self) -> bool:
        if self.clock_skew_s is None:
            return False
        # The skew was measured against the centre's clock; any instant shows it the same.
        server = datetime(2000, 1, 1, tzinfo=UTC)
        return clock_skew_problem(server + timedelta(seconds=self.clock_skew_s), server)


def read_sync_status(uow: UnitOfWork) -> SyncStatus:
    with uow:
        state = uow.session.get(SyncState, 1)
        audit_break, audit_break_at = _audit_break(uow, state)
        oldest = uow.session.scalar(
            select(OutboxOperation.created_at)
            .where(OutboxOperation.state == "pending")
            .order_by(OutboxOperation.seq)
            .limit(1)
        )
        rejected = uow.session.scalar(
            select(func.count())
            .select_from(OutboxOperation)
            .where(OutboxOperation.state == "rejected")
        )
        conflicts = uow.session.scalar(
            select(func.count()).select_from(SyncConflict).where(SyncConflict.status == "open")
        )
        return SyncStatus(
            enrolled=state is not None,
            online=bool(state and state.online),
            pending_operations=count_pending_operations(uow),
            last_success=state.last_success_at if state else None,
            oldest_pending_at=oldest,
            rejected_operations=rejected or 0,
            open_conflicts=conflicts or 0,
            last_error=state.last_error if state else None,
            central_url=state.central_url if state else None,
            store_name=state.store_name if state else None,
            failures=state.failures if state else 0,
            quarantined_changes=_count_quarantined(uow),
            clock_skew_s=state.clock_skew_s if state else None,
            lease_until=state.lease_until if state else None,
            audit_break=audit_break,
            audit_break_at=audit_break_at,
        )


def _audit_break(uow: UnitOfWork, state: SyncState | None) -> tuple[str | None, datetime | None]:
    if state is not None and state.audit_break_code:
        return state.audit_break_code, state.audit_break_at
    local = local_break(uow)
    if local is not None:
        return LOCAL_BREAK, datetime.fromisoformat(local["at"])
    return None, None


def _count_quarantined(uow: UnitOfWork) -> int:
    # Imported here: the quarantine loads the change schemas (pydantic), which the window's
    # first paint does not wait for; the status bar's first refresh runs in the background.
    from services.sync.quarantine import count_open_quarantined

    return count_open_quarantined(uow)
