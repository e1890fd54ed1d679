"""The transactional outbox: an operation and its effect commit together or not at all."""

import hashlib
import json

import pytest

from models.counter import Setting
from services.core.errors import StateError, StorageError
from services.core.journal import Operation, count_pending_operations, record_operation
from services.members.accounts import NewMember, register_member
from services.reports.status import read_sync_status

ANNA = NewMember("陈安娜", "13800138000", 5, 12, 1990, consent_marketing=True)
BO = NewMember("刘博", "13900139000", 11, 3)


def test_register_member_records_one_operation(counter, db, clock):
    member = register_member(counter.runtime.writer(), counter.manager, clock.now(), ANNA)
    rows = db.rows(
        "SELECT op_type, seq, payload, payload_hash, device_id, store_id, staff_id, state,"
        " op_version, attempts FROM outbox"
    )
    assert len(rows) == 1
    op_type, seq, payload, payload_hash, device_id, store_id, staff_id, state, version, tries = (
        rows[0]
    )
    assert (op_type, seq, state, version, tries) == ("member.register", 1, "pending", 1, 0)
    assert payload_hash == hashlib.sha256(payload.encode("utf-8")).hexdigest()
    assert (device_id, store_id) == (counter.identity.device_id, counter.identity.store_id)
    assert staff_id == counter.manager.staff_id
    body = json.loads(payload)
    assert body["member_id"] == member.id
    assert body["member_no"] == member.member_no
    assert body["mobile"] == "13800138000"
    assert "陈安娜" in payload  # stored as UTF-8 text, not \\u escapes
    assert db.scalar("SELECT last_seq FROM counter") == 1


def test_sequence_is_gap_free_per_device(counter, db, clock):
    for new in (ANNA, BO):
        register_member(counter.runtime.writer(), counter.manager, clock.now(), new)
    assert db.rows("SELECT seq FROM outbox ORDER BY seq") == [(1,), (2,)]
    assert count_pending_operations_now(counter) == 2
    assert read_sync_status(counter.runtime.reader()).pending_operations == 2


def count_pending_operations_now(counter):
    with counter.runtime.reader() as uow:
        return count_pending_operations(uow)


def test_failure_after_recording_leaves_nothing(counter, db, clock):
    uow = counter.runtime.writer()
    with pytest.raises(RuntimeError), uow:
        uow.session.add(Setting(key="language", value='"en"', updated_at=clock.now()))
        payload = {"member_id": "0" * 8 + "-0000-7000-8000-" + "0" * 12, "reason": "test"}
        recorded = record_operation(uow, counter.manager, clock.now(), "member.deactivate", payload)
        assert recorded.seq == 1
        raise RuntimeError("crash after the outbox row was written")
    assert db.count("setting") == 0
    assert db.count("outbox") == 0
    assert db.scalar("SELECT last_seq FROM counter") == 0
    register_member(counter.runtime.writer(), counter.manager, clock.now(), ANNA)
    assert db.rows("SELECT seq, op_type FROM outbox") == [(1, "member.register")]


def test_failed_commit_of_a_registration_leaves_nothing(counter, db, clock):
    uow = counter.runtime.writer()

    def disk_full():
        raise StorageError("storage.disk_full")

    uow.commit = disk_full
    with pytest.raises(StorageError) as caught:
        register_member(uow, counter.manager, clock.now(), ANNA)
    assert caught.value.code == "storage.disk_full"
    assert db.count("member") == 0
    assert db.count("outbox") == 0
    member = register_member(counter.runtime.writer(), counter.manager, clock.now(), ANNA)
    assert member.member_no == "T001-1-000001"
    assert db.rows("SELECT seq FROM outbox") == [(1,)]


def test_refused_registration_consumes_no_sequence_number(counter, db, clock):
    register_member(counter.runtime.writer(), counter.manager, clock.now(), ANNA)
    with pytest.raises(StateError) as caught:
        register_member(counter.runtime.writer(), counter.manager, clock.now(), ANNA)
    assert caught.value.code == "member.mobile_taken"
    register_member(counter.runtime.writer(), counter.manager, clock.now(), BO)
    assert db.rows("SELECT seq FROM outbox ORDER BY seq") == [(1,), (2,)]
    assert db.scalar("SELECT last_member_no FROM counter") == 2


def test_operations_recorded_together_are_numbered_in_order(counter, db, clock):
    member_id = "0" * 8 + "-0000-7000-8000-" + "0" * 12
    with counter.runtime.writer() as uow:
        record_operation(
            uow,
            counter.manager,
            clock.now(),
            "member.deactivate",
            {"member_id": member_id, "reason": "first"},
        )
        recorded = uow.outbox.record_all(
            counter.manager,
            clock.now(),
            [
                Operation("member.deactivate", {"member_id": member_id, "reason": "second"}),
                Operation("member.deactivate", {"member_id": member_id, "reason": "third"}),
            ],
        )
        uow.commit()
    assert [r.seq for r in recorded] == [2, 3]
    rows = db.rows("SELECT seq, id, payload FROM outbox ORDER BY seq")
    assert [json.loads(payload)["reason"] for _seq, _id, payload in rows] == [
        "first",
        "second",
        "third",
    ]
    assert [row[1] for row in rows[1:]] == [r.id for r in recorded]
    assert db.scalar("SELECT last_seq FROM counter") == 3


def test_one_bad_payload_records_none_of_those_recorded_together(counter, db, clock):
    member_id = "0" * 8 + "-0000-7000-8000-" + "0" * 12
    good = Operation("member.deactivate", {"member_id": member_id, "reason": "fine"})
    bad = Operation("member.deactivate", {"member_id": member_id, "reason": 1.5})
    with counter.runtime.writer() as uow:
        with pytest.raises(ValueError):
            uow.outbox.record_all(counter.manager, clock.now(), [good, bad])
        assert uow.outbox.record_all(counter.manager, clock.now(), [good])[0].seq == 1
        uow.commit()
    assert db.scalar("SELECT count(*) FROM outbox") == 1
