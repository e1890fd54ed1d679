"""The visit streak reward and the customer's satisfaction (CSAT, 1-5) beside NPS."""

import json
from datetime import UTC, datetime

import pytest

from services.core.clock import ManualClock
from services.core.errors import ValidationError
from services.members.accounts import NewMember, register_member
from services.members.check_in import record_visit
from services.points.ledger import balance_problems
from services.reports import nps
from services.reports import summary as reports
from services.rules import kpis

START = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


def use_rules(db, **fields) -> None:
    body = json.dumps({"version": 2, **fields})
    db.execute(
        "INSERT INTO rule_set (version, body, source, loaded_at) VALUES (2, ?, 'central', ?)",
        body,
        "2026-03-01 00:00:00.000000",
    )


def member(counter):
    return register_member(
        counter.runtime.writer(),
        counter.manager,
        counter.runtime.now(),
        NewMember("陈安娜", "13800138000", 8, 12),
    )


def visit(counter, member_id) -> None:
    record_visit(
        counter.runtime.writer(), counter.manager, counter.runtime.now(), member_id, "code"
    )


def streak_ops(db) -> list[dict]:
    return [
        json.loads(p)
        for (p,) in db.rows(
            "SELECT payload FROM outbox WHERE op_type = 'points.streak_bonus' ORDER BY seq"
        )
    ]


def balance(db, member_id) -> int:
    return db.scalar("SELECT points_balance FROM member WHERE id = ?", member_id)


def test_visits_on_days_in_a_row_earn_the_streak_bonus_once_per_run(counter, clock, db):
    use_rules(db, streak_days=3, streak_bonus_points=50)
    anna = member(counter)
    balances = []
    for _day in range(7):  # days 1-3 make a run; 4-6 the next; the 7th starts a third
        visit(counter, anna.id)
        visit(counter, anna.id)  # a second visit the same day adds nothing
        balances.append(balance(db, anna.id))
        clock.advance(days=1)
    assert balances == [0, 0, 50, 50, 50, 100, 100]
    ops = streak_ops(db)
    assert [(o["day"], o["points"], o["streak_days"], o["rule_version"]) for o in ops] == [
        ("2026-03-04", 50, 3, 2),
        ("2026-03-07", 50, 3, 2),
    ]
    with counter.runtime.reader() as uow:
        assert balance_problems(uow) == []


def test_a_day_missed_starts_the_run_again(counter, clock, db):
    use_rules(db, streak_days=3, streak_bonus_points=50)
    anna = member(counter)
    for day in (0, 1, 3, 4, 5):  # the third day is missed
        clock.advance(days=day - (clock.now() - START).days)
        visit(counter, anna.id)
    assert [o["day"] for o in streak_ops(db)] == ["2026-03-07"]


def test_no_streak_reward_unless_the_rules_give_one(counter, clock, db):
    anna = member(counter)  # the built-in rules: no streak points
    for _ in range(8):
        visit(counter, anna.id)
        clock.advance(days=1)
    assert streak_ops(db) == [] and balance(db, anna.id) == 0


def test_satisfaction_is_recorded_beside_nps(counter, db):
    anna = member(counter)
    now = counter.runtime.now()
    nps.record_satisfaction(counter.runtime.writer(), counter.manager, now, 4, anna.id, "R1")
    assert db.rows("SELECT score, member_id, reference FROM csat_response") == [(4, anna.id, "R1")]
    [payload] = db.rows("SELECT payload FROM outbox WHERE op_type = 'csat.record'")
    assert json.loads(payload[0])["score"] == 4
    for bad in (0, 6, True, 4.0):
        with pytest.raises(ValidationError) as caught:
            nps.record_satisfaction(counter.runtime.writer(), counter.manager, now, bad)
        assert caught.value.code == "csat.bad_score"
    assert db.count("csat_response") == 1


def test_the_periods_satisfaction_sits_beside_its_nps(counter):
    now = counter.runtime.now()
    for score in (5, 4, 4, 2, 1, 5):
        nps.record_satisfaction(counter.runtime.writer(), counter.manager, now, score)
    day = now.date()
    k = reports.period_kpis(counter.runtime.reader(), counter.manager, day, day)
    assert (k.csat.responses, k.csat.satisfied, k.csat.percent) == (6, 4, 67)
    assert kpis.csat([]).percent is None
    assert kpis.csat([4, 3]).percent == 50
