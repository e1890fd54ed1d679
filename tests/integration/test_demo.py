"""The demo store goes through the real use cases and leaves a real day's journal behind.

The demo is seeded once per test process and each test opens a copy of its database, as
the migrated template is copied (tests/templates.py): seeding 200 members through the use
cases costs seconds, a copy a millisecond.
"""

import shutil
from collections import Counter
from pathlib import Path

import pytest

from models.db import database_path
from services.core.demo import COUPON_TEMPLATES, GIFTS, DemoResult, seed_demo
from services.core.journal import verify_audit_chain
from services.core.setup import load_identity
from services.staff.accounts import list_staff, sign_in
from tests.templates import open_migrated_counter

_seeded: list[tuple[Path, DemoResult]] = []


@pytest.fixture
def demo(tmp_path_factory, clock) -> DemoResult:
    """What seeding returned; the demo's database is made (and checkpointed) on first use."""
    if not _seeded:
        folder = tmp_path_factory.mktemp("demo") / "data"
        rt = open_migrated_counter(folder, clock)
        try:
            result = seed_demo(rt.writer, clock.now())
        finally:
            rt.close()
        _seeded.append((database_path(folder), result))
    return _seeded[0][1]


@pytest.fixture
def runtime(tmp_path, clock, demo):
    """The counter opened on a copy of the seeded demo."""
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    shutil.copyfile(_seeded[0][0], database_path(data))
    rt = open_migrated_counter(data, clock)
    try:
        yield rt
    finally:
        rt.close()


def test_demo_staff_sign_in_with_their_printed_pins(runtime, demo):
    assert [(s.name, s.role) for s in demo.staff] == [
        ("王经理", "manager"),
        ("李收银", "cashier"),
        ("张活动", "event_staff"),
    ]
    by_name = {s.name: s for s in list_staff(runtime.reader())}
    assert set(by_name) == {s.name for s in demo.staff}
    for printed in demo.staff:
        actor = sign_in(runtime.writer(), by_name[printed.name].id, printed.pin, runtime.now())
        assert actor.role == printed.role


def test_demo_contents(runtime, demo, db):
    assert demo.members == 200
    assert load_identity(runtime.reader()).store_code == "DEMO01"
    assert db.count("staff") == 3
    assert db.count("member") == 200
    assert db.count("gift") == len(GIFTS) == 8
    # the standing templates come with the database; the demo adds its own campaign
    assert db.count("coupon_template") == 8 + len(COUPON_TEMPLATES)
    assert db.count("coupon WHERE status = 'issued'") == 3
    assert db.count("coupon WHERE status = 'redeemed'") == 3
    assert db.count("purchase WHERE coupon_fen = 1000") == 3
    assert db.count("event") == 3
    # invited members and two guests; the workshop is open now, so the door can be tried
    assert db.count("event_registration") == 12 + 6 + 8 + 2
    assert db.count("event_registration WHERE member_id IS NULL") == 2
    assert db.scalar("SELECT max(member_no) FROM member") == "DEMO01-1-000200"


def test_demo_outbox_one_pending_operation_per_record(demo, db):
    rows = db.rows("SELECT seq, op_type, state FROM outbox ORDER BY seq")
    tier_changes = db.count("tier_change")
    expected = {
        "member.register": 200,
        "gift.define": 8,
        "stock.receive": 8,
        "coupon_template.define": len(COUPON_TEMPLATES),
        "event.create": 3,
        "event.register": 12 + 6 + 8 + 2,
        "points.earn": demo.purchases + 3,
        # a month of check-ins, and a visit with each purchase (this morning's shoppers too)
        "member.visit": 28 * 3 + demo.purchases,
        "nps.record": 28,
        "csat.record": 28,
        "gift.redeem": 3,
        "points.redeem": 6,  # points for a coupon
        "coupon.issue": 6,
        "coupon.redeem": 3,
        "member.tier_change": tier_changes,
    }
    assert demo.purchases + 3 == db.count("purchase") > 100  # and three paid with a coupon
    assert tier_changes > 0
    assert Counter(op for _, op, _ in rows) == expected
    assert [seq for seq, _, _ in rows] == list(range(1, sum(expected.values()) + 1))
    assert {state for _, _, state in rows} == {"pending"}
    assert db.scalar("SELECT last_seq FROM counter") == len(rows)


def test_demo_audit_chain_verifies(runtime, demo, db):
    with runtime.reader() as uow:
        check = verify_audit_chain(uow)
    assert check.ok
    assert check.entries == db.count("audit_log")


def test_demo_is_reproducible(tmp_path, clock):
    from services.core.bootstrap import open_counter

    pins = []
    for name in ("a", "b"):
        rt = open_counter(tmp_path / name, clock)
        try:
            pins.append([s.pin for s in seed_demo(rt.writer, clock.now(), members=3).staff])
        finally:
            rt.close()
    assert pins[0] == pins[1]


def test_demo_shoppers_have_visits_so_their_card_does_not_greet_them_as_new(runtime, demo, db):
    shoppers = db.rows("SELECT DISTINCT member_id FROM purchase")
    assert len(shoppers) >= 100
    never_seen = db.rows(
        "SELECT DISTINCT p.member_id FROM purchase p"
        " WHERE NOT EXISTS (SELECT 1 FROM visit v WHERE v.member_id = p.member_id)"
    )
    assert never_seen == []
