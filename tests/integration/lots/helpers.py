"""What the points-lot tests share: moving the clock, refunds, adjustments and raw reads of
the lots, the ledger and the outbox.
"""

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from services import points
from services.core.clock import ManualClock

SHANGHAI = ZoneInfo("Asia/Shanghai")
START_2025 = datetime(2025, 6, 1, 2, 0, tzinfo=UTC)
MARCH_2026 = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
# The first instant without the points earned in 2025, and those earned in 2026.
END_2025_LOTS = datetime(2027, 1, 1, tzinfo=SHANGHAI)
END_2026_LOTS = datetime(2028, 1, 1, tzinfo=SHANGHAI)


def travel(clock: ManualClock, when: datetime) -> datetime:
    assert when >= clock.now()
    clock.advance(microseconds=(when - clock.now()) // timedelta(microseconds=1))
    assert clock.now() == when
    return when


def refund(counter, receipt, fen):
    return points.refund(
        counter.runtime.writer(), counter.manager, counter.runtime.now(), receipt, fen
    )


def adjust(counter, member_id, delta, reason="盘点更正", actor=None, approval=None):
    return points.adjust(
        counter.runtime.writer(),
        actor or counter.manager,
        counter.runtime.now(),
        member_id,
        delta,
        reason,
        approval,
    )


def expire_due(counter):
    return points.expire_due(counter.runtime.writer(), counter.manager, counter.runtime.now())


def balance(db, member_id) -> int:
    return db.scalar("SELECT points_balance FROM member WHERE id = ?", member_id)


def lot_of(db, receipt_or_reason) -> tuple[int, int, str]:
    """(original, remaining, expires_at) of the lot made by the entry with this reference."""
    rows = db.rows(
        "SELECT l.original, l.remaining, l.expires_at FROM points_lot l"
        " JOIN points_entry e ON e.id = l.entry_id"
        " WHERE e.reference = ? OR (e.reference IS NULL AND e.reason = ?) ORDER BY l.rowid",
        receipt_or_reason,
        receipt_or_reason,
    )
    assert len(rows) == 1, rows
    return rows[0]


def lots(db, member_id) -> list[tuple[int, int]]:
    return db.rows(
        "SELECT original, remaining FROM points_lot WHERE member_id = ? ORDER BY rowid", member_id
    )


def stamp(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def ops(db, op_type) -> list[dict]:
    return [
        json.loads(p)
        for (p,) in db.rows("SELECT payload FROM outbox WHERE op_type = ? ORDER BY seq", op_type)
    ]


def footprint(db) -> tuple:
    return (
        db.count("purchase"),
        db.count("points_entry"),
        db.count("points_lot"),
        db.count("lot_spend"),
        db.count("outbox"),
        db.count("audit_log"),
        db.rows("SELECT id, points_balance, tier FROM member ORDER BY id"),
        db.rows("SELECT id, remaining FROM points_lot ORDER BY id"),
        db.rows("SELECT id, refunded_fen, points_reversed FROM purchase ORDER BY id"),
    )
