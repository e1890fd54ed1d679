"""The centre's clock decides: it keeps each counter's skew, flags what a counter with a wrong
clock sends, shows both to head office, and expires no points before their time by its own
clock, whatever the counter's says."""

import pytest

from central.admin_devices import device_lines, flagged_lines
from central.app import create_app
from services import points
from tests.central.harness import Central, central, make_counter  # noqa: F401  (fixtures)
from tests.conftest import START
from tests.factories import earn, register
from tests.integration.sync_helpers import outbox


@pytest.fixture
def central_fixture_for_counters(central):  # noqa: F811
    """The centre's clock stands at the counters' start, so a test can move a counter's."""
    return Central(central.engine, create_app(central.engine, clock=lambda: START))


def test_a_counter_whose_clock_runs_ahead_is_flagged_and_shown(
    central_fixture_for_counters,
    make_counter,  # noqa: F811
):
    centre = central_fixture_for_counters
    centre.create_store()
    good = make_counter("1")
    ahead = make_counter("2")
    member = register(good)
    assert good.cycle().ok
    ahead.clock.advance(days=3)
    assert ahead.cycle().ok
    earn(ahead, member.id, "R1", 10_000)
    assert ahead.cycle().ok
    flags = dict(
        centre.rows(
            "SELECT op_type, clock_flag FROM operation WHERE device_id = :d", d=ahead.device_id
        )
    )
    assert flags["points.earn"] == "clock.device_skew"
    assert {
        f
        for (f,) in centre.rows(
            "SELECT clock_flag FROM operation WHERE device_id = :d", d=good.device_id
        )
    } == {None}
    skew = centre.scalar("SELECT clock_skew_s FROM device WHERE id = :d", d=ahead.device_id)
    assert skew == 3 * 24 * 3600
    with centre.session() as s:
        devices = device_lines(s)
        flagged = flagged_lines(s)
    [line] = [d for d in devices if ahead.device_id in d]
    assert "(OFF)" in line and "flagged" in line
    assert any("points.earn" in f and "clock.device_skew" in f for f in flagged)
    # The sale still counts: a wrong clock is a matter for head office, not the customer.
    assert centre.scalar("SELECT balance FROM member WHERE id = :m", m=member.id) == 100


def test_points_are_not_expired_by_a_clock_that_is_ahead(
    central_fixture_for_counters,
    make_counter,  # noqa: F811
):
    centre = central_fixture_for_counters
    centre.create_store()
    a = make_counter("1")
    member = register(a)
    earn(a, member.id, "R1", 10_000)  # earned in 2026: they last until the end of 2027
    assert a.cycle().ok
    a.clock.advance(days=700)  # the counter believes it is 2028
    points.expire_due(a.runtime.writer(), a.manager, a.runtime.now())
    a.cycle()
    *_rest, state, op_type, code = outbox(a)[-1]
    assert (op_type, state, code) == ("points.expire", "rejected", "points.expire_not_due")
    assert centre.scalar("SELECT balance FROM member WHERE id = :m", m=member.id) == 100
