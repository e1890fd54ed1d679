"""Attacks a hostile enrolled counter could still make after the centre became a trust
boundary; each is refused and changes nothing."""

from datetime import date, timedelta

from tests.central.hostile.state import balance


def test_visit_bonuses_for_days_yet_to_come_are_refused(world):
    # Each future day is a fresh (member, day) claim: without a bound by the centre's clock a
    # counter mints the visit bonus for every day up to 2100 (the protocol's last year).
    counter = world.counter()
    member_id = world.member(counter)
    world.load("rules", {"version": 2, "visit_bonus_points": 5})
    was = balance(world.central, member_id)
    for day in (date.today() + timedelta(days=3), date(2100, 12, 31)):
        body = {"member_id": member_id, "points": 5, "day": day.isoformat(), "rule_version": 2}
        result = counter.send("points.visit_bonus", body)
        assert result["result"] == "rejected", result
        assert result["code"] == "points.bonus_day_future", result
    today = date.today().isoformat()
    today = {"member_id": member_id, "points": 5, "day": today, "rule_version": 2}
    assert counter.send("points.visit_bonus", today)["result"] == "applied"
    assert balance(world.central, member_id) == was + 5


def test_streak_bonuses_for_blocks_yet_to_come_are_refused(world):
    # One streak bonus per block of days, but each future block is a fresh claim.
    counter = world.counter()
    member_id = world.member(counter)
    world.load("rules", {"version": 2, "streak_days": 7, "streak_bonus_points": 50})
    was = balance(world.central, member_id)
    for day in (date.today() + timedelta(days=14), date(2100, 12, 31)):
        body = {
            "member_id": member_id,
            "points": 50,
            "day": day.isoformat(),
            "streak_days": 7,
            "rule_version": 2,
        }
        result = counter.send("points.streak_bonus", body)
        assert result["result"] == "rejected", result
        assert result["code"] == "points.bonus_day_future", result
    assert balance(world.central, member_id) == was


def test_visit_bonuses_for_days_long_past_are_refused(world):
    # Each past day is a fresh claim too: without a bound a counter mints one for every day
    # since 2000. An offline store's bonuses of the last weeks still arrive.
    counter = world.counter()
    member_id = world.member(counter)
    world.load("rules", {"version": 3, "visit_bonus_points": 5})
    was = balance(world.central, member_id)
    for day in (date(2000, 1, 1), date.today() - timedelta(days=61)):
        body = {"member_id": member_id, "points": 5, "day": day.isoformat(), "rule_version": 3}
        result = counter.send("points.visit_bonus", body)
        assert (result["result"], result["code"]) == ("rejected", "points.bonus_day_too_old")
    weeks_ago = (date.today() - timedelta(days=30)).isoformat()
    body = {"member_id": member_id, "points": 5, "day": weeks_ago, "rule_version": 3}
    assert counter.send("points.visit_bonus", body)["result"] == "applied"
    assert balance(world.central, member_id) == was + 5
