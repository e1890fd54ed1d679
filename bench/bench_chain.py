"""The centre at chain scale: 1,000 counters of 300 stores against one machine.

A fresh PostgreSQL database (dropped at the end) gets a chain of stores and members, and
counters enrolled through the centre's admin, each with its own key. The centre runs as a
real server (`uvicorn --factory central.app:app_from_env --workers N`) on a free loopback
port. One asyncio process (httpx) plays the counters: each pushes a batch every cycle and
then pulls its feed to the end, at a random phase in the cycle so the load is spread as
real counters spread it. The cycle is 30 s of the counters' time; `--compress K` runs it
in 30/K s of ours (each counter then pushes K times as often as a real one: the load is
that of K times as many counters). One push in ten is sent twice, as a counter does when
an answer is lost (half of them both at once, half after the first answer).

Printed: push and pull latency (p50/p99), throughput (operations/s, requests/s, changes
pulled/s) and errors, beside two floors measured in the same run: an empty authenticated
request's round trip, and the same operation rows COPYed into a copy of the ledger table.
Checked: every operation is stored once (rows by op id), retries were answered as
duplicates, and coupon redemptions of one coupon sent by two counters of different stores
at the same instant (on fresh connections, so to different workers) give one redemption and
one conflict.

Run: python -m bench.bench_chain [--counters 1000] [--stores 300] [--cycles 6]
     [--compress 1] [--ops 4] [--workers N] [--members 100] [--pairs 50]
"""

import argparse
import asyncio
import math
import os
import random
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpx
import orjson

from bench.chain_floors import copy_floor, empty_request_floor
from central.db import sessions
from devkit.centre_server import Centre
from devkit.chain_setup import (
    Database,
    SimCounter,
    coupon_issue,
    coupon_redeem,
    enroll_in,
    event_create,
    mixed_operation,
    populate,
)

CYCLE_S = 30.0


@dataclass
class Tally:
    push_ms: list[float] = field(default_factory=list)
    pull_ms: list[float] = field(default_factory=list)
    ops: int = 0
    pushes: int = 0
    pulls: int = 0
    changes: int = 0
    errors: list[str] = field(default_factory=list)
    results: dict[str, int] = field(default_factory=dict)
    retries: int = 0
    sent_ids: set[str] = field(default_factory=set)
    # Requests in flight at most: httpx's pool matches every queued request with every
    # connection on each event, so 1,000 counters queued in it took the simulator's CPU.
    gate: asyncio.Semaphore | None = None

    def error(self, text: str) -> None:
        if len(self.errors) < 20:
            self.errors.append(text)
        else:
            self.errors.append("...")


async def push(client: httpx.AsyncClient, counter: SimCounter, ops: list[dict], tally: Tally):
    """One push; its answer checked: every operation applied or a duplicate."""
    try:
        async with tally.gate:
            start = time.perf_counter()
            answer = await client.post(
                "/v1/push", json={"operations": ops}, headers=counter.headers
            )
    except httpx.HTTPError as exc:
        tally.error(f"push {type(exc).__name__}")
        return None
    tally.push_ms.append((time.perf_counter() - start) * 1000)
    tally.pushes += 1
    if answer.status_code != 200:
        tally.error(f"push {answer.status_code} {answer.text[:120]}")
        return None
    results = orjson.loads(answer.content)["results"]
    for r in results:
        tally.results[r["result"]] = tally.results.get(r["result"], 0) + 1
    if len(results) != len(ops):
        tally.error(f"push answered {len(results)} of {len(ops)}")
    return results


async def pull(client: httpx.AsyncClient, counter: SimCounter, tally: Tally, stop: float) -> None:
    """Pages of the counter's feed to its end (or to the end of the run)."""
    while time.monotonic() < stop:
        try:
            async with tally.gate:
                start = time.perf_counter()
                answer = await client.get(
                    "/v1/pull",
                    params={"after": counter.cursor, "limit": 1000},
                    headers=counter.headers,
                )
        except httpx.HTTPError as exc:
            tally.error(f"pull {type(exc).__name__}")
            return
        tally.pull_ms.append((time.perf_counter() - start) * 1000)
        tally.pulls += 1
        if answer.status_code != 200:
            tally.error(f"pull {answer.status_code} {answer.text[:120]}")
            return
        page = orjson.loads(answer.content)
        tally.changes += len(page["changes"])
        counter.cursor = page["cursor"]
        if not page["more"]:
            return


async def run_counter(client, counter: SimCounter, n: int, args, tally: Tally, stop: float):
    """Pushes `args.ops` operations per cycle, then pulls; the tenth push goes twice."""
    period = CYCLE_S / args.compress
    await asyncio.sleep(random.random() * period)
    number = 0
    while time.monotonic() < stop:
        began = time.monotonic()
        at = datetime.now(UTC)
        ops = [] if counter.event_id else [event_create(counter, n, at)]
        ops += [mixed_operation(counter, counter.seq, at) for _ in range(args.ops)]
        tally.ops += len(ops)
        tally.sent_ids.update(op["id"] for op in ops)
        number += 1
        if (n + number) % 10 == 0:  # the answer "lost": the same batch again
            tally.retries += 1
            if (n + number) % 20 == 0:
                both = await asyncio.gather(
                    push(client, counter, ops, tally), push(client, counter, ops, tally)
                )
            else:
                both = [await push(client, counter, ops, tally)]
                both.append(await push(client, counter, ops, tally))
            check_retry(both, tally)
        else:
            results = await push(client, counter, ops, tally)
            if results is not None:
                bad = [r for r in results if r["result"] != "applied"]
                if bad:
                    tally.error(f"not applied: {bad[0]}")
        await pull(client, counter, tally, stop)
        await asyncio.sleep(max(0.0, period - (time.monotonic() - began)))


def check_retry(answers: list, tally: Tally) -> None:
    """The same batch twice: each operation applied by one answer, a duplicate in the other."""
    if any(a is None for a in answers):
        return
    for first, second in zip(*answers, strict=True):
        if sorted([first["result"], second["result"]]) != ["applied", "duplicate"]:
            tally.error(f"retry answered {first['result']} and {second['result']}")


async def load(counters: list[SimCounter], url: str, args) -> tuple[Tally, float]:
    tally = Tally(gate=asyncio.Semaphore(args.connections))
    limits = httpx.Limits(max_connections=args.connections, max_keepalive_connections=None)
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:
        for counter in counters:  # as if each had pulled already: the feed from now on
            counter.cursor = 0
        await pull(client, counters[0], Tally(gate=asyncio.Semaphore(1)), math.inf)
        for counter in counters:
            counter.cursor = counters[0].cursor
        start = time.monotonic()
        stop = start + args.cycles * CYCLE_S / args.compress
        await asyncio.gather(
            *(run_counter(client, c, n, args, tally, stop) for n, c in enumerate(counters))
        )
        return tally, time.monotonic() - start


async def conflicting_redemptions(counters: list[SimCounter], url: str, pairs: int) -> dict:
    """`pairs` coupons, each issued by one counter and redeemed by two counters of two other
    stores at the same instant, each on a connection of its own; their answers."""
    by_store: dict[str, list[SimCounter]] = {}
    for c in counters:
        by_store.setdefault(c.store_id, []).append(c)
    stores = list(by_store)
    outcomes: dict[str, int] = {}
    for p in range(pairs):
        issuer, a, b = (by_store[stores[(p * 3 + k) % len(stores)]][0] for k in range(3))
        at = datetime.now(UTC)
        async with httpx.AsyncClient(base_url=url, timeout=60) as client:
            issued = coupon_issue(issuer, at)
            answer = await client.post(
                "/v1/push", json={"operations": [issued]}, headers=issuer.headers
            )
            assert answer.json()["results"][0]["result"] == "applied", answer.text
        coupon_id, code = issuer.coupons.pop()
        ops = [coupon_redeem(c, coupon_id, code, at) for c in (a, b)]
        clients = [httpx.AsyncClient(base_url=url, timeout=60) for _ in range(2)]
        try:
            answers = await asyncio.gather(
                *(
                    cl.post("/v1/push", json={"operations": [op]}, headers=c.headers)
                    for cl, c, op in zip(clients, (a, b), ops, strict=True)
                )
            )
        finally:
            for cl in clients:
                await cl.aclose()
        results = sorted(r.json()["results"][0]["result"] for r in answers)
        key = "+".join(results)
        outcomes[key] = outcomes.get(key, 0) + 1
    return outcomes


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def ledger_counts(db: Database, sent: set[str]) -> dict[str, int]:
    """What the centre stored of the operations sent: rows, distinct ids, ids missing."""
    with db.engine.connect() as conn:
        from sqlalchemy import text

        stored = [row[0] for row in conn.execute(text("SELECT id FROM operation"))]
        twice = conn.execute(
            text("SELECT count(*) FROM (SELECT op_id FROM points_entry GROUP BY op_id, kind"
                 " HAVING count(*) > 1) t")
        ).scalar()  # fmt: skip
    stored_set = set(stored)
    return {
        "rows": len(stored),
        "distinct": len(stored_set),
        "missing": len(sent - stored_set),
        "points_entries_twice": twice,
    }


def report(args, workers: int, tally: Tally, seconds: float, floors: dict, checks: dict) -> bool:
    rate = args.counters * args.compress / CYCLE_S
    print(
        f"\n{args.counters:,} counters of {args.stores} stores, {workers} uvicorn workers,"
        f" cycle {CYCLE_S:.0f} s run {args.compress}x faster ({CYCLE_S / args.compress:.1f} s:"
        f" the push rate of {args.counters * args.compress:,} counters), {args.ops} operations"
        f" a push, {seconds:.0f} s ({args.cycles} cycles)"
    )
    print(f"target push rate: {rate:,.1f} pushes/s")
    print("\n| work | p50 | p99 | throughput | floor, same run |")
    print("|---|---|---|---|---|")
    print(
        f"| push | {percentile(tally.push_ms, 0.5):.1f} ms | {percentile(tally.push_ms, 0.99):.1f}"
        f" ms | {tally.pushes / seconds:,.1f} req/s, {tally.ops / seconds:,.0f} ops/s |"
        f" empty authenticated request {floors['empty_p50']:.1f} / {floors['empty_p99']:.1f} ms;"
        f" COPY of the rows {floors['copy_rows_per_s']:,.0f} rows/s |"
    )
    print(
        f"| pull | {percentile(tally.pull_ms, 0.5):.1f} ms | {percentile(tally.pull_ms, 0.99):.1f}"
        f" ms | {tally.pulls / seconds:,.1f} req/s, {tally.changes / seconds:,.0f} changes/s |"
        f" empty authenticated request {floors['empty_p50']:.1f} / {floors['empty_p99']:.1f} ms |"
    )
    print(f"\nanswers: {tally.results}; retried batches: {tally.retries}")
    print(f"ledger: {checks['ledger']} for {len(tally.sent_ids):,} operations sent")
    print(f"conflicting redemptions, {args.pairs} coupons: {checks['pairs']}")
    print(f"errors: {len(tally.errors)} {tally.errors[:5]}")
    ledger = checks["ledger"]
    ok = (
        not tally.errors
        and ledger["rows"] == ledger["distinct"] == len(tally.sent_ids) + 3 * args.pairs
        and ledger["missing"] == 0
        and ledger["points_entries_twice"] == 0
        and checks["pairs"] == {"applied+conflict": args.pairs}
    )
    print("correct: yes" if ok else "correct: NO")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--counters", type=int, default=1000)
    parser.add_argument("--stores", type=int, default=300)
    parser.add_argument("--members", type=int, default=100, help="members per store")
    parser.add_argument("--cycles", type=int, default=6)
    parser.add_argument("--compress", type=float, default=1.0)
    parser.add_argument("--ops", type=int, default=4, help="operations a push")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--connections", type=int, default=32, help="requests in flight")
    parser.add_argument("--pairs", type=int, default=50, help="coupons redeemed twice")
    args = parser.parse_args()
    began = time.monotonic()
    with Database("bench_chain") as db:
        made = populate(db.engine, args.stores, args.members)
        counters = []
        for first in range(0, args.counters, 100):
            with sessions(db.engine)() as session, session.begin():
                for n in range(first, min(first + 100, args.counters)):
                    store_id, members = made[n % args.stores]
                    counters.append(enroll_in(session, store_id, f"C{n:04d}", members))
        print(
            f"set up {args.stores} stores, {args.stores * args.members:,} members,"
            f" {args.counters:,} enrolled counters: {time.monotonic() - began:.0f} s",
            flush=True,
        )
        print(f"uvicorn workers: {args.workers} (cores: {os.cpu_count()})", flush=True)
        centre = Centre(db.url, args.workers)
        try:
            floors = asyncio.run(empty_request_floor(centre.url, counters[:20]))
            tally, seconds = asyncio.run(load(counters, centre.url, args))
            pairs = asyncio.run(conflicting_redemptions(counters, centre.url, args.pairs))
        finally:
            centre.close()
        floors["copy_rows_per_s"] = copy_floor(db.engine)
        checks = {"ledger": ledger_counts(db, tally.sent_ids), "pairs": pairs}
        ok = report(args, args.workers, tally, seconds, floors, checks)
    print(f"whole run: {time.monotonic() - began:.0f} s; database dropped", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
