"""Fixtures of the hostile-counter suite: the centre (SQLite and PostgreSQL, from
tests/central/harness.py) served by uvicorn on a loopback port, and a `World` in it.

The attacker talks to the real socket (httpx over TCP), so what reaches the centre is what
a counter on the network could send: bytes the test client would tidy up are sent as is.
"""

from collections.abc import Iterator

import httpx
import pytest

from tests.central.harness import (  # noqa: F401  (fixtures)
    Central,
    LiveServer,
    central,
    central_fixture_for_counters,
    make_counter,
)
from tests.central.hostile.counter import HostileCounter
from tests.central.hostile.state import World

__all__ = ["HostileCounter", "World"]


@pytest.fixture
def live(central: Central) -> Iterator[LiveServer]:  # noqa: F811
    with LiveServer(central.app) as server:
        yield server


@pytest.fixture
def world(central: Central, live: LiveServer) -> Iterator[World]:  # noqa: F811
    with httpx.Client(base_url=live.url, timeout=30) as http:
        yield World(central, http)
