"""The audit log anchored at the centre: a log rewritten at the counter, even with its hash
chain made again so the local check passes, is found at the next push, recorded at the
centre and shown on the counter; an honest counter is never flagged."""

import json

import pytest
from sqlalchemy import select

from central.admin_devices import audit_break_lines, device_lines
from common.ids import new_id
from models.journal import AuditEntry
from services import sync
from services.core.actor import Actor
from services.core.audit_check import check_audit_log, mark_audit_break_seen
from services.core.errors import PermissionDenied
from services.core.journal import GENESIS_HASH, audit_hash, verify_audit_chain
from services.core.repository import TextStatements
from services.core.settings import change_setting
from services.reports.status import read_sync_status
from tests.central.harness import (  # noqa: F401  (fixtures)
    central,
    central_fixture_for_counters,
    make_counter,
)
from tests.factories import earn, register
from tests.integration.sync_helpers import FlakyTransport, flaky_http


def busy(counter, receipt: str) -> None:
    """Audited actions and an operation, as a day at the counter makes them."""
    member = register(counter, mobile=f"139{abs(hash(receipt)) % 10**8:08d}")
    change_setting(
        counter.runtime.writer(), counter.manager, counter.runtime.now(), "pin_max_failures", 6
    )
    earn(counter, member.id, receipt, 10_000)
    counter.clock.advance(minutes=5)


def breaks(central) -> list[tuple]:
    return central.rows("SELECT device_id, code FROM audit_break")


def rewrite_history(counter) -> int:
    """As an attacker with the file: triggers dropped, an early entry deleted, the chain made
    again from the start so it checks. Returns the entry deleted."""
    with counter.runtime.writer() as uow:
        conn = TextStatements(uow)
        triggers = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"
        ).fetchall()
        for (name,) in triggers:
            conn.execute(f'DROP TRIGGER "{name}"')
        victim = conn.execute("SELECT id FROM audit_log ORDER BY id LIMIT 1 OFFSET 2").fetchone()[0]
        conn.execute("DELETE FROM audit_log WHERE id = ?", (victim,))
        prev = GENESIS_HASH
        for entry in uow.session.scalars(select(AuditEntry).order_by(AuditEntry.id)):
            entry.prev_hash = prev
            entry.hash = prev = audit_hash(entry)
        uow.commit()
    with counter.runtime.reader() as uow:
        assert verify_audit_chain(uow).ok  # the local check alone is fooled
    return victim


def test_an_honest_counter_is_never_flagged(central, make_counter):
    central.create_store()
    a = make_counter("1")
    for day in range(3):
        busy(a, f"R{day}")
        assert a.cycle().ok
    # An answer lost on the way back: the centre anchored a head the counter never heard of.
    busy(a, "R-lost")
    transport = FlakyTransport(central.app)
    transport.lose_answer_calls = {1}
    report = sync.run_cycle(
        a.runtime.writer, a.runtime.reader, a.runtime.now, flaky_http(central.app, transport)
    )
    assert report.error_code == "sync.offline"
    for day in range(2):
        busy(a, f"S{day}")
        assert a.cycle().ok
    assert breaks(central) == []
    assert central.scalar("SELECT count(*) FROM audit_anchor") >= 5
    assert read_sync_status(a.runtime.reader()).audit_break is None
    with a.runtime.reader() as uow:
        last = uow.session.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(1))
    assert central.scalar("SELECT max(last_id) FROM audit_anchor") <= last


def test_a_rewritten_log_is_flagged_at_the_centre_and_shown_at_the_counter(central, make_counter):
    central.create_store()
    a = make_counter("1")
    busy(a, "R1")
    assert a.cycle().ok
    victim = rewrite_history(a)
    busy(a, "R2")  # something to push
    assert a.cycle().ok  # the sales still go; the break is said, not a refusal
    assert breaks(central) == [(a.device_id, "audit.chain_broken")]
    detail = json.loads(central.scalar("SELECT detail FROM audit_break"))
    assert detail["anchor"]["last_id"] >= victim
    with central.session() as session:
        assert "AUDIT BROKEN (1)" in device_lines(session)[0]
        assert "audit.chain_broken" in audit_break_lines(session)[0]
    status = read_sync_status(a.runtime.reader())
    assert status.audit_break == "audit.chain_broken" and status.audit_break_at is not None
    # The new head is the anchor now: honest pushes after it add no break.
    busy(a, "R3")
    assert a.cycle().ok
    assert len(breaks(central)) == 1
    # Only a manager marks it seen; that is audited and the notice goes.
    cashier = Actor(new_id(), "收银员", "cashier", a.store_id, a.device_id)
    with pytest.raises(PermissionDenied):
        mark_audit_break_seen(a.runtime.writer, cashier, a.runtime.now())
    assert mark_audit_break_seen(a.runtime.writer, a.manager, a.runtime.now())
    assert read_sync_status(a.runtime.reader()).audit_break is None
    assert actions(a).count("audit.break_seen") == 1


def test_a_break_found_here_is_recorded_once_and_shown(central, make_counter):
    central.create_store()
    a = make_counter("1")
    busy(a, "R1")
    with a.runtime.writer() as uow:
        conn = TextStatements(uow)
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"
        ).fetchall():
            conn.execute(f'DROP TRIGGER "{name}"')
        conn.execute("UPDATE audit_log SET detail = '{}' WHERE id = 2")
        uow.commit()
    rt = a.runtime
    first = check_audit_log(rt.reader, rt.writer, rt.now())
    again = check_audit_log(rt.reader, rt.writer, rt.now())
    assert not first.ok and again.first_bad_id == first.first_bad_id == 2
    with rt.reader() as uow:
        recorded = uow.session.scalars(
            select(AuditEntry.detail).where(AuditEntry.action == "audit.chain_broken")
        ).all()
    status = read_sync_status(rt.reader())
    assert [json.loads(detail)["first_bad_id"] for detail in recorded] == [2]
    assert status.audit_break == "audit.local_break"
    # Seen by a manager: the same break is neither shown nor recorded again.
    assert mark_audit_break_seen(rt.writer, a.manager, rt.now())
    assert not check_audit_log(rt.reader, rt.writer, rt.now()).ok
    assert read_sync_status(rt.reader()).audit_break is None
    assert actions(a).count("audit.chain_broken") == 1


def actions(counter) -> list[str]:
    with counter.runtime.reader() as uow:
        return list(uow.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
