"""The centre credits the streak reward a counter derives from its rules, once per run of
days whoever claims it, refuses one the rules do not give, and records satisfaction."""

import json
from datetime import UTC, datetime, timedelta

import pytest

from central import admin
from central.app import create_app
from services.members.check_in import record_visit
from services.reports import nps
from tests.central.harness import Central, central, make_counter  # noqa: F401  (fixtures)
from tests.central.test_authority import centre_member, forge, last_result
from tests.conftest import START
from tests.factories import register
from tests.integration.sync_helpers import raw


@pytest.fixture
def central_fixture_for_counters(central):
    """The centre's clock a few days after the counters' start: the days a counter claims a
    bonus for must have come, and not be long past, by the centre's date."""
    return Central(
        central.engine, create_app(central.engine, clock=lambda: START + timedelta(days=4))
    )


def streak_rules(central) -> None:
    rules = {"version": 2, "streak_days": 3, "streak_bonus_points": 50}
    with central.session() as s, s.begin():
        admin.load_reference(s, central.chain, "rules", [rules], datetime.now(UTC))


def test_a_streak_bonus_is_credited_at_the_centre_once_a_run(central, make_counter):
    central.create_store()
    streak_rules(central)
    a = make_counter("1")
    assert a.cycle().ok  # the counter learns the rules
    member = register(a)
    for _day in range(3):
        record_visit(a.runtime.writer(), a.manager, a.runtime.now(), member.id, "code")
        a.clock.advance(days=1)
    assert a.cycle().ok
    assert last_result(a) == ("applied", None)
    assert centre_member(central, member.id)[0] == 50
    with raw(a) as conn:
        [payload] = conn.execute(
            "SELECT payload FROM outbox WHERE op_type = 'points.streak_bonus'"
        ).fetchone()
    day = json.loads(payload)["day"]
    bonus = {"member_id": member.id, "points": 50, "streak_days": 3, "rule_version": 2}
    forge(a, "points.streak_bonus", bonus | {"day": day})  # claimed again, e.g. by a replay
    a.cycle()
    assert last_result(a) == ("duplicate", "points.bonus_already_credited")
    assert centre_member(central, member.id)[0] == 50
    forge(a, "points.streak_bonus", bonus | {"day": day, "points": 5000})
    a.cycle()
    assert last_result(a) == ("rejected", "points.bonus_not_derivable")


def test_a_streak_bonus_the_rules_do_not_give_is_refused(central, make_counter):
    central.create_store()
    a = make_counter("1")
    member = register(a)
    assert a.cycle().ok
    bonus = {"member_id": member.id, "points": 50, "day": "2026-03-01", "streak_days": 3}
    forge(a, "points.streak_bonus", bonus | {"rule_version": 1})  # version 1 gives none
    a.cycle()
    assert last_result(a) == ("rejected", "points.bonus_not_derivable")
    assert centre_member(central, member.id)[0] == 0


def test_satisfaction_reaches_the_centre(central, make_counter):
    central.create_store()
    a = make_counter("1")
    nps.record_satisfaction(a.runtime.writer(), a.manager, a.runtime.now(), 5)
    assert a.cycle().ok
    assert last_result(a) == ("applied", None)
    assert central.scalar("SELECT count(*) FROM operation WHERE op_type = 'csat.record'") == 1
