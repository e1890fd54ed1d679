"""Times as the store reads them: stored in UTC, shown in the store's time zone (the
machine's own zone may be UTC or another city's)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QLocale


def store_time_text(at: datetime, timezone: str) -> str:
    """Date and time in the store's zone, in the UI language's short format."""
    local = at.astimezone(ZoneInfo(timezone)).replace(tzinfo=None)
    return QLocale().toString(local, QLocale.FormatType.ShortFormat)


def store_date(at: datetime, timezone: str) -> date:
    return at.astimezone(ZoneInfo(timezone)).date()
