"""The chain's numbers on a small chain worked out by hand: NPS by store and week, coupon
redemption by campaign, tier moves and event attendance, from rows inserted as a push
writes them.
"""

import json
from datetime import date, datetime

from sqlalchemy import text

from central.models import (
    Coupon,
    CouponRedemption,
    Device,
    EventRegistration,
    EventSignIn,
    Operation,
    Reference,
)
from central.programme import kpis
from tests.central.programme.kpis.helpers import M1, M2, M3, NOW, add, numbers, utc


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
