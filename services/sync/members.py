"""Members new to this counter, written in bulk as plain SQL on the unit of work's connection.

A first pull brings every member of the chain (a million, for a large one). Through the
ORM each row costs several times what SQLite needs (bind processing of every value, the
bulk-insert machinery), so these rows go in as `executemany` with values already in the
form SQLAlchemy stores them (`services.core.raw_sql.db_time`, 0/1 for booleans); the
tests of services.sync.apply read them back through the ORM.
"""

import json
import logging
import sqlite3
from datetime import UTC, datetime
from typing import NamedTuple

from services.core.actor import Actor
from services.core.raw_sql import db_time
from services.core.repository import TextStatements
from services.core.uow import UnitOfWork

log = logging.getLogger(__name__)
# Points mirrored from the centre never expire here: the store that earned them expires them.
MIRROR_EXPIRY = datetime(9999, 1, 1, tzinfo=UTC)
SYNC_REASON = "balance from the centre"

_MEMBER = (
    "INSERT INTO member (id, member_no, name, mobile, mobile_last4, birth_month, birth_day,"
    " birth_year, tier, points_balance, consent_marketing, note, active, home_store_id,"
    " card_serial, last_purchase_at, created_at, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, NULL, ?, NULL)"
)
_SYNC_MEMBER = (
    "INSERT INTO sync_member (member_id, balance, arrears, redeem_blocked, updated_at)"
    " VALUES (?, ?, ?, ?, ?) ON CONFLICT (member_id) DO UPDATE SET balance = excluded.balance,"
    " arrears = excluded.arrears, redeem_blocked = excluded.redeem_blocked,"
    " updated_at = excluded.updated_at"
)


def insert_members(uow: UnitOfWork, actor: Actor, bodies: list[dict], now: datetime) -> None:
    """Members this counter has never seen, each opening with the centre's balance (one
    `adjust` entry, and a lot that does not expire here when the balance is positive)."""
    conn = TextStatements(uow)
    rows = _takeable(conn, bodies)
    if not rows:
        return
    at = db_time(now)
    conn.executemany(_MEMBER, [_member_row(b, at) for b in rows])
    opening = [(b["id"], int(b.get("balance") or 0)) for b in rows]
    uow.ledger.open_accounts(actor, now, opening, SYNC_REASON, MIRROR_EXPIRY)


def upsert_sync_members(uow: UnitOfWork, bodies: list[dict], now: datetime) -> None:
    """The centre's last word on each member: balance over all stores, arrears, block."""
    at = db_time(now)
    TextStatements(uow).executemany(
        _SYNC_MEMBER,
        [
            (
                b["id"],
                int(b.get("balance") or 0),
                int(b.get("arrears") or 0),
                1 if b.get("redeem_blocked") else 0,
                at,
            )
            for b in bodies
        ],
    )


class LocalMember(NamedTuple):
    id: str
    points_balance: int
    card_serial: int
    mobile: str


def local_members(uow: UnitOfWork, ids: list[str]) -> dict[str, LocalMember]:
    """The members of `ids` this counter has, by id (what a page's apply compares)."""
    rows = TextStatements(uow).execute(
        "SELECT id, points_balance, card_serial, mobile FROM member"
        " WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps(ids),),
    )
    return {row[0]: LocalMember(*row) for row in rows}


def _takeable(conn: sqlite3.Connection, bodies: list[dict]) -> list[dict]:
    """Bodies whose mobile and member number nobody here holds yet (nor an earlier body)."""
    taken_mobiles = _present(conn, "mobile", [b["mobile"] for b in bodies])
    taken_numbers = _present(conn, "member_no", [b["member_no"] for b in bodies])
    rows = []
    for b in bodies:
        if b["mobile"] in taken_mobiles or b["member_no"] in taken_numbers:
            # Two members with one mobile: the centre holds a conflict for a manager; this
            # counter keeps the one it has until that is settled.
            log.warning("member %s not taken: mobile or number already used here", b["id"])
            continue
        taken_mobiles.add(b["mobile"])
        taken_numbers.add(b["member_no"])
        rows.append(b)
    return rows


def _present(conn: sqlite3.Connection, column: str, values: list[str]) -> set[str]:
    # One parameter, a JSON array, however many values: no statement per chunk to prepare.
    query = f"SELECT {column} FROM member WHERE {column} IN (SELECT value FROM json_each(?))"
    return {row[0] for row in conn.execute(query, (json.dumps(values),))}


def _member_row(b: dict, at: str) -> tuple:
    return (
        b["id"],
        b["member_no"],
        b["name"],
        b["mobile"],
        b["mobile"][-4:],
        b["birth_month"],
        b["birth_day"],
        b.get("birth_year"),
        b["tier"],
        int(b.get("balance") or 0),
        1 if b.get("consent_marketing") else 0,
        1 if b.get("active", True) else 0,
        b.get("home_store_id") or "",
        int(b.get("card_serial") or 1),
        at,
    )
