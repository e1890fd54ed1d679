"""The visit a check-in saves (who, where, when) and the card shown.

The card describes the member as the counter found them: it is read before the visit is
saved, so its recent visits and today's count are the visits before this one.
"""

import json
from datetime import UTC, datetime, timedelta

import pytest

from services.members.check_in import RECENT_VISITS
from tests.conftest import STORE_NAME
from tests.integration.check_in.helpers import MORNING, register, scan

# --- who, where, when ------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["manager", "cashier", "event_staff"])
def test_visit_row_says_who_where_and_how(counter, db, role):
    actor = {
        "manager": lambda: counter.manager,
        "cashier": counter.make_cashier,
        "event_staff": counter.make_event_staff,
    }[role]()
    member = register(counter)
    result = scan(counter, "T001-1-000001", now=MORNING, actor=actor)
    assert result.card.id == member.id
    visit_id, *row = db.rows(
        "SELECT id, member_id, store_id, device_id, staff_id, source, at FROM visit"
    )[0]
    assert row == [
        member.id,
        counter.identity.store_id,
        counter.identity.device_id,
        actor.staff_id,
        "member_no",
        "2026-03-02 02:00:00.000000",
    ]
    op = db.rows(
        "SELECT op_type, payload, store_id, staff_id, state FROM outbox ORDER BY seq DESC LIMIT 1"
    )[0]
    assert op[0] == "member.visit"
    assert json.loads(op[1]) == {
        "visit_id": visit_id,
        "member_id": member.id,
        "source": "member_no",
        "at": MORNING.isoformat(),
    }
    assert op[2:] == (counter.identity.store_id, actor.staff_id, "pending")


# --- the card --------------------------------------------------------------------------------


def test_card_fields(counter):
    member = register(counter, name="陈安娜", mobile="13800138000", month=5)
    card = scan(counter, "13800138000", now=MORNING).card
    assert (card.id, card.member_no, card.name) == (member.id, "T001-1-000001", "陈安娜")
    assert card.mobile_masked == "138****8000"
    assert "13800138000" not in repr(card)
    assert (card.tier, card.points_balance, card.points_expiring) == ("bronze", 0, 0)
    assert card.points_expiring_on is None
    assert card.coupons == ()
    assert card.birthday_month is False
    assert card.at_risk is False
    assert card.recent_visits == ()
    assert card.visits_today == 0


@pytest.mark.parametrize(
    ("now", "may_birthday", "april_birthday"),
    [
        (datetime(2026, 4, 30, 15, 59, tzinfo=UTC), False, True),  # 30 April, 23:59 local
        (datetime(2026, 4, 30, 17, 0, tzinfo=UTC), True, False),  # 1 May, 01:00 local
        (datetime(2026, 5, 31, 15, 30, tzinfo=UTC), True, False),  # 31 May, 23:30 local
        (datetime(2026, 5, 31, 16, 30, tzinfo=UTC), False, False),  # 1 June, 00:30 local
    ],
)
def test_birthday_month_is_the_store_local_month(counter, now, may_birthday, april_birthday):
    may = register(counter, name="五月", mobile="13800138001", month=5, day=20)
    april = register(counter, name="四月", mobile="13800138002", month=4, day=20)
    assert scan(counter, may.member_no, now=now).card.birthday_month is may_birthday
    assert scan(counter, april.member_no, now=now).card.birthday_month is april_birthday


def test_at_risk_after_90_days_without_a_purchase(counter, db):
    member = register(counter)
    # Purchases arrive with the points ledger; set the last one directly.
    last = MORNING - timedelta(days=90)
    db.execute(
        "UPDATE member SET last_purchase_at = ? WHERE id = ?",
        last.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds"),
        member.id,
    )
    assert scan(counter, member.member_no, now=MORNING).card.at_risk is True
    assert scan(counter, member.member_no, now=MORNING - timedelta(days=1)).card.at_risk is False


def test_recent_visits_newest_first_without_the_one_just_made(counter):
    member = register(counter)
    times = [MORNING - timedelta(days=3), MORNING - timedelta(days=1), MORNING]
    cards = [scan(counter, member.member_no, now=t).card for t in times]
    assert cards[0].recent_visits == ()
    assert [v.at for v in cards[1].recent_visits] == [times[0]]
    assert [v.at for v in cards[2].recent_visits] == [times[1], times[0]]
    visit = cards[2].recent_visits[0]
    assert (visit.store_name, visit.counter_label) == (STORE_NAME, "1")


def test_recent_visits_are_the_last_five(counter):
    member = register(counter)
    times = [MORNING + timedelta(days=d) for d in range(RECENT_VISITS + 3)]
    for t in times[:-1]:
        scan(counter, member.member_no, now=t)
    card = scan(counter, member.member_no, now=times[-1]).card
    assert RECENT_VISITS == 5
    assert [v.at for v in card.recent_visits] == list(reversed(times[-6:-1]))


def test_recent_visits_are_the_members_own(counter):
    member = register(counter)
    other = register(counter, name="别人", mobile="13900139000")
    scan(counter, other.member_no, now=MORNING - timedelta(hours=1))
    card = scan(counter, member.member_no, now=MORNING).card
    assert card.recent_visits == ()
    assert card.visits_today == 0


def test_visits_today_counts_the_earlier_visits_of_the_day(counter):
    member = register(counter)
    scan(counter, member.member_no, now=MORNING - timedelta(days=1))
    first = scan(counter, member.member_no, now=MORNING).card
    assert first.visits_today == 0
    second = scan(counter, member.member_no, now=MORNING + timedelta(hours=2)).card
    assert second.visits_today == 1
    third = scan(counter, member.member_no, now=MORNING + timedelta(hours=4)).card
    assert third.visits_today == 2
    assert len(third.recent_visits) == 3
    next_day = scan(counter, member.member_no, now=MORNING + timedelta(days=1)).card
    assert next_day.visits_today == 0
    assert len(next_day.recent_visits) == 4


@pytest.mark.parametrize(
    ("earlier", "now", "expected"),
    [
        # 07:30 and 10:00 on 2 March in Shanghai: one local day, two UTC dates.
        (datetime(2026, 3, 1, 23, 30, tzinfo=UTC), datetime(2026, 3, 2, 2, 0, tzinfo=UTC), 1),
        # 23:30 on 1 March and 00:30 on 2 March in Shanghai: one UTC date, two local days.
        (datetime(2026, 3, 1, 15, 30, tzinfo=UTC), datetime(2026, 3, 1, 16, 30, tzinfo=UTC), 0),
    ],
)
def test_visits_today_is_the_store_local_day(counter, earlier, now, expected):
    member = register(counter)
    scan(counter, member.member_no, now=earlier)
    assert scan(counter, member.member_no, now=now).card.visits_today == expected


def test_visits_today_counts_more_than_five(counter):
    member = register(counter)
    for hour in range(7):
        scan(counter, member.member_no, now=MORNING + timedelta(hours=hour))
    card = scan(counter, member.member_no, now=MORNING + timedelta(hours=8)).card
    assert card.visits_today == 7
