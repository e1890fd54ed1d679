"""The sync protocol's one typed definition, shared by the counter and the centre.

Pure: pydantic only (no database, no session, no clock, no Qt), so both sides import it.

- `validate_payload(op_type, version, body)`: an operation's payload, checked (the counter
  before it journals one, the centre before any handler reads one).
- `parse_payload_text(text)`: payload JSON text to a dict, refusing NaN/Infinity, duplicate
  keys and non-objects.
- `validate_change(kind, body)`: a change body the centre publishes and a counter applies.
- `OPERATION_TYPES`, `CHANGE_KINDS`: the registries; `payload_schemas()`/`change_schemas()`:
  their JSON Schemas; `services.protocol.limits`: every bound.
"""

from services.protocol.changes import CHANGES
from services.protocol.operations import OPERATION_TYPES, OPERATIONS
from services.protocol.validate import (
    ProtocolError,
    change_schemas,
    parse_payload_text,
    payload_schemas,
    validate_change,
    validate_payload,
)

CHANGE_KINDS: frozenset[str] = frozenset(CHANGES)

__all__ = [
    "CHANGE_KINDS",
    "OPERATIONS",
    "OPERATION_TYPES",
    "ProtocolError",
    "change_schemas",
    "parse_payload_text",
    "payload_schemas",
    "validate_change",
    "validate_payload",
]
