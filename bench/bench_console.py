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
import random
import socket
import statistics
import subprocess
import sys
import time
from datetime import date

import httpx
from sqlalchemy import text

from bench.console_data import (
    MEMBER_COLUMNS,
    PASSWORD,
    PURCHASE_COLUMNS,
    Database,
    copy_rows,
    ledger,
    make_chain,
    member_id,
    member_lines,
    migrate_to,
    mobile,
    nps_lines,
    without_indexes,
)
from central.db import sessions
from central.programme import kpis, rules_draft


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
