"""Sign-in, registrations, undo and draws on a real SQLite file, read back with raw SQL."""

import json
import sqlite3
from dataclasses import replace
from datetime import timedelta

import pytest

from common.canonical import sha256_hex
from models.catalog import Member
from services import points
from services.core.errors import PermissionDenied, StateError, ValidationError
from services.core.journal import verify_audit_chain
from services.events import planning as events
from services.events import prize_draws as event_draws
from services.events import reports as event_reports
from services.events import signin as event_signin
from services.events.planning import EventSpec
from services.events.signin import CapacityOverride
from services.members import accounts as members
from services.members.accounts import NewMember
from services.points.ledger import Posting, balance_problems, debit


@pytest.fixture
def setup(counter):
    now, writer, mgr = counter.runtime.now(), counter.runtime.writer, counter.manager
    event_id = events.create_event(
        writer(),
        mgr,
        now,
        EventSpec(
            "E1",
            "沙龙",
            "一楼",
            now - timedelta(minutes=5),
            now + timedelta(hours=2),
            2,
            attendance_points=30,
        ),
    )
    people = []
    for i, name in enumerate(("甲", "乙", "丙")):
        m = members.register_member(writer(), mgr, now, NewMember(name, f"1380000000{i}", 1, 1))
        people.append((m, members.member_code(writer(), mgr, now, m.id)))
    return event_id, people


def sign(counter, event_id, text, nonce, actor=None, override=None):
    rt = counter.runtime
    return event_signin.sign_in(
        rt.writer(), actor or counter.manager, rt.now(), event_id, text, nonce, override
    )


def test_a_retried_call_with_the_same_nonce_changes_nothing(counter, db, setup):
    event_id, people = setup
    first = sign(counter, event_id, people[0][1], "nonce-1")
    rows = db.count("outbox"), db.count("event_signin"), db.count("points_entry")
    again = sign(counter, event_id, people[0][1], "nonce-1")
    assert (again.outcome, again.signin_id, again.points) == ("admitted", first.signin_id, 30)
    assert (db.count("outbox"), db.count("event_signin"), db.count("points_entry")) == rows


def test_sign_in_operation_carries_what_the_centre_dedupes_on(counter, db, setup):
    event_id, people = setup
    member, code = people[0]
    r = sign(counter, event_id, code, "n-abc")
    [(payload, digest, seq)] = db.rows(
        "SELECT payload, payload_hash, seq FROM outbox WHERE op_type = 'event.sign_in'"
    )
    body = json.loads(payload)
    assert body["event_id"] == event_id and body["member_id"] == member.id
    assert body["nonce"] == "n-abc" and body["signin_id"] == r.signin_id
    assert body["at"] == counter.runtime.now().isoformat()
    assert digest == sha256_hex(payload)  # the same canonical form record_operation writes
    [(bonus,)] = db.rows("SELECT payload FROM outbox WHERE op_type = 'points.event_bonus'")
    assert json.loads(bonus)["points"] == 30 and json.loads(bonus)["nonce"] == "n-abc"
    # the fast path and the ORM path share one gap-free sequence
    seqs = [s for (s,) in db.rows("SELECT seq FROM outbox ORDER BY seq")]
    assert (
        seqs == list(range(1, len(seqs) + 1))
        and db.scalar("SELECT last_seq FROM counter") == seqs[-1]
    )
    assert db.scalar("SELECT created_at FROM outbox WHERE seq = ?", seq) == db.scalar(
        "SELECT at FROM event_signin"
    )


def test_points_once_per_member_and_the_ledger_agrees(counter, db, setup):
    event_id, people = setup
    member, code = people[0]
    sign(counter, event_id, code, "a")
    counter.runtime.clock.advance(minutes=3)
    r = sign(counter, event_id, code, "b")
    assert r.outcome == "already_signed_in" and r.counter_label == "1"
    assert r.at == counter.runtime.now() - timedelta(minutes=3)
    assert db.scalar("SELECT points_balance FROM member WHERE id = ?", member.id) == 30
    assert db.count("points_entry WHERE kind = 'event_bonus'") == 1
    with counter.runtime.reader() as uow:
        assert balance_problems(uow) == []


def test_the_database_refuses_a_second_standing_sign_in(counter, db, setup):
    """Whatever a bug upstream did, (event, member) stays unique while standing."""
    event_id, people = setup
    sign(counter, event_id, people[0][1], "a")
    row = db.rows("SELECT * FROM event_signin")[0]
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO event_signin (id, event_id, registration_id, member_id, nonce, method,"
            " device_id, counter_label, staff_id, at)"
            " VALUES ('x', ?, NULL, ?, 'other', 'member_qr', ?, '2', NULL, ?)",
            event_id,
            row[3],
            row[6],
            row[9],
        )


def test_sign_ins_are_history(counter, db, setup):
    event_id, people = setup
    sign(counter, event_id, people[0][1], "a")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("DELETE FROM event_signin")
    with pytest.raises(sqlite3.IntegrityError, match="never changes"):
        db.execute("UPDATE event_signin SET at = '2020-01-01 00:00:00.000000'")
    with pytest.raises(sqlite3.IntegrityError, match="undone once"):
        db.execute("UPDATE event_signin SET undo_reason = 'x'")


def test_capacity_and_the_managers_override(counter, db, setup):
    event_id, people = setup
    staff = counter.make_event_staff()
    sign(counter, event_id, people[0][1], "a", staff)
    sign(counter, event_id, people[1][1], "b", staff)
    full = sign(counter, event_id, people[2][1], "c", staff)
    assert (full.outcome, full.signed_in, full.capacity) == ("full", 2, 2)
    with pytest.raises(PermissionDenied):
        sign(counter, event_id, people[2][1], "d", staff, CapacityOverride("VIP"))
    with pytest.raises(ValidationError) as caught:
        sign(counter, event_id, people[2][1], "d", counter.manager, CapacityOverride(" "))
    assert caught.value.code == "reason.required"
    r = sign(counter, event_id, people[2][1], "d", counter.manager, CapacityOverride("店长朋友"))
    assert r.outcome == "admitted" and r.override and r.signed_in == 3
    assert db.scalar("SELECT override_reason FROM event_signin WHERE nonce = 'd'") == "店长朋友"
    assert db.count("audit_log WHERE action = 'event.capacity_override'") == 1


def test_undo_reverses_the_points_and_frees_the_seat(counter, db, setup):
    event_id, people = setup
    member, code = people[0]
    r = sign(counter, event_id, code, "a")
    staff = counter.make_event_staff()
    with pytest.raises(PermissionDenied):
        event_signin.undo_sign_in(
            counter.runtime.writer(), staff, counter.runtime.now(), r.signin_id, "wrong card"
        )
    event_signin.undo_sign_in(
        counter.runtime.writer(), counter.manager, counter.runtime.now(), r.signin_id, "wrong card"
    )
    assert db.scalar("SELECT points_balance FROM member WHERE id = ?", member.id) == 0
    assert db.count("outbox WHERE op_type = 'event.sign_in_undo'") == 1
    assert db.count("outbox WHERE op_type = 'points.event_bonus_reversal'") == 1
    with pytest.raises(StateError):
        event_signin.undo_sign_in(
            counter.runtime.writer(), counter.manager, counter.runtime.now(), r.signin_id, "again"
        )
    again = sign(counter, event_id, code, "b")
    assert again.outcome == "admitted" and again.points == 30
    with counter.runtime.reader() as uow:
        assert balance_problems(uow) == []
        assert verify_audit_chain(uow).ok


def test_only_the_listed_staff_sign_people_in(counter, setup):
    now, rt = counter.runtime.now(), counter.runtime
    door_keeper = counter.make_event_staff("门卫")
    other = counter.add_staff("另一位", "event_staff", "7391")
    event_id = events.create_event(
        rt.writer(),
        counter.manager,
        now,
        EventSpec(
            "E2",
            "闭门会",
            "二楼",
            now,
            now + timedelta(hours=1),
            5,
            staff_ids=(door_keeper.staff_id,),
        ),
    )
    code = setup[1][0][1]
    with pytest.raises(PermissionDenied) as caught:
        sign(counter, event_id, code, "x", other)
    assert caught.value.code == "event.not_assigned"
    assert sign(counter, event_id, code, "y", door_keeper).outcome == "admitted"


def test_tickets_guests_and_other_events(counter, db, setup):
    event_id, _people = setup
    now, rt = counter.runtime.now(), counter.runtime
    guest = events.register_guest(
        rt.writer(), counter.manager, now, event_id, "客人", "13900000009"
    )
    other = events.create_event(
        rt.writer(),
        counter.manager,
        now,
        EventSpec("E3", "别的活动", "三楼", now, now + timedelta(hours=1), 5),
    )
    wrong = sign(counter, other, guest.code, "w")
    assert (wrong.outcome, wrong.other_event) == ("not_registered", "沙龙")
    assert sign(counter, event_id, guest.code.lower(), "g").outcome == "admitted"
    unknown = sign(counter, event_id, "LCE" + "2" * 16, "u")
    assert unknown.outcome == "not_registered" and unknown.attendee is None
    with pytest.raises(ValidationError) as caught:
        sign(counter, event_id, "LCE123", "v")
    assert caught.value.code == "event.bad_ticket"
    report = event_reports.attendance(rt.reader(), event_id)
    assert (report.registered, report.signed_in, report.no_shows) == (1, 1, 0)
    assert report.rows[0].mobile_masked == "139****0009"


def test_draw_rounds_are_recorded_rerun_and_exclude_winners(counter, db, setup):
    event_id, people = setup
    event_signin.sign_in(
        counter.runtime.writer(),
        counter.manager,
        counter.runtime.now(),
        event_id,
        people[0][1],
        "a",
    )
    event_signin.sign_in(
        counter.runtime.writer(),
        counter.manager,
        counter.runtime.now(),
        event_id,
        people[1][1],
        "b",
    )
    rt, mgr = counter.runtime, counter.manager
    with pytest.raises(StateError):
        event_draws.run_draw(
            rt.writer(),
            mgr,
            rt.now(),
            events.create_event(
                rt.writer(),
                mgr,
                rt.now(),
                EventSpec("E9", "空", "空", rt.now(), rt.now() + timedelta(hours=1), 1),
            ),
            "杯子",
            1,
        )
    first = event_draws.run_draw(rt.writer(), mgr, rt.now(), event_id, "音箱", 1, seed="000")
    assert first.round == 1 and first.entrants == 2 and first.seed == "000"
    second = event_draws.run_draw(rt.writer(), mgr, rt.now(), event_id, "杯子", 1)
    assert second.entrants == 1 and second.winners[0].key != first.winners[0].key
    with pytest.raises(StateError):
        event_draws.run_draw(rt.writer(), mgr, rt.now(), event_id, "伞", 1)
    for d in (first, second):
        assert event_draws.verify_draw(rt.reader(), d.draw_id)
    stored = json.loads(db.scalar("SELECT entrants FROM event_draw WHERE round = 1"))
    assert sorted(stored) == [f"m:{people[0][0].id}", f"m:{people[1][0].id}"]
    assert db.count("outbox WHERE op_type = 'event.draw'") == 2
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE event_draw SET winners = '[]'")


def test_a_pop_up_event_is_checked_before_it_is_created(counter):
    rt, mgr, now = counter.runtime, counter.manager, counter.runtime.now()
    bad = [
        (EventSpec("X", "", "场地", now, now + timedelta(hours=1), 5), "event.name.empty"),
        (EventSpec("X", "名", "场地", now, now, 5), "event.bad_window"),
        (EventSpec("X", "名", "场地", now, now + timedelta(hours=1), 0), "event.bad_numbers"),
        (EventSpec("X", "名", "", now, now + timedelta(hours=1), 5), "event.place_empty"),
    ]
    for spec, code in bad:
        with pytest.raises(ValidationError) as caught:
            events.create_event(rt.writer(), mgr, now, spec)
        assert caught.value.code == code
    events.create_event(
        rt.writer(), mgr, now, EventSpec("pop-1", "快闪", "门口", now, now + timedelta(hours=1), 5)
    )
    with pytest.raises(StateError) as caught:
        events.create_event(
            rt.writer(),
            mgr,
            now,
            EventSpec("POP-1", "快闪", "门口", now, now + timedelta(hours=1), 5),
        )
    assert caught.value.code == "event.code_taken"
    with pytest.raises(PermissionDenied):
        events.create_event(
            rt.writer(),
            counter.make_event_staff(),
            now,
            EventSpec("P2", "快闪", "门口", now, now + timedelta(hours=1), 5),
        )


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
        m = uow.session.get(Member, member.id)
        debit(
            uow,
            counter.manager,
            counter.runtime.now(),
            m,
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
