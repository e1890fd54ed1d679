"""Push: pending outbox rows go in device-sequence order, in batches; each answer marks its
row with the centre's result (rows are never deleted, only their delivery state moves).
A lost answer means the same rows go again with the same ids and sequence numbers; the
centre answers `duplicate` and changes nothing."""

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import orjson
from sqlalchemy import Row, bindparam, func, literal_column, select, update

from models.counter import Counter
from models.journal import OutboxOperation
from services.core.actor import Actor
from services.core.audit_anchor import audit_head, keep_anchor
from services.core.journal import append_audit
from services.core.repository import TextStatements
from services.core.uow import UnitOfWork
from services.protocol import codes
from services.sync.client import CentralClient, SyncError
from services.sync.lease import keep_lease, lease_of
from services.sync.link import UowFactory
from services.sync.pipeline import send_in_flight

log = logging.getLogger(__name__)

PUSH_BATCH = 1000
# A request stays well under the centre's 8 MB cap whatever the payloads (up to 64 KB each).
PUSH_BYTES = 4 * 1024 * 1024
ENVELOPE_BYTES = 400  # ids, hash, times and keys around each payload
# Push requests out at once: the counter reads and marks batches while the centre applies
# the one before.
PUSH_IN_FLIGHT = 2
FINAL_STATES = {"applied", "duplicate", "rejected", "conflict"}
IDLE_ROUNDS = 2  # pushes in a row that move nothing forward: the push stops (sync.stalled)
MAX_RENUMBERINGS = 2  # per push; one is all a restored backup needs


@dataclass(frozen=True)
class PushReport:
    sent: int = 0
    applied: int = 0
    duplicate: int = 0
    rejected: int = 0
    conflict: int = 0


@dataclass
class ClockReading:
    """The last answer's `server_time` against this counter's clock when it arrived."""

    skew_s: int | None = None

    def note(self, answer: dict, device_now: datetime) -> None:
        server = answer.get("server_time")
        try:
            server_now = datetime.fromisoformat(server) if isinstance(server, str) else None
        except ValueError:
            server_now = None
        if server_now is not None and server_now.tzinfo is not None:
            self.skew_s = int((device_now - server_now).total_seconds())


def _envelope(op: Row) -> dict:
    return {
        "id": op.id,
        "device_id": op.device_id,
        "seq": op.seq,
        "type": op.op_type,
        "version": op.op_version,
        "payload": op.payload,
        "payload_hash": op.payload_hash,
        "store_id": op.store_id,
        "staff_id": op.staff_id,
        "device_time": op.created_at.isoformat(),
    }


def push_pending(
    writer: UowFactory,
    reader: UowFactory,
    client: CentralClient,
    now: Callable[[], datetime],
    batch_size: int = PUSH_BATCH,
    clock: ClockReading | None = None,
    in_flight: int = PUSH_IN_FLIGHT,
) -> PushReport:
    """Sends waiting operations until none wait; marks each with the centre's answer.

    The first request carries one operation: its answer says where the centre's sequence
    for this device stands (`next_expected_seq`) before any other is sent. Operations below
    that number go on their own; the centre has them (`duplicate`) or, after this counter
    was restored from a backup, holds others under their numbers (`op.seq_taken`): those
    and every later waiting operation move above the centre's last number, in order, and go
    again. Mixed with later ones, the later ones would have been applied first.

    Once the centre's number is the lowest waiting one (in step), batches go `in_flight` at
    a time (`_push_in_flight`) until an answer is out of step; then one at a time again."""
    totals = dict.fromkeys(("sent", "applied", "duplicate", "rejected", "conflict"), 0)
    resend_from: int | None = None
    expected: int | None = None  # the centre's next number, once it said
    lowest: int | None = None  # the lowest waiting number, after each round
    best, idle, renumberings = -1, 0, 0
    send_head = True  # the audit log's head goes with the first request of each push
    while True:
        taken = None
        if in_flight > 1 and not send_head and expected is not None and lowest == expected:
            marked, expected = _push_in_flight(
                writer, reader, client, now, batch_size, in_flight, clock, totals, expected
            )
        else:
            with reader() as uow:
                size = 1 if expected is None else batch_size
                ops = _next_batch(uow, resend_from, expected, size)
                head = audit_head(uow) if ops and send_head else None
                queue = _pending_count(uow) if ops and expected is None else None
            if not ops:
                break
            answer = client.push(
                [_envelope(op) for op in ops], device_now=now(), audit=head, queue=queue
            )
            if clock is not None:
                clock.note(answer, now())
            # Again only when the centre asks for proof of its newest anchor (a lost answer).
            send_head = head is not None and _audit_status(answer) == "unproven"
            results = _results(answer)
            expected = _expected_seq(answer)
            taken = _taken_after_restore(ops, results, expected)
            if taken is not None:
                results = {i: r for i, r in results.items() if i not in taken}
            marked = _mark(writer, ops, results, now(), answer)
            _count(totals, results, len(ops))
        if taken is not None:
            renumberings += 1
            if renumberings > MAX_RENUMBERINGS:
                raise SyncError(codes.SYNC_STALLED, expected=expected)
            _renumber(writer, min(taken.values()), expected, now())
        with reader() as uow:
            lowest, last_seq = _lowest_pending_seq(uow), _last_seq(uow)
        # The centre's number moving up counts only as far as this counter has numbered: a
        # centre that keeps raising it without taking anything is not progress.
        progress = marked > 0 or taken is not None or best < expected <= last_seq + 1
        best = max(best, expected)
        idle = 0 if progress else idle + 1
        if idle >= IDLE_ROUNDS:
            raise SyncError(codes.SYNC_STALLED, expected=expected)
        # The centre lacks operations we thought delivered: send them again from its number.
        resend_from = expected if lowest is not None and expected < lowest else None
    return PushReport(
        totals["sent"],
        totals["applied"],
        totals["duplicate"],
        totals["rejected"],
        totals["conflict"],
    )


def _push_in_flight(
    writer: UowFactory,
    reader: UowFactory,
    client: CentralClient,
    now: Callable[[], datetime],
    batch_size: int,
    in_flight: int,
    clock: ClockReading | None,
    totals: dict[str, int],
    expected: int,
) -> tuple[int, int]:
    """Waiting operations from the lowest on, in consecutive batches with `in_flight`
    requests out at once (services.sync.pipeline); each batch's rows are marked from its
    own answer only, in the order sent. Returns (rows marked, the centre's next number).

    The centre applies a device's operations only in sequence order under one lock, so a
    batch that overtakes the one before it is answered with nothing applied (a gap) and
    goes again; an answer short of its batch's end stops new sends, and the caller goes on
    one request at a time from the centre's number."""
    marked = 0

    def next_batch(previous: list[Row] | None) -> list[Row]:
        with reader() as uow:
            return _pending_after(uow, previous[-1].seq if previous else None, batch_size)

    def send(ops: list[Row]) -> dict:
        return client.push([_envelope(op) for op in ops], device_now=now())

    def absorb(ops: list[Row], answer: dict) -> bool:
        nonlocal marked, expected
        if clock is not None:
            clock.note(answer, now())
        results = _results(answer)
        seen = _expected_seq(answer)
        expected = max(expected, seen)  # the centre's number only grows
        taken = _taken_after_restore(ops, results, seen)
        if taken is not None:  # renumbered by the caller, one request at a time
            results = {i: r for i, r in results.items() if i not in taken}
        done = _mark(writer, ops, results, now(), answer)
        marked += done
        _count(totals, results, len(ops))
        return taken is None and done == len(ops) and seen == ops[-1].seq + 1

    send_in_flight(next_batch, send, absorb, in_flight)
    return marked, expected


def _results(answer: dict) -> dict[str, dict]:
    return {r["id"]: r for r in answer["results"] if isinstance(r, dict) and "id" in r}


def _count(totals: dict[str, int], results: dict[str, dict], sent: int) -> None:
    for r in results.values():
        totals[_state_for(r)] = totals.get(_state_for(r), 0) + 1
    totals["sent"] += sent


def _pending_after(uow: UnitOfWork, after_seq: int | None, limit: int) -> list[Row]:
    outbox = OutboxOperation.__table__
    query = select(*_sent_columns()).where(outbox.c.state == "pending")
    query = query.order_by(outbox.c.seq).limit(limit)
    if after_seq is not None:
        query = query.where(outbox.c.seq > after_seq)
    return _within_bytes(uow.session.execute(query).all(), PUSH_BYTES)


def _sent_columns() -> list:
    """What a sent row needs: its envelope, and its state and attempts for the marking (not
    the last answer's code and time, whose conversion every row paid)."""
    c = OutboxOperation.__table__.c
    return [
        c.id,
        c.device_id,
        c.seq,
        c.op_type,
        c.op_version,
        c.payload,
        c.payload_hash,
        c.store_id,
        c.staff_id,
        c.created_at,
        c.state,
        c.attempts,
    ]


def _audit_status(answer: dict) -> str | None:
    audit = answer.get("audit")
    return audit.get("status") if isinstance(audit, dict) else None


def _next_batch(
    uow: UnitOfWork, resend_from: int | None, expected: int | None, limit: int
) -> list[Row]:
    # Plain rows, not ORM objects: a thousand instances a batch cost a third of the counter's
    # share of a push.
    outbox = OutboxOperation.__table__
    query = select(*_sent_columns()).order_by(outbox.c.seq).limit(limit)
    if resend_from is not None:
        query = query.where(outbox.c.seq >= resend_from)
    else:
        query = query.where(outbox.c.state == "pending")
        if expected is not None and (_lowest_pending_seq(uow) or expected) < expected:
            query = query.where(outbox.c.seq < expected)  # below the centre's number: alone
    return _within_bytes(uow.session.execute(query).all(), PUSH_BYTES)


def _pending_count(uow: UnitOfWork) -> int:
    """How many operations wait to be sent: the centre shows head office at each push."""
    outbox = OutboxOperation.__table__
    return uow.session.scalar(select(func.count()).where(outbox.c.state == "pending")) or 0


def _lowest_pending_seq(uow: UnitOfWork) -> int | None:
    outbox = OutboxOperation.__table__
    return uow.session.scalar(select(func.min(outbox.c.seq)).where(outbox.c.state == "pending"))


def _last_seq(uow: UnitOfWork) -> int:
    return uow.session.scalar(select(Counter.last_seq)) or 0


def _expected_seq(answer: dict) -> int:
    value = answer.get("next_expected_seq")
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise SyncError(codes.SYNC_PROTOCOL)
    return value


def _taken_after_restore(ops: list[Row], results: dict, expected: int) -> dict[str, int] | None:
    """{id: seq} of operations the centre has never seen whose numbers it holds for others,
    below its next number: this counter's sequence went back (a backup was restored)."""
    if not any(r.get("code") == "op.seq_taken" for r in results.values()):
        return None  # the answer's dicts first: reading each row's fields cost more
    taken = {
        op.id: op.seq
        for op in ops
        if op.state == "pending"
        and op.seq < expected
        and results.get(op.id, {}).get("result") == "rejected"
        and results[op.id].get("code") == "op.seq_taken"
    }
    return taken or None


def _renumber(writer: UowFactory, first: int, base: int, now: datetime) -> None:
    """Waiting operations from `first` on move to `base`, `base + 1`, ... in their order,
    with their ids and payloads, and the device's counter follows (the outbox trigger lets
    an undelivered operation move up, nothing else)."""
    with writer() as uow:
        conn = TextStatements(uow)
        rows = conn.execute(
            "SELECT id, seq FROM outbox WHERE state = 'pending' AND seq >= ? ORDER BY seq",
            (first,),
        ).fetchall()
        moves = [(base + index, op_id) for index, (op_id, _seq) in enumerate(rows)]
        # Highest first, so no two rows ever hold one number.
        conn.executemany(
            "UPDATE outbox SET seq = ? WHERE id = ? AND state = 'pending'", moves[::-1]
        )
        counter = uow.session.scalars(select(Counter)).one()
        top = base + len(rows) - 1
        conn.execute(
            "UPDATE counter SET last_seq = max(last_seq, ?) WHERE id = ?", (top, counter.id)
        )
        system = Actor(None, "system", "system", counter.store_id, counter.id)
        detail = {"from_seq": first, "to_seq": base, "operations": len(rows)}
        append_audit(uow, system, now, "sync.operations_renumbered", f"device:{counter.id}", detail)
        uow.commit()
    log.warning("operations from %s renumbered from %s (%s of them)", first, base, len(rows))


def _within_bytes(ops: list[Row], budget: int) -> list[Row]:
    """The first operations whose envelopes fit the budget (at least one): the payload is
    sent as a JSON string, so it is measured as the request carries it (UTF-8, escaped)."""
    total = 0
    for index, op in enumerate(ops):
        total += len(orjson.dumps(op.payload)) + ENVELOPE_BYTES
        if total > budget and index > 0:
            return ops[:index]
    return ops


def _state_for(result: dict) -> str:
    state = result.get("result")
    if state == "duplicate" and result.get("original_result") in (
        "applied",
        "rejected",
        "conflict",
    ):
        return result["original_result"]
    return state if state in FINAL_STATES else "rejected"


def _mark(writer: UowFactory, ops: list[Row], results: dict, now: datetime, answer: dict) -> int:
    """Marks waiting operations with their answers, and keeps the lease the answer renews
    and the centre's word on the audit log's head, in one commit; returns how many were
    marked. One statement per kind of answer (nearly always one: all applied), naming its
    rows by a JSON array: a statement per row, with its values converted, was two thirds
    of the counter's share of a push."""
    answered: dict[tuple[str, str | None], list[str]] = {}
    for op in ops:
        if op.id in results and op.state == "pending":
            result = results[op.id]
            key = (_state_for(result), result.get("code") or None)
            answered.setdefault(key, []).append(op.id)
    with writer() as uow:
        keep_lease(uow, lease_of(answer))
        keep_anchor(uow, answer, now)
        marked = 0
        statement = marking_statement(now)
        connection = uow.session.connection()
        for (state, code), op_ids in answered.items():
            params = {"ids": json.dumps(op_ids), "state": state, "code": code}
            marked += connection.execute(statement, params).rowcount
        uow.commit()
    return marked


def marking_statement(now: datetime):
    """Marks the waiting rows named by the JSON array `ids` with `state` and `code`. The
    unary plus keeps SQLite off the (state, seq) index: with it, each answer scanned every
    waiting row (100,000 at the start of a long push) instead of finding its own by id."""
    outbox = OutboxOperation.__table__
    ids = select(literal_column("value")).select_from(func.json_each(bindparam("ids")))
    return (
        update(outbox)
        .where(literal_column("+state") == "pending", outbox.c.id.in_(ids))
        .values(
            state=bindparam("state"),
            result_code=bindparam("code"),
            acked_at=now,
            attempts=outbox.c.attempts + 1,
        )
    )
