"""The offline lease and the audit log's breaks, told in the user's language (see
ui.messages): the refusal a cashier sees, and the status bar's notices for the manager."""

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication

from services.reports import SyncStatus


def messages() -> dict[str, str]:
    return {
        "lease.expired": QCoreApplication.translate(
            "Errors",
            "This counter has not reached the central system since {until}. Until it does,"
            " points cannot be spent and coupons cannot be accepted here; points are still"
            " earned. Check the network, then sync.",
        ),
        "audit.chain_broken": QCoreApplication.translate(
            "Errors",
            "The central system found that this counter's audit log was rewritten since the"
            " last sync. Tell head office; keep using the counter as usual.",
        ),
        "audit.local_break": QCoreApplication.translate(
            "Errors",
            "The audit log has been changed outside this program. The break is recorded;"
            " tell head office and keep using the counter as usual.",
        ),
    }


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
