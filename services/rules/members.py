"""Pure rules about members: what a typed or scanned text means, masking, flags."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from services.rules.text import clean_text, normalize_mobile

MAX_QUERY_LENGTH = 200
AT_RISK_AFTER_DAYS = 90
MEMBER_NO_RE = re.compile(r"[A-Z0-9][A-Z0-9-]{1,15}-[A-Z0-9]{1,8}-\d{6,}")


def classify_query(text: str) -> tuple[str, str]:
    """(kind, value) for what a cashier typed or a scanner sent.

    kinds: empty, too_long, code (a signed QR text), mobile, last4, member_no, name.
    """
    if len(text) > MAX_QUERY_LENGTH * 4:
        return "too_long", ""
    cleaned = clean_text(text)
    if not cleaned:
        return "empty", ""
    if len(cleaned) > MAX_QUERY_LENGTH:
        return "too_long", ""
    compact = cleaned.replace(" ", "")
    if compact.upper().startswith("LCM"):
        return "code", compact
    if (mobile := normalize_mobile(compact)) is not None:
        return "mobile", mobile
    if compact.isascii() and compact.isdigit() and len(compact) == 4:
        return "last4", compact
    if MEMBER_NO_RE.fullmatch(compact.upper()):
        return "member_no", compact.upper()
    return "name", cleaned


def mask_mobile(mobile: str) -> str:
    """Lists show 138****8000: enough to tell members apart, not enough to copy."""
    return mobile[:3] + "****" + mobile[-4:] if len(mobile) == 11 else "****"


def mask_name(name: str) -> str:
    """陈安娜 -> 陈*娜, 王博 -> 王*: for paper that may be left lying about."""
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def is_birthday_month(birth_month: int, now: datetime, timezone: str) -> bool:
    return now.astimezone(ZoneInfo(timezone)).month == birth_month


def is_at_risk(last_purchase_at: datetime | None, now: datetime) -> bool:
    """A member who bought before but not in the last 90 days (the churn warning)."""
    return last_purchase_at is not None and now - last_purchase_at >= timedelta(
        days=AT_RISK_AFTER_DAYS
    )


def store_day_start(now: datetime, timezone: str) -> datetime:
    """Midnight of the store's current day, as an aware time: 'today' is the store's day."""
    local = now.astimezone(ZoneInfo(timezone))
    return local.replace(hour=0, minute=0, second=0, microsecond=0)
