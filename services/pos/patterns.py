"""Receipt formats as data: a store keeps one or more patterns, each naming where the
receipt number, amount, time, store and item categories sit in what a till's barcode or QR
code says. A pattern is a plain dict (it is stored as a setting and may come from the
centre), checked here before it is kept so a bad one never reaches a scan.

Kinds:
- ``regex``: a regular expression with named groups (receipt, amount, time, store,
  categories); the whole read must match.
- ``key_value``: ``no=R1&amt=12.50``; ``pair`` and ``separator`` say how, ``fields`` maps
  our field names to the till's keys.
- ``json``: a JSON object; ``fields`` maps our names to its keys.
- ``delimited``: fields at fixed positions between separators, ``prefix`` first (the QR
  of a Chinese fully digital invoice is one).

``amount_unit`` is ``yuan`` (12.50) or ``fen`` (1250). Categories come as
``code:amount`` pairs separated by ``;`` in the pattern's amount unit.
"""

import re
from typing import Any

from services.core.errors import ValidationError
from services.protocol import codes

KINDS = ("regex", "key_value", "json", "delimited")
FIELDS = ("receipt", "amount", "time", "store", "categories")
UNITS = ("yuan", "fen")
MAX_PATTERNS = 8
MAX_NAME = 40
MAX_EXPRESSION = 300  # a regex longer than this is a mistake, and costly on every scan
MAX_KEY = 40
MAX_POSITION = 30

# The QR of a fully digital invoice (全电发票 / 数电票): version, type (31 special VAT,
# 32 ordinary), invoice code (empty on these), the 20-digit invoice number, the amount
# (价税合计, see docs/operator-guide.md), the issue date YYYYMMDD, check code (empty),
# a check value. Older paper and electronic VAT invoices share the layout with a code.
INVOICE_QR = {
    "name": "fapiao",
    "kind": "delimited",
    "prefix": "01,",
    "separator": ",",
    "positions": {"receipt": 3, "amount": 4, "time": 5},
    "amount_unit": "yuan",
}
PRESETS: dict[str, dict[str, Any]] = {
    "plain": {"name": "plain", "kind": "regex", "expression": r"(?P<receipt>[A-Z0-9-]{6,32})"},
    "key_value": {
        "name": "key_value",
        "kind": "key_value",
        "separator": "&",
        "pair": "=",
        "fields": {
            "receipt": "receipt",
            "amount": "amount",
            "time": "time",
            "store": "store",
            "categories": "categories",
        },
        "amount_unit": "yuan",
    },
    "json": {
        "name": "json",
        "kind": "json",
        "fields": {
            "receipt": "receipt",
            "amount": "amount_fen",
            "time": "time",
            "store": "store",
            "categories": "categories",
        },
        "amount_unit": "fen",
    },
    "fapiao": INVOICE_QR,
}
# What a new counter reads from the first day: the structured presets, not "plain", which
# would take any number typed with a scanner (a mobile at check-in) for a receipt.
DEFAULT_PATTERNS = [PRESETS["fapiao"], PRESETS["key_value"], PRESETS["json"]]


def _bad(why: str, index: int) -> ValidationError:
    return ValidationError(codes.RECEIPT_BAD_PATTERN, why=why, index=index + 1)


def check_patterns(value: Any) -> list[dict[str, Any]]:
    """The patterns as kept, or ValidationError(codes.RECEIPT_BAD_PATTERN) naming the first
    problem; nothing unknown passes, so what is stored can always be applied."""
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_PATTERNS:
        raise ValidationError(codes.RECEIPT_BAD_PATTERN, why="count", index=0)
    names = set()
    for index, pattern in enumerate(value):
        _check_one(pattern, index)
        if pattern["name"] in names:
            raise _bad("duplicate name", index)
        names.add(pattern["name"])
    return value


def _check_one(p: Any, index: int) -> None:
    if not isinstance(p, dict):
        raise _bad("not an object", index)
    kind = p.get("kind")
    allowed = {"name", "kind", "amount_unit"} | {
        "regex": {"expression"},
        "key_value": {"separator", "pair", "fields"},
        "json": {"fields"},
        "delimited": {"prefix", "separator", "positions"},
    }.get(kind, set())
    if kind not in KINDS:
        raise _bad("kind", index)
    if set(p) - allowed:
        raise _bad("unknown key " + sorted(set(p) - allowed)[0], index)
    name = p.get("name")
    if not isinstance(name, str) or not 0 < len(name) <= MAX_NAME:
        raise _bad("name", index)
    if p.get("amount_unit", "yuan") not in UNITS:
        raise _bad("amount_unit", index)
    if kind == "regex":
        _check_regex(p.get("expression"), index)
    elif kind in ("key_value", "json"):
        _check_fields(p.get("fields"), index, lambda v: isinstance(v, str) and v)
        if kind == "key_value":
            for key in ("separator", "pair"):
                if not isinstance(p.get(key), str) or len(p[key]) != 1:
                    raise _bad(key, index)
            if p["separator"] == p["pair"]:
                raise _bad("separator", index)
    else:
        positions = p.get("positions")
        _check_fields(positions, index, lambda v: type(v) is int and 0 <= v <= MAX_POSITION)
        if len(set(positions.values())) != len(positions):
            raise _bad("positions", index)
        if not isinstance(p.get("separator"), str) or len(p["separator"]) != 1:
            raise _bad("separator", index)
        if not isinstance(p.get("prefix", ""), str) or len(p.get("prefix", "")) > MAX_KEY:
            raise _bad("prefix", index)


def _check_fields(fields: Any, index: int, good) -> None:
    if not isinstance(fields, dict) or "receipt" not in fields:
        raise _bad("fields need a receipt", index)
    for key, value in fields.items():
        if key not in FIELDS or not good(value):
            raise _bad(f"field {key}", index)
        if isinstance(value, str) and len(value) > MAX_KEY:
            raise _bad(f"field {key}", index)


def _check_regex(expression: Any, index: int) -> None:
    if not isinstance(expression, str) or not 0 < len(expression) <= MAX_EXPRESSION:
        raise _bad("expression", index)
    try:
        compiled = re.compile(expression)
    except re.error as error:
        raise _bad(f"expression: {error.msg}", index) from None
    groups = set(compiled.groupindex)
    if "receipt" not in groups or groups - set(FIELDS):
        raise _bad("expression groups", index)
