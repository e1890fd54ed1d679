"""Event sign-in on a real SQLite file, read back with raw SQL: retries, the operation the
centre dedupes on, points once per member, capacity and the manager's override, undo.
"""

import json
import sqlite3
from datetime import timedelta

import pytest

from common.canonical import sha256_hex
from services.core.errors import PermissionDenied, StateError, ValidationError
from services.core.journal import verify_audit_chain
from services.events import signin_undo
from services.events.signin import CapacityOverride
from services.points.ledger import balance_problems
from tests.integration.events.conftest import sign


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
        signin_undo.undo_sign_in(
            counter.runtime.writer(), staff, counter.runtime.now(), r.signin_id, "wrong card"
        )
    signin_undo.undo_sign_in(
        counter.runtime.writer(), counter.manager, counter.runtime.now(), r.signin_id, "wrong card"
    )
    assert db.scalar("SELECT points_balance FROM member WHERE id = ?", member.id) == 0
    assert db.count("outbox WHERE op_type = 'event.sign_in_undo'") == 1
    assert db.count("outbox WHERE op_type = 'points.event_bonus_reversal'") == 1
    with pytest.raises(StateError):
        signin_undo.undo_sign_in(
            counter.runtime.writer(), counter.manager, counter.runtime.now(), r.signin_id, "again"
        )
    again = sign(counter, event_id, code, "b")
    assert again.outcome == "admitted" and again.points == 30
    with counter.runtime.reader() as uow:
        assert balance_problems(uow) == []
        assert verify_audit_chain(uow).ok
