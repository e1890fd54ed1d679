"""What a push is made of and answers with: the envelope a counter sends, the result of each
operation, and the payload checks every handler shares.

These sit below the batch and the handlers so that every push module imports them from
here and none imports another to check a field. A handler raises `Reject` with a stable
code (the counter shows a message for each one) and the push turns it into a rejected
`Outcome`, so a rejected operation changes nothing.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from services.protocol import codes
from services.rules import points as point_rules

TIERS = point_rules.TIER_ORDER  # lowest first
# The types a sign-in at an event's door is sent as: the batch preloads their rows.
SIGN_IN_TYPES = ("event.signin", "event.sign_in", "event.check_in")


class Envelope(NamedTuple):
    """One operation as the counter sent it (its fields checked by central.api_models).
    A named tuple: a push makes a thousand, and a frozen dataclass took four times as long
    to build."""

    id: str
    device_id: str
    seq: int
    op_type: str
    op_version: int
    payload: str
    payload_hash: str
    store_id: str
    staff_id: str | None
    device_time: datetime


@dataclass
class OpResult:
    id: str
    seq: int
    result: str
    code: str | None = None
    conflict_ids: list[str] = field(default_factory=list)
    original_result: str | None = None


@dataclass(frozen=True)
class PushOutcome:
    results: list[OpResult]
    next_expected_seq: int


class Reject(Exception):
    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass
class Outcome:
    result: str = "applied"
    code: str | None = None
    conflict_ids: list[str] = field(default_factory=list)


# payload checks ---------------------------------------------------------------------------


def _int(body: dict, key: str, minimum: int | None = 0) -> int:
    value = body.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise Reject(codes.OP_BAD_PAYLOAD, field=key)
    if minimum is not None and value < minimum:
        raise Reject(codes.OP_BAD_PAYLOAD, field=key)
    return value


def _str(body: dict, key: str, optional: bool = False) -> str | None:
    value = body.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value:
        raise Reject(codes.OP_BAD_PAYLOAD, field=key)
    return value
