"""Sync: the push of 100,000 queued operations into PostgreSQL and the first pull of
1,000,000 members into a fresh counter, each beside its raw floor (bench/sync_floors.py)
measured in the same run on the same data, three runs, then a table.

The centre runs as its own process (`python -m central serve`) on loopback, and each pull
(ours and the floor's) in a fresh process, so the counter's peak memory is its own.
PostgreSQL at 127.0.0.1:5432, database `test` (CENTRAL_BENCH_PG): each centre has a fresh
schema, dropped at the end; every file goes in a temporary folder, removed at the end.
Run: python -m bench.bench_sync [--runs 3] [--ops 100000] [--members 1000000] [--workers N]
     [--in-flight N] [--skip-pull] [--skip-push] [--tls] [--unvalidated] [--http httptools]
     [--py-spy FILE]  (FILE for the centre, FILE.counter for the counter)
`--tls`: the centre serves HTTPS with a certificate from a CA made for the run, which the
counter trusts explicitly and pins, as in production. `--unvalidated`: the push also
against a centre with the protocol's payload validation off, to show what it costs.
Each push also says the CPU time per operation of the counter, the centre's processes and
its PostgreSQL backends: all share the machine's cores, so their sum bounds the rate.
"""

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text

from bench.scratch import private_secrets
from bench.sync_floors import pull_floor_child, push_floor
from bench.sync_setup import (
    Centre,
    CpuSplit,
    client_of,
    enrolled_counter,
    import_members,
    queue_operations,
)


@dataclass(frozen=True)
class PushRun:
    ops_per_s: float
    floor_rows_per_s: float
    cpu: dict  # CPU seconds of the counter, the centre and its PostgreSQL backends


@dataclass(frozen=True)
class PullRun:
    seconds: float
    peak_mb: float
    floor_seconds: float
    floor_peak_mb: float
    rows_floor_seconds: float  # the floor writing every row the pull leaves


def bench_push(
    ops: int,
    in_flight: int | None,
    validated: bool = True,
    tls: bool = False,
    serving: dict | None = None,
    py_spy: str | None = None,
):
    """`serving`: uvicorn's `workers` and `http` parser for the centre; `py_spy`: a file for a
    sampled profile of the centre's processes during the push (py-spy on the PATH)."""
    from models.db import database_path
    from services import sync

    with Centre("bench_push") as centre:
        centre.cli("create-store", "S1", "一店")
        import_members(centre, 1000)
        code = centre.enrollment_code()
        url = centre.start(validated, tls, **(serving or {}))
        with tempfile.TemporaryDirectory(prefix="bench_push_") as folder:
            runtime = enrolled_counter(Path(folder), url, code, centre.ca_file)
            try:
                with client_of(runtime) as client:
                    sync.pull_changes(runtime.writer, runtime.reader, client, runtime.now)
                with runtime.reader() as uow:
                    ids = [r[0] for r in uow.session.execute(text("SELECT id FROM member"))]
                queue_operations(runtime, ids, ops)
                extra = {} if in_flight is None else {"in_flight": in_flight}
                split = CpuSplit(centre)
                spies = [_py_spy(py_spy, centre.proc.pid), _py_spy(py_spy, os.getpid(), "counter")]
                with client_of(runtime) as client:
                    split.start()
                    start = time.perf_counter()
                    report = sync.push_pending(
                        runtime.writer, runtime.reader, client, runtime.now, 1000, **extra
                    )
                    elapsed = time.perf_counter() - start
                    cpu = split.stop()
                for spy in spies:
                    if spy is not None:
                        spy.send_signal(signal.SIGINT)  # py-spy writes its file and ends
                        spy.wait(60)
                assert report.applied == ops, report
            finally:
                runtime.close()
            centre.stop()  # the floor has PostgreSQL to itself, as the push had with it
            rows, floor_s = push_floor(centre.schema, database_path(Path(folder)))
    run = PushRun(ops / elapsed, rows / floor_s, cpu)
    per_op = {k: v / ops * 1e6 for k, v in cpu.items()}
    total = sum(per_op.values())
    print(
        f"push {ops:,} operations ({'HTTPS' if tls else 'HTTP'}"
        + ("" if validated else ", payload validation OFF")
        + f"): {elapsed:.1f} s, {run.ops_per_s:,.0f} operations/s;"
        f" floor (COPY of the same rows): {run.floor_rows_per_s:,.0f} rows/s\n"
        f"  CPU per operation: counter {per_op['counter']:.0f} us, centre"
        f" {per_op['centre']:.0f} us, PostgreSQL {per_op['postgres']:.0f} us; sum {total:.0f} us,"
        f" so at most {2e6 / total:,.0f} operations/s on 2 cores,"
        f" {1e6 / total:,.0f} on one; wall {elapsed / ops * 1e6:.0f} us",
        flush=True,
    )
    return run


def _py_spy(path: str | None, pid: int, suffix: str = "") -> subprocess.Popen | None:
    """py-spy sampling `pid` (and its children) into `path` (with a suffix, if given), only
    the thread holding the interpreter's lock: CPU, not waits."""
    if path is None:
        return None
    spy = ["py-spy", "record", "--pid", str(pid), "--subprocesses", "--format", "raw", "--gil"]
    path = f"{path}.{suffix}" if suffix else path
    spy = subprocess.Popen([*spy, "--output", path, "--rate", "250"])
    time.sleep(1)  # attached before the push starts
    return spy


def bench_pulls(count: int, runs: int, tls: bool = False) -> list[PullRun]:
    results = []
    with Centre("bench_pull") as centre:
        centre.cli("create-store", "S1", "一店")
        took = import_members(centre, count)
        print(f"(import of {count:,} members into the centre: {took:.0f} s)", flush=True)
        url = centre.start(tls=tls)
        for _ in range(runs):
            ours = _child(["--pull-child", url, centre.enrollment_code()], centre.ca_file)
            floor = _child(["--pull-floor-child", centre.schema, "members"], None)
            rows = _child(["--pull-floor-child", centre.schema, "all"], None)
            run = PullRun(
                float(ours[1]), float(ours[2]), float(floor[1]), float(floor[2]), float(rows[1])
            )
            print(
                f"first pull of {int(ours[0]):,} members: {run.seconds:.1f} s, peak"
                f" {run.peak_mb:.0f} MB; floor (PostgreSQL -> SQLite pages of 5,000, durable):"
                f" {run.floor_seconds:.1f} s, {run.floor_peak_mb:.0f} MB; the same writing every"
                f" row the pull leaves: {run.rows_floor_seconds:.1f} s",
                flush=True,
            )
            results.append(run)
    return results


def _child(args: list[str], ca_file: str | None) -> list[str]:
    """Runs this module in a fresh process on a fresh temporary folder; its last line."""
    with tempfile.TemporaryDirectory(prefix="bench_pull_") as folder:
        command = [sys.executable, "-m", "bench.bench_sync", args[0], folder, *args[1:]]
        out = subprocess.run(
            command + ([ca_file] if ca_file else []), capture_output=True, text=True
        )
    if out.returncode:  # say why, not only that the child failed
        raise RuntimeError(f"{args[0]} failed:\n{out.stderr[-4000:]}")
    return out.stdout.strip().splitlines()[-1].split()


def pull_child(folder: str, url: str, code: str, ca_file: str | None = None) -> None:
    """A fresh counter: enroll, pull everything; prints members, seconds and peak MB."""
    import resource

    from services import sync

    runtime = enrolled_counter(Path(folder), url, code, ca_file)
    with client_of(runtime) as client:
        start = time.perf_counter()
        sync.pull_changes(runtime.writer, runtime.reader, client, runtime.now, 5000)
        elapsed = time.perf_counter() - start
    with runtime.reader() as uow:
        members = uow.session.execute(text("SELECT count(*) FROM member")).scalar()
    runtime.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{members} {elapsed:.3f} {peak_mb:.0f}")


def print_table(pushes: list[PushRun], pulls: list[PullRun], ops: int, members: int) -> None:
    print("\n| run | work | ours | floor, same run | ours / floor |")
    print("|---|---|---|---|---|")
    for i, p in enumerate(pushes, 1):
        print(
            f"| {i} | push {ops:,} operations | {p.ops_per_s:,.0f} ops/s |"
            f" COPY {p.floor_rows_per_s:,.0f} rows/s | {p.floor_rows_per_s / p.ops_per_s:.1f}x |"
        )
    for i, p in enumerate(pulls, 1):
        print(
            f"| {i} | first pull, {members:,} members | {p.seconds:.1f} s, {p.peak_mb:.0f} MB |"
            f" {p.floor_seconds:.1f} s, {p.floor_peak_mb:.0f} MB |"
            f" {p.seconds / p.floor_seconds:.2f}x |"
        )
        print(
            f"| {i} | (the same, floor writing every row the pull leaves) | |"
            f" {p.rows_floor_seconds:.1f} s | {p.seconds / p.rows_floor_seconds:.2f}x |"
        )
    if pushes:
        print(f"push median: {statistics.median(p.ops_per_s for p in pushes):,.0f} ops/s")
    if pulls:
        ratio = statistics.median(p.seconds / p.floor_seconds for p in pulls)
        print(f"first pull median: {ratio:.2f}x its floor")


def main() -> None:
    if sys.argv[1:2] == ["--pull-child"]:
        pull_child(*sys.argv[2:])
        return
    if sys.argv[1:2] == ["--pull-floor-child"]:
        pull_floor_child(*sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--ops", type=int, default=100_000)
    parser.add_argument("--members", type=int, default=1_000_000)
    parser.add_argument("--in-flight", type=int, default=None, help="push requests in flight")
    parser.add_argument("--skip-pull", action="store_true")
    parser.add_argument("--skip-push", action="store_true")
    parser.add_argument("--tls", action="store_true", help="the centre serves HTTPS (loopback)")
    parser.add_argument("--unvalidated", action="store_true", help="also push, unvalidated")
    parser.add_argument("--workers", type=int, default=1, help="the centre's uvicorn workers")
    parser.add_argument("--http", default="h11", help="uvicorn's HTTP parser: h11 or httptools")
    parser.add_argument("--py-spy", help="a file for py-spy's profile of the centre (push)")
    args = parser.parse_args()
    pushes, pulls = [], []
    if not args.skip_push:
        for _ in range(args.runs):
            serving = {"workers": args.workers, "http": args.http}
            pushes.append(
                bench_push(
                    args.ops, args.in_flight, tls=args.tls, serving=serving, py_spy=args.py_spy
                )
            )
        if args.unvalidated:
            bench_push(args.ops, args.in_flight, validated=False, tls=args.tls)
    if not args.skip_pull:
        pulls = bench_pulls(args.members, args.runs, args.tls)
    print_table(pushes, pulls, args.ops, args.members)


if __name__ == "__main__":
    with private_secrets():
        main()
