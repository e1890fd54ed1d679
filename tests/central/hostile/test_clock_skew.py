"""Device clocks days ahead: the centre measures the skew, flags what that counter sends,
and decides expiry by its own clock."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.central.hostile import payloads
from tests.central.hostile.state import balance, op_row, snapshot

SKEW_SLACK_S = 300  # the test's own run time, well inside the 5 minutes of tolerance


@pytest.mark.parametrize("days", [3, 30])
def test_a_clock_days_ahead_is_measured_and_flagged(world, days):
    counter = world.counter()
    member_id = world.member(counter)
    now = datetime.now(UTC)
    on_time = counter.op(
        "points.earn", payloads.earn(member_id, at=now.isoformat()), device_time=now
    )
    [result] = counter.push(on_time, headers={"X-Device-Time": now.isoformat()}).json()["results"]
    assert result["result"] == "applied"
    assert op_row(world.central, on_time["id"])["clock_flag"] is None
    ahead = now + timedelta(days=days)
    skewed = counter.op(
        "points.earn", payloads.earn(member_id, at=ahead.isoformat()), device_time=ahead
    )
    answer = counter.push(skewed, headers={"X-Device-Time": ahead.isoformat()})
    assert answer.status_code == 200
    skew = world.central.scalar(
        "SELECT clock_skew_s FROM device WHERE id = :d", d=counter.device_id
    )
    assert abs(skew - days * 86400) < SKEW_SLACK_S
    assert op_row(world.central, skewed["id"])["clock_flag"]  # flagged for head office


@pytest.mark.parametrize("days", [3, 30, 800])
def test_expiry_is_decided_by_the_centres_clock(world, days):
    """A counter whose clock is past the points' expiry (800 days: past the end of next
    year) cannot expire them before the centre's clock says so."""
    counter = world.counter()
    member_id = world.member(counter)
    now = datetime.now(UTC)
    earned = payloads.earn(member_id, at=now.isoformat())
    assert counter.send("points.earn", earned, device_time=now)["result"] == "applied"
    before, held = snapshot(world.central), balance(world.central, member_id)
    ahead = now + timedelta(days=days)
    expire = {
        "member_id": member_id,
        "points": held,
        "lots": [earned["purchase_id"]],
        "rule_version": 1,
    }
    op = counter.op("points.expire", expire, device_time=ahead)
    [result] = counter.push(op, headers={"X-Device-Time": ahead.isoformat()}).json()["results"]
    assert result["result"] == "rejected" and result["code"]
    assert balance(world.central, member_id) == held
    assert snapshot(world.central) == before
