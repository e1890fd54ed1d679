"""The canonical text of a value, and its hash: what operations, audit entries and the
change feed sign and hash the same on every device and on the centre."""

import hashlib
import json
from typing import Any


def canonical_json(value: Any) -> str:
    """Sorted keys, compact, UTF-8 JSON: the same value always gives the same text."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def refuse_floats(value: Any) -> None:
    """Money and points are integers: a float anywhere in a payload is refused (TypeError),
    since its text would differ between machines."""
    if isinstance(value, float):
        raise TypeError("floats are not allowed in operation payloads")
    if isinstance(value, dict):
        for item in value.values():
            refuse_floats(item)
    elif isinstance(value, list | tuple):
        for item in value:
            refuse_floats(item)
