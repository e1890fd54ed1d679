"""Events on a real SQLite file: attendance points that pay a debt first, a member found by
staff and signed in, and a manager's correction of an event.
"""

import json
from dataclasses import replace
from datetime import timedelta

import pytest

from services import points
from services.core.errors import PermissionDenied, StateError, ValidationError
from services.core.journal import verify_audit_chain
from services.events import planning as events
from services.events import signin as event_signin
from services.members import accounts as members
from services.points.ledger import Posting, balance_problems
from tests.integration.events.conftest import sign


def test_attendance_points_first_pay_a_members_debt(counter, db, setup):
    """The door's plain-SQL credit keeps the ledger's rule: a negative balance (a refund of
    spent points) is paid first, and only the rest goes into a lot."""
    event_id, people = setup
    member, code = people[1]
    points.adjust(
        counter.runtime.writer(), counter.manager, counter.runtime.now(), member.id, 50, "补录"
    )
    points.adjust(
        counter.runtime.writer(), counter.manager, counter.runtime.now(), member.id, -50, "更正"
    )
    # A debt of 10, the way a refund of spent points leaves one.
    with counter.runtime.writer() as uow:
        uow.ledger.debit(
            counter.manager,
            counter.runtime.now(),
            member.id,
            10,
            Posting("reversal", "退货"),
            1,
            allow_debt=True,
        )
        uow.commit()
    assert db.scalar("SELECT points_balance FROM member WHERE id = ?", member.id) == -10
    sign(counter, event_id, code, "debt")
    assert db.scalar("SELECT points_balance FROM member WHERE id = ?", member.id) == 20
    lot = db.scalar(
        "SELECT remaining FROM points_lot l JOIN points_entry e ON e.id = l.entry_id"
        " WHERE e.kind = 'event_bonus' AND e.member_id = ?",
        member.id,
    )
    assert lot == 20
    with counter.runtime.reader() as uow:
        assert balance_problems(uow) == []


def test_a_member_found_by_staff_signs_in_like_a_card_and_is_audited(counter, db, setup):
    event_id, people = setup
    rt, staff = counter.runtime, counter.make_event_staff()
    member = people[1][0]

    def look_up(member_id, nonce):
        return event_signin.sign_in(
            rt.writer(), staff, rt.now(), event_id, member_id, nonce, looked_up=True
        )

    r = look_up(member.id, "n-1")
    assert (r.outcome, r.points, r.attendee.member_id) == ("admitted", 30, member.id)
    again = look_up(member.id, "n-2")
    assert again.outcome == "already_signed_in"
    # The card afterwards is the same member: already in, not twice.
    assert sign(counter, event_id, people[1][1], "n-3").outcome == "already_signed_in"
    assert db.count("event_signin") == 1
    [(subject, staff_id)] = db.rows(
        "SELECT subject, staff_id FROM audit_log WHERE action = 'event.sign_in_looked_up'"
    )
    assert (subject, staff_id) == (member.id, staff.staff_id)
    with rt.reader() as uow:
        assert verify_audit_chain(uow).ok
    # A scanned card is not audited this way.
    sign(counter, event_id, people[0][1], "n-4")
    assert db.scalar("SELECT count(*) FROM audit_log WHERE action = 'event.sign_in_looked_up'") == 1

    members.deactivate_member(rt.writer(), counter.manager, rt.now(), people[2][0].id, "搬走了")
    with pytest.raises(StateError) as gone:
        look_up(people[2][0].id, "n-5")
    assert gone.value.code == "member.inactive"
    with pytest.raises(Exception) as unknown:
        look_up("00000000-0000-7000-8000-000000000000", "n-6")
    assert getattr(unknown.value, "code", None) == "member.not_found"
    assert db.count("event_signin") == 2


def test_a_manager_corrects_an_event_and_the_operation_says_what_changed(counter, db, setup):
    event_id, people = setup
    rt, mgr = counter.runtime, counter.manager
    spec = events.event_spec(rt.reader(), event_id)
    sign(counter, event_id, people[0][1], "e-1")
    later = spec.starts_at + timedelta(minutes=30)
    fixed = replace(spec, name="周末沙龙", code="OTHER", starts_at=later, capacity=5)
    events.update_event(rt.writer(), mgr, rt.now(), event_id, fixed)
    now_spec = events.event_spec(rt.reader(), event_id)
    assert (now_spec.name, now_spec.code, now_spec.capacity) == ("周末沙龙", "E1", 5)  # code kept
    assert now_spec.starts_at == later
    [(payload,)] = db.rows("SELECT payload FROM outbox WHERE op_type = 'event.update'")
    body = json.loads(payload)
    assert (body["event_id"], body["code"], body["name"], body["capacity"]) == (
        event_id,
        "E1",
        "周末沙龙",
        5,
    )
    # Not below who is already in; not by a cashier; not once it is over.
    with pytest.raises(ValidationError) as low:
        events.update_event(rt.writer(), mgr, rt.now(), event_id, replace(fixed, capacity=0))
    assert low.value.code == "event.bad_numbers"
    sign(counter, event_id, people[1][1], "e-2")
    with pytest.raises(ValidationError) as below:
        events.update_event(rt.writer(), mgr, rt.now(), event_id, replace(fixed, capacity=1))
    assert below.value.code == "event.capacity_below_signed_in"
    with pytest.raises(PermissionDenied):
        events.update_event(rt.writer(), counter.make_cashier(), rt.now(), event_id, fixed)
    rt.clock.advance(hours=5)
    with pytest.raises(StateError) as over:
        events.update_event(rt.writer(), mgr, rt.now(), event_id, fixed)
    assert over.value.code == "event.over"
    assert db.scalar("SELECT count(*) FROM outbox WHERE op_type = 'event.update'") == 1
