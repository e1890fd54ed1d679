"""Enrollment as an attacker tries it, on SQLite and PostgreSQL: the centre and its counters."""

from tests.central.harness import (  # noqa: F401  (fixtures)
    central,
    central_fixture_for_counters,
    make_counter,
)
