"""The chain's numbers on a small chain worked out by hand: two stores, three members, a
quarter. Rows go in as a push writes them (plain inserts), so the triggers of migration
0007 are what is tested, with the queries over what they keep."""

import json
import threading
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import insert, text

from central import admin
from central.models import (
    Coupon,
    CouponRedemption,
    Device,
    EventRegistration,
    EventSignIn,
    Operation,
    PointsEntry,
    Purchase,
    Reference,
)
from central.programme import kpis
from services.rules import points as point_rules

NOW = datetime(2026, 4, 2, tzinfo=UTC)
ZONE = "Asia/Shanghai"
M1, M2, M3 = (f"00000000-0000-4000-8000-00000000000{i}" for i in (1, 2, 3))
QUARTER = kpis.Period.of(date(2026, 1, 1), date(2026, 3, 1))


def utc(text_: str) -> datetime:
    return datetime.fromisoformat(text_).replace(tzinfo=UTC)


@pytest.fixture
def chain(central):
    a, b = central.create_store("A", "东门店"), central.create_store("B", "西门店")
    members = [
        {
            "id": M1,
            "member_no": "A0001",
            "name": "甲",
            "mobile": "13800000001",
            "tier": "bronze",
            "balance": 250,
            "home_store": "A",
        },
        {
            "id": M2,
            "member_no": "A0002",
            "name": "乙",
            "mobile": "13800000002",
            "tier": "silver",
            "balance": 1000,
            "home_store": "A",
        },
        {
            "id": M3,
            "member_no": "B0003",
            "name": "丙",
            "mobile": "13800000003",
            "tier": "bronze",
            "balance": -50,
            "home_store": "B",
        },
    ]
    with central.session() as s, s.begin():
        admin.import_members(
            s, central.chain, [m | {"birth_month": 5, "birth_day": 1} for m in members], NOW
        )
    return central, a, b


def add(central, table, rows: list[dict]) -> None:
    with central.session() as s, s.begin():
        s.execute(insert(table), rows)


def purchase(store, member, at, paid, receipt):
    return {
        "store_id": store.id,
        "receipt_no": receipt,
        "purchase_id": receipt,
        "op_id": receipt,
        "member_id": member,
        "paid_fen": paid,
        "points": paid // 100,
        "at": utc(at),
    }


def numbers(central, store=None) -> kpis.ChainNumbers:
    with central.session() as s:
        scope = kpis.Scope(store.chain_id if store else chain_id(central), store and store.id)
        return kpis.chain_numbers(s, scope, QUARTER, point_rules.DEFAULT_RULES, ZONE)


def chain_id(central) -> str:
    return central.scalar("SELECT id FROM chain")


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


def _device(central, store) -> str:
    add(
        central,
        Device,
        [
            {
                "id": f"d-{store.code}",
                "chain_id": store.chain_id,
                "store_id": store.id,
                "label": "1",
                "public_key": store.code.encode() * 32,
                "key_id": store.code.lower() * 8,
                "token_hash": "x",
                "last_seq": 0,
                "enrolled_at": NOW,
            }
        ],
    )
    return f"d-{store.code}"


def _nps(device, store, seq, score, at, result="applied"):
    return {
        "id": f"op-{device}-{seq}",
        "device_id": device,
        "seq": seq,
        "op_type": "nps.record",
        "op_version": 1,
        "payload": json.dumps({"score": score}),
        "payload_hash": "h",
        "store_id": store.id,
        "device_time": utc(at),
        "received_at": utc(at),
        "result": result,
    }


def test_nps_by_store_and_week(chain):
    central, a, b = chain
    da, db = _device(central, a), _device(central, b)
    add(
        central,
        Operation,
        [
            _nps(da, a, 1, 10, "2026-02-02 01:00"),  # Monday 2 February, 09:00 in Shanghai
            _nps(da, a, 2, 9, "2026-02-08 15:00"),  # Sunday 23:00 there: the same week
            _nps(da, a, 3, 3, "2026-02-04 01:00"),
            _nps(da, a, 4, 0, "2026-02-04 02:00", result="rejected"),  # not an answer
            _nps(db, b, 1, 7, "2026-02-08 16:30"),  # Monday 9 February there: the next week
        ],
    )
    found = {(w.store_id, w.week): w.nps for w in numbers(central).nps}
    assert found == {
        (a.id, date(2026, 2, 2)): kpis.measures.Nps(3, 2, 1),
        (b.id, date(2026, 2, 9)): kpis.measures.Nps(1, 0, 0),
    }
    assert found[(a.id, date(2026, 2, 2))].score == 33
    assert [w.store_id for w in numbers(central, b).nps] == [b.id]  # a manager's own store


def _coupon(chain_id, store, coupon_id, template_id, source, at):
    body = {"coupon_id": coupon_id, "source": source, "valid_from": at}
    if template_id:
        body["template_id"] = template_id
    return {
        "chain_id": chain_id,
        "id": coupon_id,
        "code": coupon_id,
        "member_id": M1,
        "body": json.dumps(body),
        "status": "issued",
        "issued_store_id": store.id,
        "points_cost": 0,
    }


def test_coupon_redemption_by_campaign(chain):
    central, a, b = chain
    cid = a.chain_id
    template = {"name_zh": "春季券", "name_en": "Spring coupon"}
    add(
        central,
        Reference,
        [
            {
                "id": "t1",
                "chain_id": cid,
                "kind": "coupon_template",
                "code": "SPRING",
                "body": json.dumps(template),
                "updated_at": NOW,
            }
        ],
    )
    add(
        central,
        Coupon,
        [
            _coupon(cid, a, "c1", "t1", "manual", "2026-02-01T02:00:00+00:00"),
            _coupon(cid, a, "c2", "t1", "manual", "2026-02-01T03:00:00+00:00"),
            _coupon(cid, b, "c3", None, "birthday", "2026-03-01T02:00:00+00:00"),
            _coupon(cid, b, "c4", None, "birthday", "2025-12-01T02:00:00+00:00"),  # before
        ],
    )
    redeemed = {"chain_id": cid, "op_id": "o", "device_id": "d", "at": utc("2026-02-10 02:00")}
    add(
        central,
        CouponRedemption,
        [
            redeemed | {"coupon_id": "c1", "store_id": a.id},
            redeemed | {"coupon_id": "c3", "store_id": b.id, "at": utc("2026-03-02 02:00")},
        ],
    )
    with central.session() as s, s.begin():  # the redemption of c3 is voided
        s.execute(
            text("UPDATE coupon_redemption SET voided_at = :t WHERE coupon_id = 'c3'"),
            {"t": datetime(2026, 3, 3, 2, 0)},
        )
    found = {c.key: c for c in numbers(central).campaigns}
    assert (found["t1"].name_en, found["t1"].issued, found["t1"].redeemed) == (
        "Spring coupon",
        2,
        1,
    )
    assert found["t1"].redeemed_per_mille == 500
    birthday = found["source:birthday"]
    assert (birthday.name_zh, birthday.issued, birthday.redeemed) == ("生日券", 1, 0)
    assert [c.key for c in numbers(central, a).campaigns] == ["t1"]


def test_tier_moves_between_the_start_and_end_of_the_period(chain):
    central, _a, b = chain

    def tier(member, to, at):
        with central.session() as s, s.begin():
            s.execute(
                text("UPDATE member SET tier = :t, updated_at = :at WHERE id = :m"),
                {"t": to, "at": datetime.fromisoformat(at), "m": member},
            )

    tier(M1, "silver", "2026-02-01 02:00")
    tier(M1, "gold", "2026-03-01 02:00")  # bronze -> gold over the quarter
    tier(M2, "bronze", "2026-03-10 02:00")
    tier(M2, "silver", "2026-03-20 02:00")  # back where it started: no move
    tier(M3, "silver", "2026-04-01 02:00")  # after the quarter
    assert numbers(central).tier_moves == {("bronze", "gold"): 1}
    assert numbers(central, b).tier_moves == {}  # m1's home is A
    assert central.scalar("SELECT count(*) FROM member_tier_change") == 5


def test_event_attendance(chain):
    central, a, b = chain
    cid = a.chain_id
    event = {"name": "春季品鉴会", "starts_at": "2026-02-14T06:00:00+00:00"}
    later = {"name": "夏季", "starts_at": "2026-06-14T06:00:00+00:00"}
    add(
        central,
        Reference,
        [
            {
                "id": "e1",
                "chain_id": cid,
                "kind": "event",
                "code": "SPRING",
                "updated_at": NOW,
                "body": json.dumps(event),
            },
            {
                "id": "e2",
                "chain_id": cid,
                "kind": "event",
                "code": "SUMMER",
                "updated_at": NOW,
                "body": json.dumps(later),
            },
        ],
    )
    reg = {
        "chain_id": cid,
        "event_id": "e1",
        "kind": "invited",
        "store_id": None,
        "created_at": NOW,
    }
    add(
        central,
        EventRegistration,
        [
            reg | {"id": "r1", "member_id": M1, "code": "T1"},
            reg | {"id": "r2", "member_id": M2, "code": "T2"},
        ],
    )
    add(
        central,
        EventSignIn,
        [
            {
                "event_id": "e1",
                "attendee": "m:" + M1,
                "member_id": M1,
                "first_op_id": "o",
                "store_id": a.id,
                "at": NOW,
                "scans": 2,
            }
        ],
    )
    [found] = numbers(central).events
    assert (found.code, found.registered, found.attended) == ("SPRING", 2, 1)
    assert numbers(central, b).events[0].attended == 0


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
