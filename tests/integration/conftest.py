"""A raw sqlite3 view of the counter's file, independent of the ORM under test."""

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from models.db import database_path
from services.core.bootstrap import Runtime


class RawDb:
    def __init__(self, path: Path) -> None:
        self.path = path
        # Autocommit: every statement sees the latest committed data and holds no lock after.
        self.conn = sqlite3.connect(path, isolation_level=None)

    def scalar(self, sql: str, *params):
        row = self.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def rows(self, sql: str, *params) -> list[tuple]:
        return self.conn.execute(sql, params).fetchall()

    def count(self, table: str) -> int:
        return self.scalar(f"SELECT count(*) FROM {table}")

    def execute(self, sql: str, *params) -> None:
        self.conn.execute(sql, params)


@pytest.fixture
def db(runtime: Runtime) -> Iterator[RawDb]:
    raw = RawDb(database_path(runtime.data_dir))
    try:
        yield raw
    finally:
        raw.conn.close()
