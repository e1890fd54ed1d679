"""The status bar's notices for the manager on the offline lease and the audit log's breaks
(their refusals' words are the error registry's, services.protocol.codes)."""

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication

from services.reports import SyncStatus


def lease_notice(status: SyncStatus | None, now: datetime, timezone: str) -> str:
    """The status bar's word when the lease ran out ("" while it holds)."""
    until = status.lease_until if status else None
    if until is None or now < until:
        return ""
    when = until.astimezone(ZoneInfo(timezone)).strftime("%m-%d %H:%M")
    return QCoreApplication.translate(
        "CounterStatusBar", "Offline since %1: no redemptions until the centre is reached"
    ).replace("%1", when)


def audit_notice(status: SyncStatus | None, timezone: str) -> str:
    """The status bar's word on an audit-log break ("" when there is none)."""
    if status is None or status.audit_break is None:
        return ""
    when = ""
    if status.audit_break_at is not None:
        when = status.audit_break_at.astimezone(ZoneInfo(timezone)).strftime("%m-%d %H:%M")
    if status.audit_break == "audit.chain_broken":
        text = QCoreApplication.translate(
            "CounterStatusBar", "Audit log rewritten (found by the centre %1)"
        )
    else:
        text = QCoreApplication.translate("CounterStatusBar", "Audit log broken (found %1)")
    return text.replace("%1", when)
