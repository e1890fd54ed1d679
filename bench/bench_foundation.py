"""Foundation benchmark: what one recorded operation costs, beside raw SQLite doing the same.

A recorded operation is the unit every later feature pays for: its local effect, its
outbox row with a gap-free device sequence, and a durable commit (WAL, synchronous=FULL).
Run: python -m bench.bench_foundation [--ops 2000]
"""

import argparse
import hashlib
import json
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from bench.scratch import private_secrets
from common.ids import new_id
from services.core.bootstrap import open_counter
from services.core.clock import SystemClock
from services.core.journal import append_audit, record_operation
from services.core.setup import NewCounter, set_up_counter
from services.staff.accounts import sign_in


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return statistics.median(ordered), p99


def bench_recorded_operations(runtime, actor, ops: int) -> list[float]:
    samples = []
    for i in range(ops):
        start = time.perf_counter()
        with runtime.writer() as uow:
            payload = {"member_id": actor.device_id, "reason": f"bench {i}"}
            record_operation(uow, actor, runtime.now(), "member.deactivate", payload)
            append_audit(uow, actor, runtime.now(), "bench.op", f"n:{i}")
            uow.commit()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def bench_raw_sqlite(db_path: Path, ops: int) -> list[float]:
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE seq (id INTEGER PRIMARY KEY, last INTEGER)")
    conn.execute("INSERT INTO seq VALUES (1, 0)")
    conn.execute("CREATE TABLE ops (id TEXT PRIMARY KEY, seq INTEGER, payload TEXT, hash TEXT)")
    conn.execute("CREATE TABLE audit (id INTEGER PRIMARY KEY, prev TEXT, hash TEXT)")
    samples = []
    for i in range(ops):
        start = time.perf_counter()
        body = json.dumps({"n": i, "fen": 12345}, sort_keys=True)
        digest = hashlib.sha256(body.encode()).hexdigest()
        conn.execute("BEGIN IMMEDIATE")
        seq = conn.execute("UPDATE seq SET last = last + 1 RETURNING last").fetchone()[0]
        conn.execute("INSERT INTO ops VALUES (?, ?, ?, ?)", (new_id(), seq, body, digest))
        prev = conn.execute("SELECT hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
        conn.execute("INSERT INTO audit (prev, hash) VALUES (?, ?)", (prev and prev[0], digest))
        conn.execute("COMMIT")
        samples.append((time.perf_counter() - start) * 1000)
    conn.close()
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ops", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        runtime = open_counter(Path(tmp) / "counter", SystemClock())
        open_ms = (time.perf_counter() - start) * 1000
        _identity, manager = set_up_counter(
            runtime.writer(), NewCounter("基准店", "BENCH", "1", "经理", "2580"), runtime.now()
        )
        start = time.perf_counter()
        actor = sign_in(runtime.writer(), manager.id, "2580", runtime.now())
        sign_in_ms = (time.perf_counter() - start) * 1000
        ours = bench_recorded_operations(runtime, actor, args.ops)
        raw = bench_raw_sqlite(Path(tmp) / "raw.sqlite3", args.ops)
        runtime.close()
    ours_p50, ours_p99 = percentiles(ours)
    raw_p50, raw_p99 = percentiles(raw)
    print(f"open + migrate empty database: {open_ms:.0f} ms")
    print(f"staff sign-in (scrypt PIN check + audit): {sign_in_ms:.0f} ms")
    print(f"recorded operation ({args.ops}x): p50 {ours_p50:.2f} ms, p99 {ours_p99:.2f} ms")
    print(f"raw SQLite, same writes ({args.ops}x): p50 {raw_p50:.2f} ms, p99 {raw_p99:.2f} ms")
    print(f"overhead at p99: {ours_p99 / raw_p99:.1f}x")


if __name__ == "__main__":
    with private_secrets():
        main()
