"""The operation journal (outbox) and the hash-chained audit log.

`record_operation` is the one way a business operation is recorded for sync; it must
be called inside the same unit of work as the operation's local effect.
"""

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NamedTuple

from sqlalchemy import bindparam, func, insert, literal, select, update

from common.canonical import canonical_json, refuse_floats, sha256_hex
from common.ids import new_id
from models.counter import Counter
from models.journal import AuditEntry, OutboxOperation
from services import protocol
from services.core.actor import Actor
from services.core.errors import StateError
from services.core.raw_sql import db_time
from services.core.repository import Repository, Statement
from services.core.uow import UnitOfWork
from services.protocol import codes

GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class RecordedOperation:
    id: str
    seq: int
    op_type: str
    payload_hash: str


class Operation(NamedTuple):
    """An operation to record: its type, its payload and the payload's schema version."""

    op_type: str
    payload: dict[str, Any]
    version: int = 1


@dataclass(frozen=True)
class AuditCheck:
    ok: bool
    entries: int
    first_bad_id: int | None = None


def payload_json(value: Any) -> str:
    """A payload or an audit detail as it is hashed: canonical, and never with a float."""
    refuse_floats(value)
    return canonical_json(value)


_counter, _outbox = Counter.__table__, OutboxOperation.__table__
# Incremented inside the caller's write transaction: a rollback takes the number back with
# the operation, so the sequence never has a gap.
_TAKE_SEQS = Statement(
    update(_counter)
    .where(_counter.c.id == bindparam("device_id"))
    .values(last_seq=_counter.c.last_seq + bindparam("count"))
    .returning(_counter.c.last_seq)
)
_INSERT = Statement(
    insert(_outbox).values(
        {
            **{
                name: bindparam(name)
                for name in (
                    "id",
                    "device_id",
                    "seq",
                    "op_type",
                    "op_version",
                    "payload",
                    "payload_hash",
                    "store_id",
                    "staff_id",
                    "created_at",
                )
            },
            "state": literal("pending"),
            "attempts": literal(0),
        }
    )
)


class Outbox(Repository):
    """`uow.outbox`: the journal's rows, written inside the operation's own transaction."""

    def record(
        self,
        actor: Actor,
        now: datetime,
        op_type: str,
        payload: dict[str, Any],
        version: int = 1,
    ) -> RecordedOperation:
        return insert_operation(self._connection(), actor, now, op_type, payload, version)

    def record_all(
        self, actor: Actor, now: datetime, operations: Sequence[Operation]
    ) -> list[RecordedOperation]:
        """Several operations of one use case, numbered in this order (the door's sign-in
        records three): one update of the sequence and one insert for all of them."""
        return insert_operations(self._connection(), actor, now, operations)


def record_operation(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    op_type: str,
    payload: dict[str, Any],
    version: int = 1,
) -> RecordedOperation:
    """The outbox row of an operation, in the caller's unit of work (`uow.outbox`)."""
    return uow.outbox.record(actor, now, op_type, payload, version)


def insert_operation(
    conn: sqlite3.Connection,
    actor: Actor,
    now: datetime,
    op_type: str,
    payload: dict[str, Any],
    version: int = 1,
) -> RecordedOperation:
    """The outbox's one writer, on a connection inside its transaction: `Outbox.record`'s,
    or a loader's that writes many operations in one transaction."""
    return insert_operations(conn, actor, now, [Operation(op_type, payload, version)])[0]


def insert_operations(
    conn: sqlite3.Connection, actor: Actor, now: datetime, operations: Sequence[Operation]
) -> list[RecordedOperation]:
    """`insert_operation` for several, numbered in the order given."""
    bodies = []
    for op_type, payload, version in operations:
        # The centre refuses what its schema refuses: a payload the counter builds wrong
        # fails here, in the operation's own transaction, instead of reaching the centre
        # as a reject.
        protocol.validate_payload(op_type, version, payload)  # the schemas load on first use
        body = payload_json(payload)
        bodies.append((body, sha256_hex(body)))
    taken = {"device_id": actor.device_id, "count": len(operations)}
    row = conn.execute(_TAKE_SEQS.sql, _TAKE_SEQS.values(taken)).fetchone()
    if row is None:
        raise StateError(codes.COUNTER_NOT_SET_UP)
    first_seq, at = row[0] - len(operations) + 1, db_time(now)
    recorded, rows = [], []
    for n, (operation, (body, digest)) in enumerate(zip(operations, bodies, strict=True)):
        op_type, version = operation.op_type, operation.version
        op_id, seq = new_id(), first_seq + n
        values = {
            "id": op_id,
            "device_id": actor.device_id,
            "seq": seq,
            "op_type": op_type,
            "op_version": version,
            "payload": body,
            "payload_hash": digest,
            "store_id": actor.store_id,
            "staff_id": actor.staff_id,
            "created_at": at,
        }
        rows.append(_INSERT.values(values))
        recorded.append(RecordedOperation(id=op_id, seq=seq, op_type=op_type, payload_hash=digest))
    conn.executemany(_INSERT.sql, rows)
    return recorded


def count_pending_operations(uow: UnitOfWork) -> int:
    return (
        uow.session.scalar(
            select(func.count())
            .select_from(OutboxOperation)
            .where(OutboxOperation.state == "pending")
        )
        or 0
    )


def append_audit(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    action: str,
    subject: str,
    detail: dict[str, Any] | None = None,
    reason: str | None = None,
    approved_by: str | None = None,
) -> int:
    prev = uow.session.scalar(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1))
    entry = AuditEntry(
        at=now,
        store_id=actor.store_id,
        device_id=actor.device_id,
        staff_id=actor.staff_id,
        action=action,
        subject=subject,
        detail=payload_json(detail or {}),
        reason=reason,
        approved_by=approved_by,
        prev_hash=prev or GENESIS_HASH,
    )
    entry.hash = audit_hash(entry)
    uow.session.add(entry)
    uow.flush()
    return entry.id


def audit_hash(entry: AuditEntry) -> str:
    fields = {
        "at": entry.at.astimezone(UTC).isoformat(),
        "store_id": entry.store_id,
        "device_id": entry.device_id,
        "staff_id": entry.staff_id,
        "action": entry.action,
        "subject": entry.subject,
        "detail": entry.detail,
        "reason": entry.reason,
        "approved_by": entry.approved_by,
    }
    return sha256_hex(entry.prev_hash + "\n" + payload_json(fields))


def verify_audit_chain(uow: UnitOfWork, batch: int = 5000) -> AuditCheck:
    """Walk the chain in id order; any edited, removed or inserted row breaks it."""
    expected_prev = GENESIS_HASH
    count = 0
    last_id = 0
    while True:
        rows = uow.session.scalars(
            select(AuditEntry).where(AuditEntry.id > last_id).order_by(AuditEntry.id).limit(batch)
        ).all()
        if not rows:
            return AuditCheck(ok=True, entries=count)
        for entry in rows:
            if entry.prev_hash != expected_prev or audit_hash(entry) != entry.hash:
                return AuditCheck(ok=False, entries=count, first_bad_id=entry.id)
            expected_prev = entry.hash
            count += 1
            last_id = entry.id
        uow.session.expunge_all()
