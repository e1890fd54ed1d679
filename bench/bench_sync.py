"""Sync: push throughput of 100,000 queued operations into PostgreSQL, and the pull of
1,000,000 members into a fresh counter (time and the counter's peak memory).

The centre runs as its own process (`python -m central serve`) on loopback, so the
counter's memory is measured alone. PostgreSQL at 127.0.0.1:5432, database `test`
(each run uses a fresh schema and drops it).
The push is run twice, the second time against a centre with the protocol's payload
validation switched off (bench/unvalidated_centre.py), so both figures come from one run.
Run: python -m bench.bench_sync [--ops 100000] [--members 1000000] [--skip-pull] [--tls]
`--tls`: the centre serves HTTPS (`serve --ssl-certfile/--ssl-keyfile`) with a certificate
from a CA made for the run, which the counter trusts explicitly and pins, as in production.
"""

import argparse
import csv
import os
import resource
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text

from central.db import create_central_engine

PG = os.environ.get("CENTRAL_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Centre:
    def __init__(self, schema: str) -> None:
        self.schema = schema
        self.url = f"{PG}?options=-csearch_path%3D{schema}"
        engine = create_central_engine(PG)
        with engine.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
        engine.dispose()
        self.port = _free_port()
        self.proc = None
        self.ca_file: str | None = None  # set when serving TLS

    def cli(self, *args: str) -> str:
        out = subprocess.run(
            [sys.executable, "-m", "central", "--db", self.url, *args],
            check=True,
            capture_output=True,
            text=True,
        )
        return out.stdout

    def start(self, validated: bool = True, tls: bool = False) -> str:
        module = "central" if validated else "bench.unvalidated_centre"
        serve = [sys.executable, "-m", module, "--db", self.url, "serve", "--port", str(self.port)]
        if tls:
            from tests.integration.tls_centre import make_certificates

            files = make_certificates(Path(tempfile.mkdtemp()))
            serve += ["--ssl-certfile", str(files.cert_file), "--ssl-keyfile", str(files.key_file)]
            self.ca_file = str(files.ca_file)
        self.proc = subprocess.Popen(serve, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return f"{'https' if tls else 'http'}://127.0.0.1:{self.port}"
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("centre did not start")

    def close(self) -> None:
        if self.proc:
            self.proc.terminate()
            self.proc.wait(10)
        engine = create_central_engine(PG)
        with engine.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {self.schema} CASCADE"))
        engine.dispose()


def _counter(folder: Path, url: str, code: str, ca_file: str | None = None):
    from services import sync
    from services.bootstrap import open_counter
    from services.clock import SystemClock
    from services.setup import NewCounter, set_up_counter
    from services.sync_client import LinkSecurity

    runtime = open_counter(folder, SystemClock())
    set_up_counter(runtime.writer(), NewCounter("一店", "S1", "1", "王经理", "2580"), runtime.now())
    link = LinkSecurity(ca_file=ca_file)
    sync.enroll(runtime.writer, None, runtime.now(), url, code, None, link)
    return runtime


def _queue_operations(runtime, member_ids: list[str], count: int) -> None:
    """Earns (half), visits and adjustments, written by journal.insert_operation."""
    import sqlite3

    from models.db import database_path
    from services.actor import Actor
    from services.journal import insert_operation

    conn = sqlite3.connect(database_path(runtime.data_dir), isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    device, store = conn.execute("SELECT id, store_id FROM counter").fetchone()
    actor = Actor(None, "bench", "system", store, device)
    at = datetime(2026, 3, 1, 2, tzinfo=UTC)
    for i in range(count):
        member = member_ids[i % len(member_ids)]
        kind = i % 10
        if kind < 5:
            op, payload = (
                "points.earn",
                {
                    "purchase_id": str(uuid.uuid4()),
                    "receipt_no": f"B{i:08d}",
                    "member_id": member,
                    "gross_fen": 10_000,
                    "discount_fen": 0,
                    "points_cash_fen": 0,
                    "coupon_id": None,
                    "coupon_fen": 0,
                    "paid_fen": 10_000,
                    "categories": {},
                    "points": 100,
                    "tier": "bronze",
                    "birthday_month": False,
                    "rule_version": 1,
                    "at": at.isoformat(),
                },
            )
        elif kind < 8:
            op, payload = (
                "member.visit",
                {
                    "visit_id": str(uuid.uuid4()),
                    "member_id": member,
                    "source": "scan",
                    "at": at.isoformat(),
                },
            )
        else:
            # one-point adjustments: the centre now derives a visit bonus from the rule set
            # (none by default) and credits it once a day, so made-up bonuses are refused
            op, payload = (
                "points.adjust",
                {
                    "member_id": member,
                    "delta": 1,
                    "reason": "bench",
                    "approved_by": device,
                    "rule_version": 1,
                },
            )
        insert_operation(conn, actor, at, op, payload)
    conn.execute("COMMIT")
    conn.close()


def _write_members(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(
            [
                "member_no",
                "name",
                "mobile",
                "birth_month",
                "birth_day",
                "tier",
                "balance",
                "home_store",
            ]
        )
        for i in range(count):
            out.writerow(
                [
                    f"M{i:08d}",
                    f"会员{i}",
                    f"13{i:09d}",
                    i % 12 + 1,
                    i % 28 + 1,
                    "bronze",
                    i % 7 * 100,
                    "S1",
                ]
            )


def bench_push(ops: int, validated: bool = True, tls: bool = False) -> None:
    from services import sync

    centre = Centre(f"bench_push_{uuid.uuid4().hex[:8]}")
    try:
        centre.cli("create-store", "S1", "一店")
        members = Path(tempfile.mkdtemp()) / "m.csv"
        _write_members(members, 1000)
        centre.cli("import-members", str(members))
        code = centre.cli("enrollment-code", "S1").rsplit(" ", 1)[1].strip()
        url = centre.start(validated, tls)
        with tempfile.TemporaryDirectory() as folder:
            runtime = _counter(Path(folder), url, code, centre.ca_file)
            sync.pull_changes(runtime.writer, runtime.reader, _client(runtime), runtime.now)
            with runtime.reader() as uow:
                ids = [r[0] for r in uow.session.execute(text("SELECT id FROM member"))]
            _queue_operations(runtime, ids, ops)
            client = _client(runtime)
            start = time.perf_counter()
            report = sync.push_pending(runtime.writer, runtime.reader, client, runtime.now, 1000)
            elapsed = time.perf_counter() - start
            client.close()
            assert report.applied == ops, report
            print(
                f"push {ops:,} operations into PostgreSQL: {elapsed:.1f} s, "
                f"{ops / elapsed:,.0f} operations/s (batches of 1,000, real "
                f"{'HTTPS' if tls else 'HTTP'} on loopback"
                + ("" if validated else "; payload validation OFF, for comparison")
                + ")"
            )
            runtime.close()
    finally:
        centre.close()


def _client(runtime):
    from services.secrets import read_device_token
    from services.sync import link_of, load_state
    from services.sync_client import CentralClient

    state = load_state(runtime.reader)
    return CentralClient(state.central_url, read_device_token(runtime.reader), None, link_of(state))


def bench_pull(count: int, tls: bool = False) -> None:
    centre = Centre(f"bench_pull_{uuid.uuid4().hex[:8]}")
    try:
        centre.cli("create-store", "S1", "一店")
        members = Path(tempfile.mkdtemp()) / "m.csv"
        _write_members(members, count)
        start = time.perf_counter()
        centre.cli("import-members", str(members))
        print(f"(import of {count:,} members into the centre: {time.perf_counter() - start:.0f} s)")
        code = centre.cli("enrollment-code", "S1").rsplit(" ", 1)[1].strip()
        url = centre.start(tls=tls)
        with tempfile.TemporaryDirectory() as folder:
            child = [sys.executable, "-m", "bench.bench_sync", "--pull-child", folder, url, code]
            out = subprocess.run(
                child + ([centre.ca_file] if centre.ca_file else []),
                check=True,
                capture_output=True,
                text=True,
            )
            print(out.stdout.strip())
    finally:
        centre.close()


def pull_child(folder: str, url: str, code: str, ca_file: str | None = None) -> None:
    """A fresh counter process: enroll, pull everything, report time and peak memory."""
    from services import sync

    runtime = _counter(Path(folder), url, code, ca_file)
    client = _client(runtime)
    start = time.perf_counter()
    pulled = sync.pull_changes(runtime.writer, runtime.reader, client, runtime.now, 5000).applied
    elapsed = time.perf_counter() - start
    with runtime.reader() as uow:
        members = uow.session.execute(text("SELECT count(*) FROM member")).scalar()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"pull {members:,} members ({pulled:,} changes) into a fresh counter: "
        f"{elapsed:.1f} s, counter peak memory {peak_mb:.0f} MB"
    )


def main() -> None:
    if len(sys.argv) in (5, 6) and sys.argv[1] == "--pull-child":
        pull_child(*sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ops", type=int, default=100_000)
    parser.add_argument("--members", type=int, default=1_000_000)
    parser.add_argument("--skip-pull", action="store_true")
    parser.add_argument("--skip-push", action="store_true")
    parser.add_argument("--tls", action="store_true", help="the centre serves HTTPS (loopback)")
    args = parser.parse_args()
    if not args.skip_push:
        bench_push(args.ops, tls=args.tls)
        # the same run, to show what validation costs
        bench_push(args.ops, validated=False, tls=args.tls)
    if not args.skip_pull:
        bench_pull(args.members, args.tls)


if __name__ == "__main__":
    main()
