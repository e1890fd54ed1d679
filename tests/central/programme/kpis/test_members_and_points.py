"""The chain's numbers on a small chain worked out by hand, a quarter long: active members,
repurchase, at risk, and the points liability, credited and debited. Rows go in as a push
writes them (plain inserts), so the triggers of migration 0007 are what is tested, with the
queries over what they keep.
"""

import threading
from datetime import date

import pytest
from sqlalchemy import insert

from central.models import PointsEntry, Purchase
from central.programme import kpis
from services.rules import points as point_rules
from tests.central.programme.kpis.helpers import (
    M1,
    M2,
    M3,
    QUARTER,
    ZONE,
    add,
    numbers,
    purchase,
    utc,
)


def test_active_members_repurchase_and_at_risk_follow_the_stores_calendar(chain):
    central, a, b = chain
    add(
        central,
        Purchase,
        [
            purchase(a, M1, "2026-01-10 02:00", 10_000, "R1"),
            purchase(a, M1, "2026-01-20 02:00", 5_000, "R2"),  # twice in January
            purchase(a, M2, "2026-02-05 02:00", 3_000, "R3"),
            purchase(b, M2, "2026-03-05 02:00", 2_000, "R4"),  # February here, March there
            purchase(b, M3, "2025-10-15 02:00", 1_000, "R5"),  # before the quarter
            purchase(b, M3, "2026-03-31 17:00", 700, "R6"),  # 1 April in Shanghai
        ],
    )
    whole = numbers(central)
    assert (whole.active_members, whole.bought_again, whole.repurchase_per_mille) == (2, 2, 1000)
    at_a, at_b = numbers(central, a), numbers(central, b)
    assert (at_a.active_members, at_a.bought_again, at_a.repurchase_per_mille) == (2, 1, 500)
    assert (at_b.active_members, at_b.bought_again) == (1, 0)
    # m3 bought at B in October, not in January-March (April's purchase is after the quarter).
    assert whole.at_risk == {b.id: 1}
    assert at_a.at_risk == {}
    months = [(m.month, m.purchases, m.paid_fen) for m in whole.months]
    assert months == [
        (date(2026, 1, 1), 2, 15_000),
        (date(2026, 2, 1), 1, 3_000),
        (date(2026, 3, 1), 1, 2_000),
    ]
    assert [m.purchases for m in at_b.months] == [0, 0, 1]


def test_purchases_arriving_one_push_at_a_time_count_as_one_batch_does(chain):
    central, a, _b = chain
    january = [
        purchase(a, M1, "2026-01-05 02:00", 1_000, "P1"),
        purchase(a, M1, "2026-01-06 02:00", 1_000, "P2"),  # twice: bought again
        purchase(a, M1, "2026-01-07 02:00", 1_000, "P3"),  # changes no month's bits
        purchase(a, M2, "2026-01-08 02:00", 1_000, "P4"),
    ]
    add(central, Purchase, january[:2])
    version = "SELECT {} FROM kpi_member_months WHERE member_id = :m AND store_id = :s"
    postgres = central.engine.dialect.name == "postgresql"
    before = central.scalar(version.format("xmin::text"), m=M1, s=a.id) if postgres else None
    for row in january[2:]:
        add(central, Purchase, [row])
    found = numbers(central, a)
    assert (found.active_members, found.bought_again) == (2, 1)
    assert (found.months[0].month, found.months[0].purchases) == (date(2026, 1, 1), 4)
    whole = numbers(central)
    assert (whole.active_members, whole.bought_again) == (2, 1)
    if postgres:  # the third purchase left the member's row as it was, not rewritten
        assert central.scalar(version.format("xmin::text"), m=M1, s=a.id) == before


def test_a_run_of_months_across_two_eras_counts_each_member_once(chain):
    central, a, _b = chain
    # Months 2029-12 and 2030-01 fall in different 60-month eras (2030 * 12 / 60 = 406).
    add(
        central,
        Purchase,
        [
            purchase(a, M1, "2029-12-10 02:00", 1_000, "E1"),
            purchase(a, M1, "2030-01-10 02:00", 1_000, "E2"),
            purchase(a, M2, "2030-01-12 02:00", 1_000, "E3"),
        ],
    )
    with central.session() as s:
        scope = kpis.Scope(a.chain_id)
        period = kpis.Period.of(date(2029, 11, 1), date(2030, 2, 1))
        found = kpis.chain_numbers(s, scope, period, point_rules.DEFAULT_RULES, ZONE)
    assert (found.active_members, found.bought_again) == (2, 1)


def test_points_liability_is_positive_balances_at_the_cash_rate(chain):
    central, a, b = chain
    assert numbers(central).liability_points == 1250  # m3's debt is not a liability
    assert numbers(central).liability_fen == 1250  # 100 points = 1 yuan
    assert numbers(central, a).liability_points == 1250
    assert numbers(central, b).liability_points == 0
    rules = point_rules.rules_from_dict({"version": 2, "cash_fen_per_step": 50})
    with central.session() as s:
        scope = kpis.Scope(a.chain_id)
        assert kpis.chain_numbers(s, scope, QUARTER, rules, ZONE).liability_fen == 625


def test_points_credited_and_debited_by_month(chain):
    central, a, _b = chain
    entry = {"member_id": M1, "op_id": "o", "store_id": a.id}
    add(
        central,
        PointsEntry,
        [
            entry | {"kind": "earn", "delta": 100, "at": utc("2026-01-10 02:00")},
            entry | {"kind": "redeem", "delta": -30, "at": utc("2026-01-10 03:00")},
            entry | {"kind": "earn", "delta": 7, "at": utc("2026-02-28 16:30")},  # 1 March there
        ],
    )
    found = numbers(central)
    assert [(m.points_in, m.points_out) for m in found.months] == [(100, 30), (0, 0), (7, 0)]


def test_a_period_runs_forward_and_is_at_most_two_years():
    with pytest.raises(ValueError, match=r"kpi\.period_backwards"):
        kpis.Period.of(date(2026, 3, 1), date(2026, 1, 1))
    with pytest.raises(ValueError, match=r"kpi\.period_too_long"):
        kpis.Period.of(date(2024, 1, 1), date(2026, 1, 1))
    assert kpis.Period.of(date(2026, 1, 15), date(2026, 3, 9)).end == date(2026, 4, 1)


def test_concurrent_pushes_add_up(chain):
    """Two transactions adding purchases to one store's day: the second waits for the first's
    row lock and adds to what it wrote (PostgreSQL; SQLite has one writer at a time)."""
    central, a, _b = chain
    if central.engine.dialect.name != "postgresql":
        pytest.skip("one writer at a time")
    first = central.session()
    first.begin()
    first.execute(insert(Purchase), [purchase(a, M1, "2026-01-10 02:00", 100, "C1")])

    def second():
        with central.session() as s, s.begin():
            s.execute(insert(Purchase), [purchase(a, M2, "2026-01-10 03:00", 200, "C2")])

    worker = threading.Thread(target=second)
    worker.start()
    worker.join(0.5)
    first.commit()
    first.close()
    worker.join(10)
    found = numbers(central)
    assert (found.months[0].purchases, found.months[0].paid_fen) == (2, 300)
    assert found.active_members == 2
