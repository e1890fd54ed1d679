"""Shared checks on what people type: names, codes, reasons, mobile numbers."""

import re
import unicodedata

MOBILE_RE = re.compile(r"1[3-9][0-9]{9}")  # ASCII only: NFKC leaves other scripts' digits
STORE_CODE_RE = re.compile(r"[A-Z0-9][A-Z0-9-]{1,15}")
MIN_REASON_LENGTH = 2
MAX_NAME_LENGTH = 60


def clean_text(value: str) -> str:
    """NFKC folds full-width digits and letters; control and bidi characters are dropped."""
    folded = unicodedata.normalize("NFKC", value)
    folded = re.sub(r"[\t\r\n]", " ", folded)  # line breaks separate words, not vanish
    kept = "".join(ch for ch in folded if unicodedata.category(ch)[0] != "C")
    return " ".join(kept.split())


def name_problem(name: str) -> str | None:
    if not name:
        return "name.empty"
    if len(name) > MAX_NAME_LENGTH:
        return "name.too_long"
    return None


def reason_problem(reason: str) -> str | None:
    return "reason.required" if len(reason) < MIN_REASON_LENGTH else None


def normalize_mobile(value: str) -> str | None:
    digits = clean_text(value).replace(" ", "").replace("-", "")
    if digits.startswith("+86"):
        digits = digits[3:]
    return digits if MOBILE_RE.fullmatch(digits) else None


def normalize_store_code(value: str) -> str | None:
    code = clean_text(value).upper()
    return code if STORE_CODE_RE.fullmatch(code) else None
