"""The centre's rules for a counter's audit head (central.audit_anchor), case by case."""

from datetime import UTC, datetime

from sqlalchemy import delete, func, select

from central.audit_anchor import AuditHead, anchor_head
from central.models import AuditAnchor, AuditBreak
from tests.central.harness import (  # noqa: F401  (fixtures)
    central,
    central_fixture_for_counters,
    make_counter,
)

NOW = datetime(2026, 3, 1, 2, tzinfo=UTC)
H = {n: f"{n:064x}" for n in range(1, 10)}  # stand-ins for entries' hashes


def check(central, device_id, head: AuditHead):
    with central.session() as session, session.begin():
        return anchor_head(session, device_id, head, NOW)


def counts(central, device_id) -> tuple[int, int]:
    with central.session() as session:
        anchors = session.scalar(
            select(func.count()).select_from(AuditAnchor).where(AuditAnchor.device_id == device_id)
        )
        breaks = session.scalars(
            select(AuditBreak.code).where(AuditBreak.device_id == device_id)
        ).all()
    return anchors, list(breaks)


def test_extending_lost_answers_a_restored_centre_and_a_rewrite(central, make_counter):
    central.create_store()
    device = make_counter("1", enroll=True).device_id
    assert check(central, device, AuditHead(10, 10, H[1])).status == "ok"
    answer = check(central, device, AuditHead(20, 20, H[2], 10, H[1]))
    assert (answer.status, answer.anchor_id) == ("ok", 20)
    # The counter missed that answer: it proves the anchor before; told to prove 20.
    answer = check(central, device, AuditHead(25, 25, H[3], 10, H[1]))
    assert (answer.status, answer.anchor_id) == ("unproven", 20)
    assert counts(central, device) == (2, [])
    # The centre was restored and lost anchor 20: the counter names one beyond its newest.
    with central.session() as session, session.begin():
        session.execute(delete(AuditAnchor).where(AuditAnchor.last_id == 20))
    answer = check(central, device, AuditHead(25, 25, H[3], 20, H[2]))
    assert (answer.status, answer.anchor_id) == ("unproven", 10)
    assert check(central, device, AuditHead(25, 25, H[3], 10, H[1])).status == "ok"
    assert counts(central, device) == (2, [])
    # The entry at the anchor no longer hashes the same: the chain was made again.
    answer = check(central, device, AuditHead(30, 29, H[5], 25, H[4]))
    assert (answer.status, answer.code) == ("broken", "audit.chain_broken")
    # Its head is the new anchor: the next honest head extends it.
    assert check(central, device, AuditHead(31, 30, H[6], 30, H[5])).status == "ok"
    # A privacy wipe re-hashes the chain and says so.
    answer = check(central, device, AuditHead(32, 31, H[7], 31, H[8], rehashed=True))
    assert (answer.status, answer.code) == ("broken", "audit.chain_rehashed")
    assert counts(central, device)[1] == ["audit.chain_broken", "audit.chain_rehashed"]


def test_a_log_that_went_back_is_a_break(central, make_counter):
    central.create_store()
    device = make_counter("1").device_id
    check(central, device, AuditHead(10, 10, H[1]))
    answer = check(central, device, AuditHead(10, 9, H[1], 10, H[1]))  # an entry fewer
    assert answer.code == "audit.chain_broken"
    answer = check(central, device, AuditHead(12, 12, H[2]))  # no anchor named at all
    assert answer.code == "audit.chain_broken"
