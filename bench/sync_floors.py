"""The raw floors bench_sync prints beside the sync's own figures, measured in the same run
on the same data:

- push: the same operation rows, as the centre stores them, copied into a table shaped
  like the centre's `operation` (its keys and indexes) with one PostgreSQL `COPY` and a
  commit: what the database alone needs to take them in.
- first pull: the same member changes read from PostgreSQL in pages of 5,000 (by sequence
  number), each body parsed and inserted into a fresh counter database's `member` table
  (its indexes, the counter's durable pragmas) with one `executemany` and one commit per
  page: what moving the rows from one database to the other costs, with nothing checked.
  A second floor writes, the same way, every row a first pull leaves: each member, its
  opening balance entry and points lot (balance above zero) and its row of the centre's
  word (`sync_member`), ids made in bulk; the first pull's work beyond it is reading,
  checking and the counter's own bookkeeping.
"""

import resource
import sqlite3
import time
from pathlib import Path

import orjson
import psycopg

from bench.sync_setup import PG

PAGE = 5000
_OPERATION_COLUMNS = (
    "id, device_id, seq, op_type, op_version, payload, payload_hash, store_id, staff_id,"
    " device_time, received_at, result, code, conflict_id, clock_flag"
)


def _pg(schema: str) -> psycopg.Connection:
    return psycopg.connect(PG.replace("+psycopg", ""), options=f"-csearch_path={schema}")


def push_floor(schema: str, counter_db: Path) -> tuple[int, float]:
    """(rows, seconds) to COPY the counter's outbox rows into a copy of `operation`."""
    source = sqlite3.connect(counter_db)
    try:
        rows = source.execute(
            "SELECT id, device_id, seq, op_type, op_version, payload, payload_hash, store_id,"
            " staff_id, created_at, created_at, 'applied', NULL, NULL, NULL"
            " FROM outbox ORDER BY seq"
        ).fetchall()
    finally:
        source.close()
    with _pg(schema) as conn:
        conn.execute("CREATE TABLE floor_operation (LIKE operation INCLUDING ALL)")
        conn.commit()
        try:
            start = time.perf_counter()
            with conn.cursor() as cur:
                copy_sql = f"COPY floor_operation ({_OPERATION_COLUMNS}) FROM STDIN"
                with cur.copy(copy_sql) as copy:
                    for row in rows:
                        copy.write_row(row)
            conn.commit()
            took = time.perf_counter() - start
        finally:
            conn.execute("DROP TABLE IF EXISTS floor_operation")
            conn.commit()
    return len(rows), took


_MEMBER = (
    "INSERT INTO member (id, member_no, name, mobile, mobile_last4, birth_month, birth_day,"
    " birth_year, tier, points_balance, consent_marketing, active, home_store_id,"
    " card_serial, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def pull_floor_child(folder: str, schema: str, rows: str = "members") -> None:
    """In a fresh process (its peak memory is the floor's): a fresh counter database, the
    member changes copied in pages (`rows` "all": with their ledger and sync rows); prints
    seconds and peak MB."""
    from models.db import PRAGMAS, database_path
    from services.core.bootstrap import open_counter
    from services.core.clock import SystemClock

    runtime = open_counter(Path(folder), SystemClock())
    runtime.close()
    target = sqlite3.connect(database_path(Path(folder)), isolation_level=None)
    for pragma in PRAGMAS:
        target.execute(pragma)
    start = time.perf_counter()
    copied = 0
    with _pg(schema) as source:
        last = source.execute("SELECT coalesce(max(seq), 0) FROM change").fetchone()[0]
        after = 0
        while after < last:
            # A bounded range of the primary key, as the centre's feed reads it: "the next
            # 5,000 after" made PostgreSQL sort the rest of the feed for every page, so the
            # floor was slower than the pull it is the floor of.
            page = source.execute(
                "SELECT seq, body FROM change WHERE kind = 'member' AND seq > %s AND seq <= %s"
                " ORDER BY seq",
                (after, after + PAGE),
            ).fetchall()
            source.commit()
            after += PAGE
            if not page:
                continue
            target.execute("BEGIN IMMEDIATE")
            bodies = [orjson.loads(body) for _seq, body in page]
            target.executemany(_MEMBER, [_member_row(b) for b in bodies])
            if rows == "all":
                _ledger_rows(target, bodies)
            target.execute("COMMIT")
            copied += len(page)
    took = time.perf_counter() - start
    target.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{copied} {took:.3f} {peak_mb:.0f}")


def _ledger_rows(target: sqlite3.Connection, bodies: list[dict]) -> None:
    from common.ids import new_ids
    from services.points.ledger import OPENING_ENTRY, OPENING_LOT
    from services.sync.members import _SYNC_MEMBER

    at, never = "2026-03-01 00:00:00.000000", "9999-01-01 00:00:00.000000"
    opening = [(b["id"], b["balance"]) for b in bodies if b["balance"]]
    entries = new_ids(len(opening))
    target.executemany(  # the statements the counter's ledger opens accounts with
        OPENING_ENTRY.sql,
        [
            (e, m, v, "floor", "d", "s", None, at)
            for e, (m, v) in zip(entries, opening, strict=True)
        ],
    )
    lots = [(e, m, v) for e, (m, v) in zip(entries, opening, strict=True) if v > 0]
    target.executemany(
        OPENING_LOT.sql,
        [(i, m, e, at, never, v, v) for i, (e, m, v) in zip(new_ids(len(lots)), lots, strict=True)],
    )
    target.executemany(_SYNC_MEMBER, [(b["id"], b["balance"], 0, 0, at) for b in bodies])


def _member_row(b: dict) -> tuple:
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
        b.get("balance") or 0,
        1 if b.get("consent_marketing") else 0,
        1 if b.get("active", True) else 0,
        b.get("home_store_id") or "",
        b.get("card_serial") or 1,
        "2026-03-01 00:00:00.000000",
    )
