"""Databases migrated once per test run and copied per test.

A counter's twelve migrations and the centre's five take a third to a half of a second each
time; copying the file Alembic left takes a millisecond. A copy is exactly what a fresh folder
holds after its first start (a first start makes no backup), so the code under test still
opens it with `open_counter` or `create_central_engine` and finds nothing left to migrate.
Tests of migrating itself (tests/integration/test_migrations.py) keep running Alembic.
"""

import atexit
import shutil
import tempfile
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from central.db import create_central_engine, migrate
from models.db import database_path
from services.bootstrap import Runtime, open_counter
from services.clock import Clock, ManualClock


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
