"""A store may have an offline lease of its own (`python -m central store-lease`): its
counters get it at their next contact; other stores keep CENTRAL_LEASE_DAYS."""

from datetime import timedelta

import pytest

from central.__main__ import main as central_main
from central.app import create_app
from services.core.clock import ManualClock
from services.sync import load_state
from tests.central.harness import (  # noqa: F401  (fixtures)
    central_fixture_for_counters,
    central_sqlite,
    make_counter,
)
from tests.conftest import START

DAY = timedelta(days=1)


@pytest.fixture
def central_fixture_for_counters(central_sqlite):
    central_sqlite.app = create_app(central_sqlite.engine, clock=ManualClock(START).now)
    return central_sqlite


def lease_until(counter):
    return load_state(counter.runtime.reader).lease_until


def test_a_pop_up_store_gets_its_own_lease_and_others_keep_the_default(
    central_fixture_for_counters, make_counter, capsys
):
    central = central_fixture_for_counters
    central.create_store("POP")
    central.create_store("S1")
    url = str(central.engine.url)
    assert central_main(["--db", url, "store-lease", "pop", "21"]) == 0
    pop, other = make_counter("1", "POP"), make_counter("1", "S1")
    assert lease_until(pop) == START + 21 * DAY  # granted at enrollment
    assert lease_until(other) == START + 7 * DAY
    wipe = load_state(pop.runtime.reader).wipe_after
    assert wipe == START + 30 * DAY  # the horizon is never shorter than the lease

    assert central_main(["--db", url, "store-lease", "POP", "default"]) == 0
    assert pop.cycle().ok
    assert lease_until(pop) == START + 7 * DAY  # back to the setting at the next contact
    assert central_main(["--db", url, "store-lease", "POP", "0"]) == 2
    assert "lease.bad_days" in capsys.readouterr().err
