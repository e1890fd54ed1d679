"""The day's reconciliation reported to the centre: when a manager finishes a day's
reconciliation (or closes the day with one made), the result is recorded as a
`pos.reconciliation` operation through the journal, so it syncs exactly once like every
other operation, and the audit log says who reported which day.

What travels: the counts per kind of line, the sales and earns the till's export and the
counter held, the error rate as integer basis points (the centre derives its own), and the
lines themselves with their receipts, amounts in fen and, for those a manager explained,
the reason. A day with more lines than one operation may carry sends every count and the
unexplained lines first (services.protocol.limits.MAX_RECONCILE_ITEMS).
"""

import re
from datetime import date, datetime

from common.ids import new_id
from services.core.actor import Actor
from services.core.journal import RecordedOperation, append_audit, record_operation
from services.core.uow import UnitOfWork
from services.pos.reconcile import KINDS, Mismatch, Reconciliation
from services.protocol import limits
from services.rules.permissions import Permission
from services.rules.reconcile import error_basis_points
from services.staff.authz import authorize, require_permission

REPORTED = "reconcile.reported"
# What the protocol's plain text refuses: control characters, zero-width and bidi marks.
_NOT_PLAIN = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")


def reconciliation_payload(
    report_id: str,
    store_id: str,
    day: date,
    made_at: datetime,
    result: Reconciliation,
    explained: dict[tuple[str, str], str],
) -> dict:
    """The operation's payload (services.protocol.operations.pos.PosReconciliation)."""
    counts = dict.fromkeys(KINDS, 0)
    for m in result.mismatches:
        counts[m.kind] += 1
    reasons = {key: explained[key] for key in _keys(result) if key in explained}
    # Unexplained lines first: when not all fit, those are the ones head office must see.
    ordered = sorted(result.mismatches, key=lambda m: (m.kind, m.receipt) in reasons)
    lines = [_line(m, reasons.get((m.kind, m.receipt))) for m in ordered]
    return {
        "report_id": report_id,
        "store_id": store_id,
        "day": day.isoformat(),
        "made_at": made_at.isoformat(),
        "sales": result.sales,
        "earns": result.earns,
        "matched": result.matched,
        "counts": counts,
        "explained": len(reasons),
        "error_bp": error_basis_points(len(result.mismatches), result.sales),
        "lines": lines[: limits.MAX_RECONCILE_ITEMS],
    }


def _keys(result: Reconciliation) -> set[tuple[str, str]]:
    return {(m.kind, m.receipt) for m in result.mismatches}


def _line(m: Mismatch, reason: str | None) -> dict:
    return {
        "kind": m.kind,
        "receipt": _NOT_PLAIN.sub("", m.receipt)[: limits.CODE_MAX] or "?",
        "pos_fen": m.pos_fen,
        "loyalty_fen": m.loyalty_fen,
        "reason": reason[: limits.REASON_MAX] if reason else None,
    }


def report_reconciliation(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    day: date,
    result: Reconciliation,
    explained: dict[tuple[str, str], str],
) -> RecordedOperation:
    """Records the finished reconciliation of `day` for the centre (one operation, audited).
    A later report of the same day replaces this one at the centre."""
    require_permission(actor, Permission.REPORTS_VIEW)
    payload = reconciliation_payload(new_id(), actor.store_id, day, now, result, explained)
    with uow:
        authorize(uow, actor, now, Permission.REPORTS_VIEW, None)
        recorded = record_operation(uow, actor, now, "pos.reconciliation", payload)
        detail = {
            "day": payload["day"],
            "sales": result.sales,
            "lines": len(result.mismatches),
            "error_bp": payload["error_bp"],
        }
        append_audit(uow, actor, now, REPORTED, f"reconcile:{payload['day']}", detail)
        uow.commit()
    return recorded
