"""What the earn tests share: members born in May, and raw reads of the balance, the ledger
and the outbox.
"""

import json
from datetime import UTC, datetime
from functools import partial

from tests.factories import register as factories_register

# These tests' members were born in May.
register = partial(factories_register, month=5)

# Lots earned in 2026 (store time) are gone at the start of 2028 in Shanghai.
EXPIRES_2026_LOTS = datetime(2027, 12, 31, 16, 0, tzinfo=UTC)


def balance(db, member_id) -> int:
    return db.scalar("SELECT points_balance FROM member WHERE id = ?", member_id)


def footprint(db) -> tuple:
    """Everything an earn may write; equal before and after means nothing was written."""
    return (
        db.count("purchase"),
        db.count("points_entry"),
        db.count("points_lot"),
        db.count("lot_spend"),
        db.count("tier_change"),
        db.count("outbox"),
        db.rows("SELECT id, points_balance, tier FROM member ORDER BY id"),
        db.rows("SELECT id, remaining FROM points_lot ORDER BY id"),
        db.scalar("SELECT last_seq FROM counter"),
    )


def ops(db, op_type) -> list[dict]:
    return [
        json.loads(p)
        for (p,) in db.rows("SELECT payload FROM outbox WHERE op_type = ? ORDER BY seq", op_type)
    ]
