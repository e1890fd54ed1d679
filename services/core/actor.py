"""Who acts, and where: passed to every use case so each ledger row can say it."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    staff_id: str | None
    staff_name: str
    role: str
    store_id: str
    device_id: str

    @property
    def is_system(self) -> bool:
        return self.staff_id is None


@dataclass(frozen=True)
class Approval:
    """A manager's consent for one privileged action, given with PIN and reason."""

    manager_id: str
    manager_name: str
    permission: str
    reason: str
    audit_id: int
