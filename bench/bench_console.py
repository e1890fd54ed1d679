"""The console on a chain of 1,000,000 members and 10,000,000 ledger entries.

Makes a PostgreSQL database of its own, migrates it to the console's schema (0006), loads
members, ledger entries, their purchases and NPS answers by COPY, then migrates to the head
(0007 counts what is there into the KPI aggregates, timed), serves the centre as its own
uvicorn process, signs in over HTTP and measures, through the real routes:

- the KPI page for a year, chain-wide and for one store, beside its floor: the same figures
  from the same session-less SQL (central.programme.kpis called directly, no HTTP, no page);
- member search and the member page, when the centre has them (the console's members
  pages), beside the bare SQL of the lookup.

The database is dropped whatever happens.

    python -m bench.bench_console [--members 1000000] [--entries 10000000] [--runs 20]
"""

import argparse
import io
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import uuid
from datetime import UTC, date, datetime, timedelta

import httpx
from alembic import command
from sqlalchemy import create_engine, text

from central import admin
from central.console.auth import create_user
from central.db import alembic_config, create_central_engine, sessions
from central.programme import kpis, rules_draft

PG = os.environ.get("CENTRAL_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
STORES = 50
PASSWORD = "bench-console-password"
START = date(2025, 1, 1)
DAYS = 700  # to 1 December 2026
FAMILY = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英"


def member_id(i: int) -> str:
    return f"00000000-0000-4000-8000-{i:012d}"


def mobile(i: int) -> str:
    return f"139{i:08d}"


class Database:
    """A database of its own, dropped by `close` whatever happened."""

    def __init__(self) -> None:
        self.name = f"bench_console_{uuid.uuid4().hex[:8]}"
        base = PG.rsplit("/", 1)[0]
        self.url = f"{base}/{self.name}"
        self._admin = create_engine(PG, isolation_level="AUTOCOMMIT")
        with self._admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {self.name}"))
        self.engine = create_central_engine(self.url)

    def close(self) -> None:
        self.engine.dispose()
        with self._admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)"))
        self._admin.dispose()


def migrate_to(engine, revision: str) -> None:
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def make_chain(engine) -> tuple[str, list[str]]:
    now = datetime.now(UTC)
    with sessions(engine)() as s, s.begin():
        stores = [
            admin.create_store(s, "default", f"S{n:02d}", f"第{n}分店", now).id
            for n in range(1, STORES + 1)
        ]
        chain_id = admin.chain_by_name(s, "default", now).id
        create_user(s, "default", "boss", "admin", PASSWORD, now)
        s.execute(
            text(
                "INSERT INTO device (id, chain_id, store_id, label, public_key, key_id,"
                " token_hash, last_seq, enrolled_at) VALUES (:id, :c, :s, '1', :k, :kid, 'x',"
                " 0, :now)"
            ),
            [
                {
                    "id": f"dev-{n}",
                    "c": chain_id,
                    "s": store,
                    "k": n.to_bytes(32, "big"),
                    "kid": f"{n:08x}",
                    "now": now,
                }
                for n, store in enumerate(stores)
            ],
        )
    return chain_id, stores


def copy_rows(engine, table: str, columns: str, lines) -> float:
    """Lines of COPY text into `table`, in blocks; seconds."""
    started = time.perf_counter()
    raw = engine.raw_connection()
    try:
        with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            block = io.StringIO()
            for n, line in enumerate(lines, 1):
                block.write(line)
                if n % 50_000 == 0:
                    copy.write(block.getvalue())
                    block = io.StringIO()
            copy.write(block.getvalue())
        raw.commit()
    finally:
        raw.close()
    return time.perf_counter() - started


def without_indexes(engine, tables: tuple[str, ...]):
    """Drops the tables' secondary indexes for a bulk load and gives back a function that
    builds them again (one sort each instead of ten million random inserts)."""
    with engine.begin() as conn:
        found = conn.execute(
            text(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = ANY(:t)"
                " AND i.schemaname = current_schema() AND NOT EXISTS (SELECT 1 FROM"
                " pg_constraint c WHERE c.conname = i.indexname)"
            ),
            {"t": list(tables)},
        ).all()
        for name, _definition in found:
            conn.execute(text(f"DROP INDEX {name}"))

    def rebuild() -> None:
        with engine.begin() as conn:
            for _name, definition in found:
                conn.execute(text(definition))

    return rebuild


def member_lines(count: int, chain_id: str, stores: list[str]):
    rng = random.Random(1)
    tiers = ("bronze",) * 6 + ("silver",) * 3 + ("gold", "platinum")
    for i in range(count):
        name = rng.choice(FAMILY) + rng.choice(GIVEN) + rng.choice(GIVEN)
        tier = rng.choice(tiers)
        yield (
            f"{member_id(i)}\t{chain_id}\tM{i:09d}\t{name}\t{mobile(i)}\t{rng.randint(1, 12)}"
            f"\t{rng.randint(1, 28)}\t{tier}\t{tier}\t{rng.randint(0, 5000)}\tf\tt\tt"
            f"\t{stores[i % len(stores)]}\t1\t2025-01-01 00:00:00\t2025-01-01 00:00:00\n"
        )


MEMBER_COLUMNS = (
    "id, chain_id, member_no, name, mobile, birth_month, birth_day, tier, peak_tier, balance,"
    " redeem_blocked, consent_marketing, active, home_store_id, card_serial, created_at,"
    " updated_at"
)


def ledger(entries: int, members: int, stores: list[str], purchases: list):
    """Ledger lines; each earn's purchase is appended to `purchases` (sale number, line)."""
    rng = random.Random(2)
    days = [(START + timedelta(days=d)).isoformat() for d in range(DAYS)]
    for n in range(entries):
        m = rng.randrange(members)
        store = stores[m % len(stores)] if rng.random() < 0.9 else rng.choice(stores)
        at = f"{days[rng.randrange(DAYS)]} {rng.randrange(24):02d}:{rng.randrange(60):02d}:00"
        op = f"00000000-0000-4000-9000-{n:012d}"
        roll = rng.random()
        if roll < 0.6:
            paid = rng.randint(500, 80_000)
            kind, delta = "earn", paid // 100
            purchases.append(
                f"{store}\tR{n}\t{op}\t{op}\t{member_id(m)}\t{paid}\t{delta}\t0\t0\t0\t0\t0\t{at}\n"
            )
        elif roll < 0.85:
            kind, delta = "redeem", -100 * rng.randint(1, 5)
        elif roll < 0.95:
            kind, delta = "expire", -rng.randint(1, 300)
        else:
            kind, delta = "adjust", rng.randint(-50, 200)
        yield f"{member_id(m)}\t{op}\t{kind}\t{delta}\t{store}\t{at}\n"


PURCHASE_COLUMNS = (
    "store_id, receipt_no, purchase_id, op_id, member_id, paid_fen, points, points_cash_fen,"
    " points_spent, refunded_fen, points_reversed, points_returned, at"
)


def nps_lines(count: int, stores: list[str]):
    rng = random.Random(3)
    for n in range(count):
        k = rng.randrange(len(stores))
        at = (datetime(2025, 1, 1) + timedelta(minutes=rng.randrange(DAYS * 1440))).isoformat(" ")
        yield (
            f'nps-{n}\tdev-{k}\t{n + 1}\tnps.record\t1\t{{"score": {rng.randint(0, 10)}}}\th'
            f"\t{stores[k]}\t{at}\t{at}\tapplied\n"
        )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(url: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "central", "--db", url, "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.1)
    proc.terminate()
    raise RuntimeError("centre did not start")


def signed_in(base: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=60)
    page = client.get("/console/login")
    token = page.text.split('name="login_token" value="', 1)[1].split('"', 1)[0]
    answer = client.post(
        "/console/login",
        data={"name": "boss", "password": PASSWORD, "login_token": token, "next": "/console/"},
    )
    if answer.status_code != 303:
        raise RuntimeError(f"sign-in refused: {answer.status_code}")
    return client


def timed(action, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return times


def p(times: list[float], q: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def row(label: str, ours: list[float], floor: list[float]) -> str:
    return (
        f"| {label} | p50 {p(ours, 0.5):.0f} ms, p99 {p(ours, 0.99):.0f} ms |"
        f" p50 {p(floor, 0.5):.0f} ms, p99 {p(floor, 0.99):.0f} ms |"
        f" {statistics.median(ours) / max(statistics.median(floor), 0.001):.1f}x |"
    )


def measure_kpis(db: Database, client: httpx.Client, chain_id: str, store: str, runs: int):
    year = "first=2025-12&last=2026-11"
    period = kpis.Period.of(date(2025, 12, 1), date(2026, 11, 1))
    rows = []
    for label, query, scope in (
        ("KPI page, a year, whole chain", year, kpis.Scope(chain_id)),
        ("KPI page, a year, one store", f"{year}&store={store}", kpis.Scope(chain_id, store)),
    ):

        def page(query=query):
            answer = client.get(f"/console/numbers?{query}")
            assert answer.status_code == 200, answer.status_code

        def floor(scope=scope):
            with sessions(db.engine)() as s:
                rules = rules_draft.in_force(s, chain_id, date(2026, 12, 1))
                kpis.chain_numbers(s, scope, period, rules, "Asia/Shanghai")

        page()  # warm
        rows.append(row(label, timed(page, runs), timed(floor, runs)))
    return rows


def measure_members(
    db: Database, client: httpx.Client, chain_id: str, members: int, runs: int
) -> list[str]:
    rng = random.Random(4)
    probe = client.get(f"/console/members?q={mobile(1)}")
    if probe.status_code == 404:
        return ["| member search, member page | (no members pages on this centre) | | |"]
    rows = []
    picks = [rng.randrange(members) for _ in range(runs)]
    raw = db.engine.raw_connection()
    try:
        with raw.cursor() as cursor:

            def search_floor(i=iter(picks)):  # noqa: B008  (one pick a call)
                cursor.execute(
                    "SELECT id FROM member WHERE chain_id = %s AND mobile = %s",
                    (chain_id, mobile(next(i))),
                )
                cursor.fetchall()

            def search(i=iter(picks)):  # noqa: B008
                answer = client.get(f"/console/members?q={mobile(next(i))}")
                assert answer.status_code == 200, answer.status_code

            rows.append(
                row("member search by mobile", timed(search, runs), timed(search_floor, runs))
            )

            def page_floor(i=iter(picks)):  # noqa: B008
                cursor.execute(
                    "SELECT * FROM points_entry WHERE member_id = %s ORDER BY id DESC LIMIT 50",
                    (member_id(next(i)),),
                )
                cursor.fetchall()

            def page(i=iter(picks)):  # noqa: B008
                answer = client.get(f"/console/members/{member_id(next(i))}")
                assert answer.status_code == 200, answer.status_code

            rows.append(
                row(
                    "member page (floor: its ledger page's SQL)",
                    timed(page, runs),
                    timed(page_floor, runs),
                )
            )
    finally:
        raw.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=1_000_000)
    parser.add_argument("--entries", type=int, default=10_000_000)
    parser.add_argument("--nps", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--member-runs", type=int, default=300)
    args = parser.parse_args()
    db = Database()
    proc = None
    try:
        migrate_to(db.engine, "0006")
        chain_id, stores = make_chain(db.engine)
        started = time.perf_counter()
        rebuild = without_indexes(db.engine, ("member", "points_entry", "purchase"))
        copy_rows(db.engine, "member", MEMBER_COLUMNS, member_lines(args.members, chain_id, stores))
        purchases: list[str] = []
        copy_rows(
            db.engine,
            "points_entry",
            "member_id, op_id, kind, delta, store_id, at",
            ledger(args.entries, args.members, stores, purchases),
        )
        copy_rows(db.engine, "purchase", PURCHASE_COLUMNS, iter(purchases))
        del purchases
        copy_rows(
            db.engine,
            "operation",
            "id, device_id, seq, op_type, op_version, payload, payload_hash, store_id,"
            " device_time, received_at, result",
            nps_lines(args.nps, stores),
        )
        rebuild()
        with db.engine.connect() as conn:
            conn.execute(text("ANALYZE"))
            conn.commit()
        loaded = time.perf_counter() - started
        started = time.perf_counter()
        migrate_to(db.engine, "head")
        with db.engine.connect() as conn:
            conn.execute(text("ANALYZE"))
            conn.commit()
        counted = time.perf_counter() - started
        print(
            f"loaded {args.members:,} members, {args.entries:,} ledger entries and their"
            f" purchases, {args.nps:,} NPS answers by COPY in {loaded:.0f} s;"
            f" migration 0007 counted them into the KPI aggregates in {counted:.0f} s"
        )
        proc, base = serve(db.url)
        client = signed_in(base)
        print("| what (through HTTP, signed in) | ours | floor (same run) | ratio |")
        print("|---|---|---|---|")
        for line in measure_kpis(db, client, chain_id, stores[0], args.runs):
            print(line)
        for line in measure_members(db, client, chain_id, args.members, args.member_runs):
            print(line)
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(10)
        db.close()


if __name__ == "__main__":
    main()
