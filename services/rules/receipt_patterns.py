"""What makes a receipt pattern acceptable, pure: the counter's manager editor
(services.pos.patterns), the centre's console form and the protocol's change schema all
check a store's patterns with these same rules, so the centre never publishes a set a
counter would refuse, and a counter refuses (quarantines) one that slipped past.

A pattern is a plain dict; see services/pos/patterns.py for the kinds and their keys.
The presets live here too, so the centre's console offers the same starting points.
"""

import re
from typing import Any

KINDS = ("regex", "key_value", "json", "delimited")
FIELDS = ("receipt", "amount", "time", "store", "categories")
UNITS = ("yuan", "fen")
MAX_PATTERNS = 8
MAX_NAME = 40
MAX_EXPRESSION = 300  # a regex longer than this is a mistake, and costly on every scan
MAX_KEY = 40
MAX_POSITION = 30

# The presets a manager or head office starts from.
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

Problem = tuple[str, int | None]  # (what is wrong, the pattern's index from 0; None: the list)


def patterns_problem(value: Any) -> Problem | None:
    """The first problem of a store's pattern list, or None when it can be kept as it is."""
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_PATTERNS:
        return "count", None
    names = set()
    for index, pattern in enumerate(value):
        why = _one_problem(pattern)
        if why is not None:
            return why, index
        if pattern["name"] in names:
            return "duplicate name", index
        names.add(pattern["name"])
    return None


def _one_problem(p: Any) -> str | None:
    if not isinstance(p, dict):
        return "not an object"
    kind = p.get("kind")
    if kind not in KINDS:
        return "kind"
    allowed = {"name", "kind", "amount_unit"} | {
        "regex": {"expression"},
        "key_value": {"separator", "pair", "fields"},
        "json": {"fields"},
        "delimited": {"prefix", "separator", "positions"},
    }[kind]
    if set(p) - allowed:
        return "unknown key " + sorted(map(str, set(p) - allowed))[0]
    name = p.get("name")
    if not isinstance(name, str) or not 0 < len(name) <= MAX_NAME:
        return "name"
    if p.get("amount_unit", "yuan") not in UNITS:
        return "amount_unit"
    if kind == "regex":
        return _regex_problem(p.get("expression"))
    if kind in ("key_value", "json"):
        why = _fields_problem(p.get("fields"), lambda v: isinstance(v, str) and v)
        if why or kind == "json":
            return why
        for key in ("separator", "pair"):
            if not _one_char(p.get(key)):
                return key
        return "separator" if p["separator"] == p["pair"] else None
    positions = p.get("positions")
    why = _fields_problem(positions, lambda v: type(v) is int and 0 <= v <= MAX_POSITION)
    if why:
        return why
    if len(set(positions.values())) != len(positions):
        return "positions"
    if not _one_char(p.get("separator")):
        return "separator"
    prefix = p.get("prefix", "")
    if not isinstance(prefix, str) or len(prefix) > MAX_KEY:
        return "prefix"
    return None


def _one_char(value: Any) -> bool:
    return isinstance(value, str) and len(value) == 1


def _fields_problem(fields: Any, good) -> str | None:
    if not isinstance(fields, dict) or "receipt" not in fields:
        return "fields need a receipt"
    for key, value in fields.items():
        if key not in FIELDS or not good(value):
            return f"field {key}"
        if isinstance(value, str) and len(value) > MAX_KEY:
            return f"field {key}"
    return None


def _regex_problem(expression: Any) -> str | None:
    if not isinstance(expression, str) or not 0 < len(expression) <= MAX_EXPRESSION:
        return "expression"
    try:
        compiled = re.compile(expression)
    except re.error as error:
        return f"expression: {error.msg}"
    groups = set(compiled.groupindex)
    if "receipt" not in groups or groups - set(FIELDS):
        return "expression groups"
    return None
