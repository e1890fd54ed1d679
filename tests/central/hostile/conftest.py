"""Fixtures of the hostile-counter suite: a centre (SQLite and PostgreSQL, built by
tests/central/harness.py) served by uvicorn on a loopback port, and a `World` in it.

The attacker talks to the real socket (httpx over TCP), so what reaches the centre is what
a counter on the network could send: bytes the test client would tidy up are sent as is.

One centre serves a whole module (each test makes its own counters, members and ids, and
compares snapshots taken within itself), which keeps the suite's short mode quick: a
PostgreSQL schema and its migrations cost more than most tests here.
"""

from collections.abc import Iterator

import httpx
import pytest

from tests.central.harness import Central, LiveServer, _make_central, make_counter  # noqa: F401
from tests.central.hostile.counter import HostileCounter
from tests.central.hostile.state import World

__all__ = ["HostileCounter", "World"]


class _NoBrake:
    """Dozens of counters enroll from one loopback address here; the brake on guessing
    codes has its own tests (tests/central/test_central_security.py)."""

    def allow(self, *_args: object, **_kwargs: object) -> bool:
        return True


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def centre(request, tmp_path_factory) -> Iterator[Central]:
    folder = tmp_path_factory.mktemp("centre")
    for built in _make_central(request.param, folder):
        built.app.state.enroll_brake = _NoBrake()
        yield built


@pytest.fixture(scope="module")
def live(centre: Central) -> Iterator[LiveServer]:
    with LiveServer(centre.app) as server:
        yield server


@pytest.fixture
def central_fixture_for_counters(centre: Central) -> Central:
    """Real counters (`make_counter`) enroll with the same centre."""
    return centre


@pytest.fixture
def world(centre: Central, live: LiveServer) -> Iterator[World]:
    with httpx.Client(base_url=live.url, timeout=30) as http:
        yield World(centre, http)
