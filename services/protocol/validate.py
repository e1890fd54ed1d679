"""Checking a payload or a change body against its schema, and reading payload text.

Validation is python-mode and strict on the parsed dict: nothing is coerced, so the body
that passes is returned as it was sent (its canonical text and hash stay the same). Each
model's validator is built once, at import; a call costs a few microseconds.
"""

import json
from typing import Any

import orjson
from pydantic import BaseModel, ValidationError
from pydantic.json_schema import models_json_schema

from services.protocol import codes, limits
from services.protocol.changes import CHANGES
from services.protocol.fields import FieldProblem
from services.protocol.operations import OPERATION_TYPES, OPERATIONS


class ProtocolError(ValueError):
    """A payload or body the protocol refuses. `code` is one of `op.bad_payload`,
    `op.unknown_type`, `op.unsupported_version` (and `change.unknown_kind` for a change
    body); `field` names the first offending field (dotted for nested ones), if any."""

    def __init__(self, code: str, field: str | None = None, detail: str = "") -> None:
        super().__init__(f"{code} {field or ''} {detail}".strip())
        self.code = code
        self.field = field
        self.detail = detail


def validate_payload(op_type: str, version: int, body: dict) -> dict:
    """The payload of `op_type` at `version`, checked; returned unchanged."""
    model = OPERATIONS.get((op_type, version))
    if model is None:
        if op_type in OPERATION_TYPES:
            raise ProtocolError(codes.OP_UNSUPPORTED_VERSION, "version", str(version))
        raise ProtocolError(codes.OP_UNKNOWN_TYPE, "type", op_type[:64])
    _check(model, body, "op.bad_payload")
    return body


def validate_change(kind: str, body: dict) -> dict:
    """A change body the centre publishes (or a counter pulled), checked; returned unchanged."""
    model = CHANGES.get(kind)
    if model is None:
        raise ProtocolError(codes.CHANGE_UNKNOWN_KIND, "kind", kind[:64])
    _check(model, body, "change.bad_body")
    return body


def _check(model: type[BaseModel], body: Any, code: str) -> None:
    if not isinstance(body, dict):
        raise ProtocolError(code, None, "not an object")
    try:
        model.model_validate(body)
    except ValidationError as exc:
        raise ProtocolError(code, *_first_problem(exc)) from None
    except RecursionError:  # a body nested thousands deep
        raise ProtocolError(code, None, "nested too deep") from None


def _first_problem(exc: ValidationError) -> tuple[str | None, str]:
    error = exc.errors(include_url=False, include_input=False)[0]
    blamed = (error.get("ctx") or {}).get("error")
    path = [str(part) for part in error["loc"]]
    if isinstance(blamed, FieldProblem):  # a check across fields, in a nested model or not
        return ".".join([*path, blamed.field]), str(blamed)
    return ".".join(path) or None, error["type"]


# payload text ---------------------------------------------------------------------------


def parse_payload_text(text: str) -> dict:
    """A payload's JSON text as a dict: refuses NaN and Infinity, duplicate keys (which the
    hash would not see), anything but an object, and text over the size limit."""
    if len(text) > limits.MAX_PAYLOAD_CHARS:
        raise ProtocolError(codes.OP_BAD_PAYLOAD, None, "too large")
    body = _canonical_object(text)
    if body is not None:
        return body
    try:
        body = json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant)
    except ProtocolError:
        raise
    except (ValueError, RecursionError):
        raise ProtocolError(codes.OP_BAD_PAYLOAD, None, "not JSON") from None
    if not isinstance(body, dict):
        raise ProtocolError(codes.OP_BAD_PAYLOAD, None, "not an object")
    return body


def _canonical_object(text: str) -> dict | None:
    """The object, when `text` is exactly its canonical JSON (as counters write payloads),
    read by orjson; else None, and the standard parser judges it. Written back it would lose
    a duplicate key and could not hold NaN, so only text with neither passes: a fifth of
    the cost of the standard parser with its duplicate-key hook, per operation pushed."""
    try:
        body = orjson.loads(text)
        same = orjson.dumps(body, option=orjson.OPT_SORT_KEYS) == text.encode("utf-8")
    except (ValueError, TypeError, RecursionError):  # not JSON to orjson, not UTF-8
        return None
    return body if same and isinstance(body, dict) else None


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict:
    body = dict(pairs)
    if len(body) != len(pairs):
        seen: set[str] = set()
        twice = next(k for k, _v in pairs if k in seen or seen.add(k))
        raise ProtocolError(codes.OP_BAD_PAYLOAD, twice[:64], "duplicate key")
    return body


def _no_constant(name: str) -> None:
    raise ProtocolError(codes.OP_BAD_PAYLOAD, None, f"{name} is not a number")


# schemas -------------------------------------------------------------------------------


def payload_schemas() -> dict[str, dict]:
    """JSON Schema of every operation payload, keyed `<type>.v<version>` (for the OpenAPI
    document and docs)."""
    return {
        f"{op_type}.v{version}": model.model_json_schema(by_alias=True)
        for (op_type, version), model in sorted(OPERATIONS.items())
    }


def openapi_components(prefix: str = "protocol.") -> tuple[dict, dict, dict]:
    """For an OpenAPI document: (component schemas, `<type>.v<version>` -> $ref, kind ->
    $ref), every model named `<prefix><ClassName>` and referring to the others by $ref."""
    models = sorted({*OPERATIONS.values(), *CHANGES.values()}, key=lambda m: m.__name__)
    template = "#/components/schemas/" + prefix + "{model}"
    _refs, top = models_json_schema(
        [(m, "validation") for m in models], ref_template=template, by_alias=True
    )
    components = {prefix + name: schema for name, schema in top["$defs"].items()}

    def ref(model: type[BaseModel]) -> dict:
        return {"$ref": template.format(model=model.__name__)}

    operations = {f"{t}.v{v}": ref(m) for (t, v), m in sorted(OPERATIONS.items())}
    changes = {kind: ref(m) for kind, m in sorted(CHANGES.items())}
    return components, operations, changes


def change_schemas() -> dict[str, dict]:
    """JSON Schema of every change body the centre publishes, keyed by kind."""
    return {kind: model.model_json_schema(by_alias=True) for kind, model in sorted(CHANGES.items())}
