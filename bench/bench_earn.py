"""An earn at the counter on a big database, beside a raw SQLite transaction of the same writes.

The earn is the real service call: quote, purchase row, ledger entry, lot, balance, tier
check, outbox row, durable commit. The raw transaction writes the same rows with plain
SQL in one BEGIN IMMEDIATE ... COMMIT.
Run: python -m bench.bench_earn [--members 1000000] [--per-member 10] [--earns 500]
"""

import argparse
import random
import sqlite3
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from bench.bench_foundation import percentiles
from bench.scratch import private_secrets
from common.ids import new_id
from devkit.populate import add_ledger, add_members
from models.db import database_path
from services import points
from services.core.bootstrap import open_counter
from services.core.clock import SystemClock
from services.core.setup import NewCounter, set_up_counter
from services.staff.accounts import sign_in


def raw_earn(conn: sqlite3.Connection, member_id: str, store_id: str, device_id: str, n: int):
    conn.execute("BEGIN IMMEDIATE")
    purchase, entry = new_id(), new_id()
    conn.execute(
        "INSERT INTO purchase (id, store_id, receipt_no, member_id, gross_fen, discount_fen,"
        " points_cash_fen, paid_fen, categories, points_earned, points_spent, refunded_fen,"
        " points_reversed, device_id, rule_version, at) VALUES"
        " (?, ?, ?, ?, 12800, 0, 0, 12800, '{}', 128, 0, 0, 0, ?, 1, datetime('now'))",
        (purchase, store_id, f"RAW{n}", member_id, device_id),
    )
    conn.execute(
        "INSERT INTO points_entry (id, member_id, kind, delta, reason, reference, purchase_id,"
        " device_id, store_id, rule_version, at) VALUES (?, ?, 'earn', 128, 'purchase', ?, ?,"
        " ?, ?, 1, datetime('now'))",
        (entry, member_id, f"RAW{n}", purchase, device_id, store_id),
    )
    conn.execute(
        "INSERT INTO points_lot VALUES (?, ?, ?, datetime('now'), '2027-12-31', 128, 128)",
        (new_id(), member_id, entry),
    )
    conn.execute(
        "UPDATE member SET points_balance = points_balance + 128 WHERE id = ?", (member_id,)
    )
    seq = conn.execute("UPDATE counter SET last_seq = last_seq + 1 RETURNING last_seq").fetchone()
    conn.execute(
        "INSERT INTO outbox (id, device_id, seq, op_type, op_version, payload, payload_hash,"
        " store_id, created_at, state, attempts) VALUES (?, ?, ?, 'points.earn', 1, '{}', 'x',"
        " ?, datetime('now'), 'pending', 0)",
        (new_id(), device_id, seq[0], store_id),
    )
    conn.execute("COMMIT")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=1_000_000)
    parser.add_argument("--per-member", type=int, default=10)
    parser.add_argument("--earns", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        runtime = open_counter(Path(tmp), SystemClock())
        ident, manager = set_up_counter(
            runtime.writer(), NewCounter("基准店", "BENCH", "1", "经理", "2580"), runtime.now()
        )
        db_path = database_path(runtime.data_dir)
        start = time.perf_counter()
        add_members(db_path, args.members, ident.store_id, "BENCH", "1")
        add_ledger(db_path, args.members, args.per_member, ident.store_id, ident.device_id)
        entries = args.members * args.per_member
        print(
            f"populated {args.members:,} members and {entries:,} ledger entries"
            f" in {time.perf_counter() - start:.0f} s"
        )
        actor = sign_in(runtime.writer(), manager.id, "2580", runtime.now())
        rng = random.Random(3)
        ids = [
            f"00000000-0000-7000-8000-{rng.randint(1, args.members):012d}"
            for _ in range(args.earns)
        ]
        ours = []
        for n, member_id in enumerate(ids):
            t0 = time.perf_counter()
            points.earn(
                runtime.writer(),
                actor,
                runtime.now() + timedelta(microseconds=n),
                member_id,
                f"B{n}",
                12800,
                {},
            )
            ours.append((time.perf_counter() - t0) * 1000)
        conn = sqlite3.connect(db_path, isolation_level=None)
        conn.execute("PRAGMA synchronous=FULL")
        raw = []
        for n, member_id in enumerate(ids):
            t0 = time.perf_counter()
            raw_earn(conn, member_id, ident.store_id, ident.device_id, n)
            raw.append((time.perf_counter() - t0) * 1000)
        conn.close()
        runtime.close()
    o50, o99 = percentiles(ours)
    r50, r99 = percentiles(raw)
    print(f"earn via services ({args.earns}x): p50 {o50:.2f} ms, p99 {o99:.2f} ms")
    print(f"raw SQLite, same writes: p50 {r50:.2f} ms, p99 {r99:.2f} ms")
    print(f"ratio at p99: {o99 / r99:.1f}x")


if __name__ == "__main__":
    with private_secrets():
        main()
