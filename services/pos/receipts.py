"""Reading a till's receipt code: what a scanner typed (or a POS sent) becomes a receipt
number, an amount in fen and, where the code carries them, a time, a store code and
amounts per item category, by the store's patterns (services.pos.patterns).

A scanner set to a Chinese keyboard layout types full-width digits and punctuation, and a
till's export may be GB18030: both are brought to plain text before any pattern looks.
Nothing here writes: a refused code changes nothing.
"""

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from services.core.errors import ValidationError
from services.protocol import codes
from services.rules.points import MAX_PURCHASE_FEN, parse_yuan

MAX_SCAN = 1024  # characters; a receipt code is far shorter, longer is a paste accident
MAX_RECEIPT = 64
MAX_CATEGORIES = 20
_RECEIPT_RE = re.compile(r"[A-Z0-9-]{1,64}")
_CATEGORY_RE = re.compile(r"[a-z][a-z0-9_]{0,31}")
_FEN_RE = re.compile(r"[0-9]{1,12}")
_TIME_FORMATS = (
    "%Y%m%d%H%M%S",
    "%Y%m%d",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d",
)
# What NFKC leaves alone but a Chinese input method types for ASCII punctuation.
_CJK_PUNCTUATION = str.maketrans({"。": ".", "“": '"', "”": '"', "‘": "'", "’": "'", "、": "/"})


@dataclass(frozen=True)
class ReceiptScan:
    """A receipt code as read: amounts in fen, the time as printed (store-local)."""

    receipt: str
    amount_fen: int | None
    at: datetime | None
    store: str | None
    categories: dict[str, int] = field(default_factory=dict)
    pattern: str = ""


def decode_bytes(raw: bytes) -> str:
    """Bytes from a till or a file: UTF-8 (with or without BOM), else GB18030."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(codes.RECEIPT_BAD_ENCODING)


def normalise(text: str) -> str:
    """Full-width digits and letters, ideographic spaces and a Chinese input method's
    punctuation become ASCII; control characters (a scanner's prefix, CR/LF) go."""
    plain = unicodedata.normalize("NFKC", text).translate(_CJK_PUNCTUATION)
    return "".join(c for c in plain if unicodedata.category(c) != "Cc").strip()


def parse_receipt(
    text: str, patterns: list[dict[str, Any]], store_code: str | None = None
) -> ReceiptScan:
    """The first pattern whose shape fits reads the code; a fitting shape with a bad value
    is refused (receipt.bad_field) rather than tried against the next pattern. Given this
    counter's `store_code`, a receipt that names another store is refused: its sale was
    rung up elsewhere and earns there (receipt.other_store)."""
    if len(text) > MAX_SCAN:
        raise ValidationError(codes.RECEIPT_TOO_LONG, limit=MAX_SCAN)
    plain = normalise(text)
    if not plain:
        raise ValidationError(codes.RECEIPT_UNKNOWN_FORMAT)
    for pattern in patterns:
        values = _extract(pattern, plain)
        if values is not None:
            scan = _scan_from(values, pattern)
            if store_code is not None:
                check_store(scan, store_code)
            return scan
    raise ValidationError(codes.RECEIPT_UNKNOWN_FORMAT)


def check_store(scan: ReceiptScan, store_code: str) -> None:
    """A receipt naming a store must name this one (codes compared as store codes are kept:
    upper case); one that names none is the till's own."""
    if scan.store is not None and scan.store.upper() != store_code.upper():
        raise ValidationError(codes.RECEIPT_OTHER_STORE, store=scan.store, ours=store_code)


def matches_any(text: str, patterns: list[dict[str, Any]]) -> bool:
    """The read has the shape of one of the patterns (valid or not): a receipt for Points."""
    if len(text) > MAX_SCAN:
        return False
    plain = normalise(text)
    return any(_extract(p, plain) is not None for p in patterns)


def _extract(pattern: dict[str, Any], text: str) -> dict[str, Any] | None:
    kind = pattern["kind"]
    if kind == "regex":
        match = re.fullmatch(pattern["expression"], text)
        return None if match is None else {k: v for k, v in match.groupdict().items() if v}
    if kind == "json":
        return _from_json(text, pattern["fields"])
    if kind == "key_value":
        return _from_pairs(text, pattern)
    return _from_delimited(text, pattern)


def _from_json(text: str, fields: dict[str, str]) -> dict[str, Any] | None:
    if not text.startswith("{"):
        return None
    try:
        body = json.loads(text)
    except ValueError:
        return None
    if not isinstance(body, dict) or fields["receipt"] not in body:
        return None
    return {ours: body[theirs] for ours, theirs in fields.items() if theirs in body}


def _from_pairs(text: str, pattern: dict[str, Any]) -> dict[str, Any] | None:
    pairs = {}
    for part in text.split(pattern["separator"]):
        key, sep, value = part.partition(pattern["pair"])
        if not sep:
            return None
        pairs[key.strip()] = value.strip()
    fields = pattern["fields"]
    if fields["receipt"] not in pairs:
        return None
    return {ours: pairs[theirs] for ours, theirs in fields.items() if theirs in pairs}


def _from_delimited(text: str, pattern: dict[str, Any]) -> dict[str, Any] | None:
    prefix = pattern.get("prefix", "")
    if not text.startswith(prefix):
        return None
    parts = text.split(pattern["separator"])
    positions = pattern["positions"]
    if len(parts) <= max(positions.values()):
        return None
    return {ours: parts[at].strip() for ours, at in positions.items() if parts[at].strip()}


def _scan_from(values: dict[str, Any], pattern: dict[str, Any]) -> ReceiptScan:
    unit = pattern.get("amount_unit", "yuan")
    receipt = values.get("receipt")
    if not isinstance(receipt, str | int) or isinstance(receipt, bool):
        raise ValidationError(codes.RECEIPT_BAD_FIELD, field="receipt")
    receipt = str(receipt).upper()
    if _RECEIPT_RE.fullmatch(receipt) is None:
        raise ValidationError(codes.RECEIPT_BAD_FIELD, field="receipt")
    amount = _amount(values["amount"], unit, "amount") if "amount" in values else None
    categories = _categories(values.get("categories"), unit)
    if categories and amount is not None and sum(categories.values()) > amount:
        raise ValidationError(codes.RECEIPT_BAD_FIELD, field="categories")
    return ReceiptScan(
        receipt,
        amount,
        _time(values.get("time")),
        _store(values.get("store")),
        categories,
        pattern["name"],
    )


def _amount(value: Any, unit: str, name: str) -> int:
    fen = None
    if unit == "fen":
        if type(value) is int:
            fen = value
        elif isinstance(value, str) and _FEN_RE.fullmatch(value):
            fen = int(value)
    elif isinstance(value, str):
        fen = parse_yuan(value)
    if fen is None or not 0 < fen <= MAX_PURCHASE_FEN:
        raise ValidationError(codes.RECEIPT_BAD_FIELD, field=name)
    return fen


def _categories(value: Any, unit: str) -> dict[str, int]:
    if value is None or value == "":
        return {}
    if isinstance(value, str):
        pairs = [part.partition(":") for part in value.split(";") if part.strip()]
        if any(not sep for _c, sep, _a in pairs):
            raise ValidationError(codes.RECEIPT_BAD_FIELD, field="categories")
        items = [(code.strip(), amount.strip()) for code, _s, amount in pairs]
    elif isinstance(value, dict):
        items = list(value.items())
    else:
        raise ValidationError(codes.RECEIPT_BAD_FIELD, field="categories")
    if len(items) > MAX_CATEGORIES:
        raise ValidationError(codes.RECEIPT_BAD_FIELD, field="categories")
    result: dict[str, int] = {}
    for code, amount in items:
        if not isinstance(code, str) or _CATEGORY_RE.fullmatch(code) is None or code in result:
            raise ValidationError(codes.RECEIPT_BAD_FIELD, field="categories")
        result[code] = _amount(amount, unit, "categories")
    return result


def _time(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        for layout in _TIME_FORMATS:
            try:
                # The till prints its store's wall-clock time, with no zone: kept naive.
                return datetime.strptime(value, layout)  # noqa: DTZ007
            except ValueError:
                continue
    raise ValidationError(codes.RECEIPT_BAD_FIELD, field="time")


def _store(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and 0 < len(value) <= MAX_RECEIPT and value.isascii():
        return value
    raise ValidationError(codes.RECEIPT_BAD_FIELD, field="store")
