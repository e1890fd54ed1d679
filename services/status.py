"""What the status bar shows: operations waiting to sync and whether the centre is reachable."""

from dataclasses import dataclass
from datetime import datetime

from services.journal import count_pending_operations
from services.uow import UnitOfWork


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    online: bool
    pending_operations: int
    last_success: datetime | None


def read_sync_status(uow: UnitOfWork) -> SyncStatus:
    # Enrollment with the central system arrives with the sync issue; until then the
    # counter is honestly offline and everything it records waits in the outbox.
    with uow:
        return SyncStatus(
            enrolled=False,
            online=False,
            pending_operations=count_pending_operations(uow),
            last_success=None,
        )
