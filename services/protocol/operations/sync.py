"""What the counter sends back about the sync itself: a conflict's resolution."""

from services.protocol.fields import (
    Id,
    Label,
    Note,
)
from services.protocol.operations.base import (
    Payload,
)


class ConflictResolve(Payload):
    conflict_id: Id
    reason: Note
    staff_name: Label | None = None


OPERATIONS = {
    ("conflict.resolve", 1): ConflictResolve,
}
