"""The central system in-process for tests, over SQLite or PostgreSQL, and counters that talk to
it (each with its own data folder). Test modules import the fixtures they use from here."""

import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from central import admin
from central.app import create_app
from central.db import create_central_engine, sessions
from services import sync
from services.core.actor import Actor
from services.core.bootstrap import Runtime
from services.core.clock import ManualClock
from services.core.setup import NewCounter, set_up_counter
from tests.conftest import MANAGER_NAME, MANAGER_PIN, START, STORE_CODE
from tests.templates import (
    copy_migrated_central,
    copy_migrated_postgres,
    drop_postgres_copy,
    open_migrated_counter,
)

PG_URL = os.environ.get("CENTRAL_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
CENTRAL_URL = "http://127.0.0.1:8470"  # loopback: plain HTTP needs no --insecure


def postgres_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            pass
        engine = create_central_engine(PG_URL)
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return True
    except Exception:
        return False


_PG = None


def _pg_ok() -> bool:
    global _PG
    if _PG is None:
        _PG = postgres_reachable()
    return _PG


@dataclass
class Central:
    engine: Engine
    app: object
    chain: str = "default"

    def session(self):
        return sessions(self.engine)()

    def create_store(self, code: str = STORE_CODE, name: str = "测试门店") -> admin.StoreInfo:
        with self.session() as s, s.begin():
            return admin.create_store(s, self.chain, code, name, datetime.now(UTC))

    def enrollment_code(self, code: str = STORE_CODE) -> str:
        with self.session() as s, s.begin():
            store = admin.find_store(s, self.chain, code)
            return admin.new_enrollment_code(s, store.id, datetime.now(UTC))

    def revoke(self, device_id: str) -> None:
        with self.session() as s, s.begin():
            admin.revoke_device(s, device_id, datetime.now(UTC))

    def scalar(self, sql: str, **params):
        with self.engine.connect() as conn:
            return conn.execute(text(sql), params).scalar()

    def rows(self, sql: str, **params) -> list:
        with self.engine.connect() as conn:
            return list(conn.execute(text(sql), params))

    def http(self, _url: str) -> httpx.Client:
        return TestClient(self.app)


def _make_central(kind: str, tmp_path) -> Iterator[Central]:
    if kind == "sqlite":
        url = copy_migrated_central(tmp_path / "central.sqlite3")
    else:
        if not _pg_ok():
            pytest.skip("PostgreSQL is not reachable at 127.0.0.1:5432 (database test)")
        url = copy_migrated_postgres(PG_URL)
    engine = create_central_engine(url)
    try:
        yield Central(engine, create_app(engine))
    finally:
        engine.dispose()
        if kind != "sqlite":
            drop_postgres_copy(PG_URL, url)


@pytest.fixture(params=["sqlite", "postgresql"])
def central(request, tmp_path) -> Iterator[Central]:
    yield from _make_central(request.param, tmp_path)


@pytest.fixture
def central_sqlite(tmp_path) -> Iterator[Central]:
    yield from _make_central("sqlite", tmp_path)


@dataclass
class Counter:
    runtime: Runtime
    clock: ManualClock
    manager: Actor
    device_id: str
    store_id: str
    http: object

    def cycle(self, **kwargs) -> sync.CycleReport:
        return sync.run_cycle(
            self.runtime.writer, self.runtime.reader, self.runtime.now, self.http, **kwargs
        )

    def enroll(self, central: Central, code: str | None = None) -> sync.Enrollment:
        return sync.enroll(
            self.runtime.writer,
            self.manager,
            self.runtime.now(),
            CENTRAL_URL,
            code or central.enrollment_code(),
            self.http,
        )


@pytest.fixture
def make_counter(tmp_path, central_fixture_for_counters):
    """Counters with their own data folders, enrolled with the test's centre."""
    central = central_fixture_for_counters
    opened: list[Runtime] = []

    def build(label: str = "1", store_code: str = STORE_CODE, enroll: bool = True) -> Counter:
        clock = ManualClock(START)
        runtime = open_migrated_counter(tmp_path / f"counter-{store_code}-{label}", clock)
        opened.append(runtime)
        identity, manager = set_up_counter(
            runtime.writer(),
            NewCounter(f"门店{store_code}", store_code, label, MANAGER_NAME, MANAGER_PIN),
            clock.now(),
        )
        actor = Actor(manager.id, manager.name, manager.role, identity.store_id, identity.device_id)
        counter = Counter(
            runtime, clock, actor, identity.device_id, identity.store_id, central.http
        )
        if enroll:
            counter.enroll(central, central.enrollment_code(store_code))
        return counter

    yield build
    for runtime in opened:
        runtime.close()


@pytest.fixture
def central_fixture_for_counters(central):
    return central


class LiveServer:
    """uvicorn on a loopback port (a free one unless given) in a thread: the real socket
    path. `options` go to uvicorn (e.g. TLS certificate files)."""

    scheme = "http"

    def __init__(self, app, port: int | None = None, **options) -> None:
        import uvicorn

        if port is None:
            with socket.socket() as probe:
                probe.bind(("127.0.0.1", 0))
                port = probe.getsockname()[1]
        self.port = port
        config = uvicorn.Config(
            app, host="127.0.0.1", port=self.port, log_level="warning", **options
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}"

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *_exc) -> None:
        self.server.should_exit = True
        self.thread.join(10)
