"""The day's reconciliation against the counter's records: the store's earns of one
store-local day, the till's export matched to them, and a manager's explanation of a line
kept in the audit log (who, where, when, why), never edited away."""

from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select

from models.journal import AuditEntry
from services.core.actor import Actor
from services.core.errors import ValidationError
from services.core.journal import append_audit
from services.core.uow import UnitOfWork
from services.points.reads import PointsReads, store_timezone
from services.pos.reconcile import (
    EXPORT_HEADERS,
    KINDS,
    MAX_EXPORT_BYTES,
    LoyaltyEarn,
    Reconciliation,
    check_mapping,
    export_rows,
    read_export,
    reconcile,
)
from services.protocol import codes
from services.reports.exports import write_csv
from services.rules.permissions import Permission
from services.rules.text import clean_text, reason_problem
from services.staff.authz import authorize, require_permission

EXPLAINED = "reconcile.explained"


def day_bounds(day: date, timezone: str) -> tuple[datetime, datetime]:
    """The store-local day as [start, end) instants."""
    zone = ZoneInfo(timezone)
    start = datetime.combine(day, time(0), zone)
    return start, datetime.combine(day + timedelta(days=1), time(0), zone)


def loyalty_day(uow: UnitOfWork, store_id: str, day: date) -> list[LoyaltyEarn]:
    """The store's earns of the day, with what each has had refunded so far."""
    start, end = day_bounds(day, store_timezone(uow))
    return [LoyaltyEarn(*row) for row in PointsReads(uow).day_purchases(store_id, start, end)]


def reconcile_day(
    uow: UnitOfWork,
    actor: Actor,
    day: date,
    raw: bytes,
    filename: str,
    mapping: dict[str, str],
) -> Reconciliation:
    """The till's export of `day` against this store's earns; writes nothing."""
    require_permission(actor, Permission.REPORTS_VIEW)
    pos = read_export(raw, filename, mapping)
    with uow:
        earns = loyalty_day(uow, actor.store_id, day)
    return reconcile(pos, earns)


def reconcile_file(
    uow: UnitOfWork, actor: Actor, day: date, path: Path, mapping: dict[str, str]
) -> Reconciliation:
    """The till's export file of `day` against this store's earns: a file over the size
    limit is refused before it is read; writes nothing."""
    require_permission(actor, Permission.REPORTS_VIEW)
    check_mapping(mapping)
    try:
        if path.stat().st_size > MAX_EXPORT_BYTES:
            raise ValidationError(codes.RECONCILE_TOO_LARGE)
        raw = path.read_bytes()
    except OSError:
        raise ValidationError(codes.RECONCILE_CANNOT_READ, name=path.name) from None
    return reconcile_day(uow, actor, day, raw, path.name, mapping)


def review_file(
    uow: UnitOfWork, actor: Actor, _now: datetime, day: date, path: Path, mapping: dict[str, str]
) -> tuple[Reconciliation, dict[tuple[str, str], str]]:
    """What the reconciliation screen shows: the export matched, and the reasons given."""
    result = reconcile_file(uow, actor, day, path, mapping)
    return result, explanations(uow, day)


def explain_line(
    uow: UnitOfWork, actor: Actor, now: datetime, day: date, kind: str, receipt: str, reason: str
) -> dict[tuple[str, str], str]:
    """`explain`, then the day's reasons as they now stand."""
    explain(uow, actor, now, day, kind, receipt, reason)
    return explanations(uow, day)


def save_csv(path: Path, result: Reconciliation, explained: dict[tuple[str, str], str]) -> Path:
    """The lines with their explanations as a CSV file (UTF-8 with BOM), written whole."""
    return write_csv(path, EXPORT_HEADERS, export_rows(result, explained))


def _subject(day: date, kind: str, receipt: str) -> str:
    return f"reconcile:{day.isoformat()}:{kind}:{receipt}"


def explain(
    uow: UnitOfWork, actor: Actor, now: datetime, day: date, kind: str, receipt: str, reason: str
) -> None:
    """A manager marks a line explained: an audit row with who, where, when and why."""
    require_permission(actor, Permission.REPORTS_VIEW)
    reason = clean_text(reason)
    if kind not in KINDS:
        raise ValidationError(codes.RECONCILE_BAD_KIND)
    if problem := reason_problem(reason):
        raise ValidationError(problem)
    with uow:
        authorize(uow, actor, now, Permission.REPORTS_VIEW, None)
        detail = {"day": day.isoformat(), "kind": kind, "receipt": receipt}
        append_audit(uow, actor, now, EXPLAINED, _subject(day, kind, receipt), detail, reason)
        uow.commit()


def explanations(uow: UnitOfWork, day: date) -> dict[tuple[str, str], str]:
    """(kind, receipt) -> the latest reason given for the day's lines."""
    prefix = f"reconcile:{day.isoformat()}:"
    with uow:
        rows = uow.session.execute(
            select(AuditEntry.subject, AuditEntry.reason)
            .where(AuditEntry.action == EXPLAINED, AuditEntry.subject.startswith(prefix))
            .order_by(AuditEntry.id)
        ).all()
    found = {}
    for subject, reason in rows:
        _day, kind, receipt = subject[len("reconcile:") :].split(":", 2)
        found[(kind, receipt)] = reason
    return found
