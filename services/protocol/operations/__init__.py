"""One schema per operation type a counter sends (version 1): the counter's payload builders
are the specification (services/members/accounts.py, points/sale.py, coupons/issue.py,
...), and the centre validates against the same models before reading anything.

Every model forbids unknown fields and is strict. A field the counter always sends is
required; a nullable one defaults to None, so a payload of an older counter that lacked it
still passes.

Each family's schemas and its part of the registry live in their own module
(members, points, coupons, catalog, events, gifts, sync, pos); a new operation type is a model
and a line in its family's `OPERATIONS`.
"""

from typing import Any

from services.protocol.operations import (
    catalog,
    coupons,
    events,
    gifts,
    members,
    points,
    pos,
    sync,
)
from services.protocol.operations.base import DAYS_IN_MONTH, CardSerial, Payload
from services.protocol.operations.catalog import CouponTemplateDefine, GiftFields
from services.protocol.operations.coupons import CouponIssue
from services.protocol.operations.events import EventFields

FAMILIES = (members, points, coupons, catalog, events, gifts, sync, pos)


def _merge() -> dict[tuple[str, int], type[Payload]]:
    merged: dict[tuple[str, int], type[Payload]] = {}
    for family in FAMILIES:
        for key, model in family.OPERATIONS.items():
            if key in merged:
                raise RuntimeError(f"operation {key} is declared twice")
            merged[key] = model
    return merged


# The registry: (type, version) -> model. A type the counter emits without an entry here
# fails its journal at once (services/core/journal.py) and tests/unit/test_protocol_registry.py.
OPERATIONS: dict[tuple[str, int], type[Payload]] = _merge()

OPERATION_TYPES: frozenset[str] = frozenset(t for t, _v in OPERATIONS)

__all__ = [
    "DAYS_IN_MONTH",
    "OPERATIONS",
    "OPERATION_TYPES",
    "CardSerial",
    "CouponIssue",
    "CouponTemplateDefine",
    "EventFields",
    "GiftFields",
    "Payload",
    "schema_fields",
]


def schema_fields(op_type: str, version: int = 1) -> dict[str, Any]:
    """{field name on the wire: required?} for the docs."""
    model = OPERATIONS[(op_type, version)]
    return {(f.alias or n): f.is_required() for n, f in model.model_fields.items()}
