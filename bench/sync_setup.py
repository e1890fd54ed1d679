"""What bench_sync works on: a centre process over a fresh PostgreSQL schema, enrolled
counters, queued operations and members to import. Everything made here is removed by
whoever made it: the schema and any certificate folder by `Centre.close`, files by the
caller's temporary folder.
"""

import csv
import os
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
from devkit.chain_setup import earn_payload

PG = os.environ.get("CENTRAL_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Centre:
    """`python -m central serve` on loopback over its own schema; a context manager that
    stops the process and drops the schema whatever happened."""

    def __init__(self, prefix: str) -> None:
        self.schema = f"{prefix}_{uuid.uuid4().hex[:8]}"
        # The application name marks this centre's PostgreSQL backends (`cpu_split`).
        self.url = f"{PG}?options=-csearch_path%3D{self.schema}&application_name={self.schema}"
        self.port = _free_port()
        self.proc: subprocess.Popen | None = None
        self.ca_file: str | None = None  # set when serving TLS
        self._certificates: tempfile.TemporaryDirectory | None = None
        engine = create_central_engine(PG)
        with engine.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA {self.schema}"))
        engine.dispose()

    def __enter__(self) -> "Centre":
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def cli(self, *args: str) -> str:
        out = subprocess.run(
            [sys.executable, "-m", "central", "--db", self.url, *args],
            check=True,
            capture_output=True,
            text=True,
        )
        return out.stdout

    def enrollment_code(self, store: str = "S1") -> str:
        return self.cli("enrollment-code", store).rsplit(" ", 1)[1].strip()

    def start(
        self, validated: bool = True, tls: bool = False, workers: int = 1, http: str = "h11"
    ) -> str:
        """`workers` > 1 (or another `http` parser than uvicorn's h11 default, or a profile)
        serves through uvicorn's own command line, as production does."""
        module = "central" if validated else "bench.unvalidated_centre"
        serve = [sys.executable, "-m", module, "--db", self.url, "serve", "--port", str(self.port)]
        env = None
        if validated and (workers > 1 or http != "h11"):
            serve = [sys.executable, "-m", "uvicorn", "--factory", "central.app:app_from_env"]
            serve += ["--port", str(self.port), "--workers", str(workers), "--http", http]
            serve += ["--no-access-log", "--loop", "auto"]
            env = {**os.environ, "CENTRAL_DB_URL": self.url}
        if tls:
            from devkit.certificates import make_certificates

            self._certificates = tempfile.TemporaryDirectory(prefix="bench_tls_")
            files = make_certificates(Path(self._certificates.name))
            serve += ["--ssl-certfile", str(files.cert_file), "--ssl-keyfile", str(files.key_file)]
            self.ca_file = str(files.ca_file)
        self.proc = subprocess.Popen(
            serve, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    time.sleep(0.5 if workers > 1 else 0)  # every worker up, not the first
                    return f"{'https' if tls else 'http'}://127.0.0.1:{self.port}"
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("centre did not start")

    def stop(self) -> None:
        if self.proc:
            self.proc.terminate()
            self.proc.wait(10)
            self.proc = None

    def close(self) -> None:
        self.stop()
        if self._certificates is not None:
            self._certificates.cleanup()
            self._certificates = None
        engine = create_central_engine(PG)
        with engine.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {self.schema} CASCADE"))
        engine.dispose()


def enrolled_counter(folder: Path, url: str, code: str, ca_file: str | None = None):
    """A new counter in `folder`, set up and enrolled with the centre at `url`."""
    from services import sync
    from services.core.bootstrap import open_counter
    from services.core.clock import SystemClock
    from services.core.setup import NewCounter, set_up_counter
    from services.sync.client import LinkSecurity

    runtime = open_counter(folder, SystemClock())
    # Each run enrolls another counter of the same store: each needs its own label.
    label = folder.name[-12:]
    set_up_counter(
        runtime.writer(), NewCounter("一店", "S1", label, "王经理", "2580"), runtime.now()
    )
    link = LinkSecurity(ca_file=ca_file)
    sync.enroll(runtime.writer, None, runtime.now(), url, code, None, link)
    return runtime


def client_of(runtime):
    from services.core.secrets import read_device_token
    from services.sync import link_of, load_state
    from services.sync.client import CentralClient

    state = load_state(runtime.reader)
    return CentralClient(state.central_url, read_device_token(runtime.reader), None, link_of(state))


def import_members(centre: Centre, count: int) -> float:
    """`count` members imported at the centre from a CSV in a temporary folder; seconds."""
    with tempfile.TemporaryDirectory(prefix="bench_members_") as folder:
        path = Path(folder) / "members.csv"
        _write_members(path, count)
        start = time.perf_counter()
        centre.cli("import-members", str(path))
        return time.perf_counter() - start


def _write_members(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        header = "member_no name mobile birth_month birth_day tier balance home_store"
        out.writerow(header.split())
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


def queue_operations(runtime, member_ids: list[str], count: int) -> None:
    """Earns (half), visits and adjustments, written by journal.insert_operation."""
    import sqlite3

    from models.db import database_path
    from services.core.actor import Actor
    from services.core.journal import insert_operation

    conn = sqlite3.connect(database_path(runtime.data_dir), isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    device, store = conn.execute("SELECT id, store_id FROM counter").fetchone()
    actor = Actor(None, "bench", "system", store, device)
    at = datetime(2026, 3, 1, 2, tzinfo=UTC)
    for i in range(count):
        member = member_ids[i % len(member_ids)]
        insert_operation(conn, actor, at, *_operation(i, member, device, at))
    conn.execute("COMMIT")
    conn.close()


def _operation(i: int, member: str, device: str, at: datetime) -> tuple[str, dict]:
    kind = i % 10
    if kind < 5:
        return "points.earn", earn_payload(member, at, f"B{i:08d}")
    if kind < 8:
        return "member.visit", {
            "visit_id": str(uuid.uuid4()),
            "member_id": member,
            "source": "scan",
            "at": at.isoformat(),
        }
    # one-point adjustments: the centre derives a visit bonus from the rule set (none by
    # default) and credits it once a day, so made-up bonuses are refused
    return "points.adjust", {
        "member_id": member,
        "delta": 1,
        "reason": "bench",
        "approved_by": device,
        "rule_version": 1,
    }


def cpu_seconds(pids) -> float:
    """CPU time (user + system) the processes have used so far, from /proc (Linux)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone since
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / tick


def process_tree(pid: int) -> list[int]:
    """`pid` and its descendants (uvicorn's worker processes)."""
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        try:
            with open(f"/proc/{current}/task/{current}/children") as handle:
                todo += [int(c) for c in handle.read().split()]
        except OSError:
            pass
    return pids


class CpuSplit:
    """CPU seconds of the counter (this process), the centre's processes and its PostgreSQL
    backends (found by the application name `Centre` gives them) between `start` and
    `stop`: on one machine the push's rate is bounded by their sum per operation."""

    def __init__(self, centre: Centre) -> None:
        self.centre = centre
        self.engine = create_central_engine(PG)
        self.before: dict[str, float] = {}
        self.backends_before: dict[int, float] = {}
        self.seconds: dict[str, float] = {}

    def _backends(self) -> list[int]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                text("SELECT pid FROM pg_stat_activity WHERE application_name = :name"),
                {"name": self.centre.schema},
            )
            return [r[0] for r in rows]

    def start(self) -> None:
        self.backends_before = {pid: cpu_seconds([pid]) for pid in self._backends()}
        self.before = {
            "counter": time.process_time(),
            "centre": cpu_seconds(process_tree(self.centre.proc.pid)),
        }

    def stop(self) -> dict[str, float]:
        backends = self._backends()  # the pool keeps its connections: all that served
        self.seconds = {
            "counter": time.process_time() - self.before["counter"],
            "centre": cpu_seconds(process_tree(self.centre.proc.pid)) - self.before["centre"],
            "postgres": sum(
                cpu_seconds([pid]) - self.backends_before.get(pid, 0.0) for pid in backends
            ),
        }
        self.engine.dispose()
        return self.seconds
