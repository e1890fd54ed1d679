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

from importlib import import_module

# The schemas (pydantic) load on first use, not with `services.protocol.codes`, which every
# start needs: a counter's window paints before them, and the first write or sync loads them.
_HOMES = {
    "CHANGES": "changes",
    "OPERATIONS": "operations",
    "OPERATION_TYPES": "operations",
    "ProtocolError": "validate",
    "change_schemas": "validate",
    "parse_payload_text": "validate",
    "payload_schemas": "validate",
    "validate_change": "validate",
    "validate_payload": "validate",
}


def __getattr__(name: str):
    if name == "CHANGE_KINDS":
        value = frozenset(__getattr__("CHANGES"))
    elif name in _HOMES:
        value = getattr(import_module(f"{__name__}.{_HOMES[name]}"), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value  # found once, then a plain attribute
    return value


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
