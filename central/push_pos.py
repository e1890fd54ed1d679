"""The handler of a day's POS reconciliation a counter reports (`pos.reconciliation`).

The protocol has checked the report's shape and that its lines, counts, sales and earns
agree (services/protocol/operations/pos.py). Here: the store is the device's own (or the id its
counter knew it by before enrolling), the day has begun and the report was not made in the
future by the store's own calendar, and the error rate is the centre's figure, derived from
the counts, whatever the counter says.

Replacement rule: one report is kept per store and day, the one its manager finished last
(`made_at`). A report arriving later but finished earlier (an offline counter syncing late,
or a second counter's older look) is recorded in the ledger and replaces nothing
(`applied`/`pos.reconciliation_older`); an equal `made_at` keeps the first received.
"""

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select, update

from central.models_pos import pos_reconciliation
from central.push_batch import Batch
from central.push_types import Envelope, Outcome, Reject
from services.protocol import codes
from services.rules.clock import CLOCK_TOLERANCE
from services.rules.reconcile import error_basis_points


def pos_reconciliation_report(b: Batch, env: Envelope, body: dict) -> Outcome:
    if body["store_id"] not in b.store_ids:
        raise Reject(codes.POS_RECONCILIATION_WRONG_STORE)
    day = date.fromisoformat(body["day"])
    made_at = datetime.fromisoformat(body["made_at"])
    zone = ZoneInfo(b.store.timezone)
    latest = b.now + CLOCK_TOLERANCE
    if made_at > latest or day > made_at.astimezone(zone).date():
        raise Reject(codes.POS_RECONCILIATION_IN_FUTURE)
    table = pos_reconciliation
    where = (table.c.store_id == b.store.id, table.c.day == day)
    kept = b.session.scalar(select(table.c.made_at).where(*where))
    if kept is not None and kept >= made_at:
        return Outcome(code=codes.POS_RECONCILIATION_OLDER)
    row = _row(b, env, body, day, made_at)
    if kept is None:
        b.session.execute(insert(table).values(**row))
    else:
        b.session.execute(update(table).where(*where).values(**row))
    differs = body["error_bp"] != row["error_bp"]
    return Outcome(code=codes.POS_ERROR_RATE_DIFFERS if differs else None)


def _row(b: Batch, env: Envelope, body: dict, day: date, made_at: datetime) -> dict:
    counts = body["counts"]
    mismatches = sum(counts.values())
    return {
        "store_id": b.store.id,
        "day": day,
        "chain_id": b.chain_id,
        "report_id": body["report_id"],
        "op_id": env.id,
        "device_id": b.device.id,
        "made_at": made_at,
        "received_at": b.now,
        "sales": body["sales"],
        "earns": body["earns"],
        "matched": body["matched"],
        "mismatches": mismatches,
        "explained": body["explained"],
        "error_bp": error_basis_points(mismatches, body["sales"]),
        "claimed_bp": body["error_bp"],
        "counts": json.dumps(counts, sort_keys=True),
        "lines": json.dumps(body["lines"], ensure_ascii=False),
    }
