"""Databases migrated once per test run and copied per test.

A counter's twelve migrations and the centre's five take a third to a half of a second each
time; copying the file Alembic left takes a millisecond, and PostgreSQL copies a migrated
template database (`CREATE DATABASE ... TEMPLATE`) in about a tenth of a second. A copy is
exactly what a fresh folder or database holds after its first start (a first start makes no
backup), so the code under test still opens it with `open_counter` or `create_central_engine`
and finds nothing left to migrate. Tests of migrating itself keep running Alembic.
"""

import atexit
import os
import shutil
import tempfile
import uuid
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from sqlalchemy import Engine, create_engine, make_url, text
from sqlalchemy.pool import NullPool

from central.db import create_central_engine, migrate
from models.db import database_path
from services.core.bootstrap import Runtime, open_counter
from services.core.clock import Clock, ManualClock


@cache
def _template_folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="loyalty-test-templates-"))
    atexit.register(shutil.rmtree, folder, True)
    return folder


@cache
def migrated_counter_database() -> Path:
    """A counter database at the newest revision, checkpointed (no -wal file beside it)."""
    data_dir = _template_folder() / "counter"
    runtime = open_counter(data_dir, ManualClock(datetime(2026, 1, 1, tzinfo=UTC)))
    runtime.close()  # the last connection's close moves the WAL into the file
    return database_path(data_dir)


@cache
def migrated_central_database() -> Path:
    path = _template_folder() / "central.sqlite3"
    engine = create_central_engine(f"sqlite:///{path}")
    migrate(engine)
    engine.dispose()
    return path


def open_migrated_counter(data_dir: Path, clock: Clock) -> Runtime:
    """`open_counter` on a folder that starts as a copy of the migrated template (a folder
    that already holds a database is opened as it is)."""
    target = database_path(data_dir)
    if not target.exists():
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        shutil.copyfile(migrated_counter_database(), target)
    return open_counter(data_dir, clock)


def copy_migrated_central(path: Path) -> str:
    """A migrated central SQLite database at `path`; returns its URL."""
    shutil.copyfile(migrated_central_database(), path)
    return f"sqlite:///{path}"


@cache
def _postgres_server(url: str) -> Engine:
    """The server's maintenance connection: databases are made and dropped outside any
    transaction."""
    return create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)


@cache
def _migrated_postgres_template(url: str) -> str:
    _drop_orphans(url)
    name = f"loyalty_template_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    server = _postgres_server(url)
    with server.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    atexit.register(_drop_postgres, url, name)
    engine = create_central_engine(make_url(url).set(database=name).render_as_string(False))
    migrate(engine)
    engine.dispose()  # a template nobody is connected to can be copied
    return name


def copy_migrated_postgres(url: str) -> str:
    """A fresh, migrated database on the server at `url`; returns its URL."""
    name = f"loyalty_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    template = _migrated_postgres_template(url)
    with _postgres_server(url).connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name} TEMPLATE {template}"))
    return make_url(url).set(database=name).render_as_string(hide_password=False)


def drop_postgres_copy(url: str, copy_url: str) -> None:
    _drop_postgres(url, make_url(copy_url).database)


def _drop_postgres(url: str, name: str) -> None:
    with _postgres_server(url).connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))


def _drop_orphans(url: str) -> None:
    """Databases of test runs killed before their exit handler ran (a timeout's SIGTERM):
    their names carry the process id, and a process of this machine that is gone leaves
    nothing behind that anyone uses."""
    with _postgres_server(url).connect() as conn:
        names = conn.execute(
            text(
                "SELECT datname FROM pg_database WHERE datname ~ '^loyalty_(template|test)_[0-9]+_'"
            )
        ).scalars()
        orphans = [n for n in names if not _alive(int(n.split("_")[2]))]
    for name in orphans:
        _drop_postgres(url, name)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
