"""Marking a push's answers: one statement per kind of answer finds its rows by id, however
many operations wait (with SQLite's (state, seq) index it scanned every waiting row)."""

from sqlalchemy.dialects import sqlite

from services.sync.push import marking_statement
from tests.conftest import START
from tests.integration.sync_helpers import raw


def test_the_marking_finds_its_rows_by_id_not_by_scanning_the_waiting_ones(counter):
    compiled = marking_statement(START).compile(dialect=sqlite.dialect())
    params = compiled.construct_params({"ids": "[]", "state": "applied", "code": None})
    ordered = [params[name] for name in compiled.positiontup]
    with raw(counter) as conn:
        plan = conn.execute(f"EXPLAIN QUERY PLAN {compiled.string}", ordered).fetchall()
    searched = [row[3] for row in plan if row[3].startswith("SEARCH outbox")]
    assert searched and "(id=?)" in searched[0], plan
