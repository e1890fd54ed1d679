"""An honest counter (the real sync client, its own SQLite) next to the attacker: what the
centre publishes must still be applied by it."""

import itertools
import sqlite3

from models.db import database_path

_labels = itertools.count(100)


def next_label() -> str:
    """A counter label no other active counter of the module's centre has."""
    return str(next(_labels))


def local_scalar(counter, sql: str, *params):
    conn = sqlite3.connect(database_path(counter.runtime.data_dir))
    try:
        return conn.execute(sql, params).fetchone()[0]
    finally:
        conn.close()


def assert_pulls_on(counter, member_id: str) -> None:
    """A full cycle succeeds and brings the member that was registered after the attack."""
    report = counter.cycle()
    assert report.ok, report.error_code
    assert local_scalar(counter, "SELECT count(*) FROM member WHERE id = ?", member_id) == 1
    quarantined = local_scalar(counter, "SELECT count(*) FROM sync_quarantine")
    assert quarantined == 0  # nothing the centre published needed quarantining
