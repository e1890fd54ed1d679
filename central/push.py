"""Applying the operations a counter pushes, in its sequence order, each exactly once.

A batch is applied in one database transaction. Each operation is atomic on its own:
its handler checks everything first and only then changes the batch's working state, so a
rejected operation changes nothing, and later operations see the effects of earlier ones.
Members, purchases, coupon redemptions, stock and sign-ins the batch touches are loaded
once (members `FOR UPDATE`, in id order, so two batches never deadlock) and written back
in bulk at the end, with the operations and the change feed; the answer is sent only after
that commit. A unique-key race with another device's batch (two first redemptions of
one coupon at the same instant) fails the commit, and the whole batch is applied again.

This module is the entry: it checks each envelope and hands it to its type's handler. The
types and shared payload checks are in central/push_types.py, the batch's state in
central/push_batch.py (event registrations in central/push_registrations.py), and the
handlers in central/push_members.py, push_points.py, push_coupons.py, push_stock.py,
push_events.py, push_reference.py, push_conflicts.py and push_pos.py.
"""

import hashlib
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from central.bulk import one_of
from central.models import Device, Operation
from central.push_batch import Batch, rules_from_body
from central.push_conflicts import conflict_resolve
from central.push_coupons import coupon_issue, coupon_redeem, coupon_revoke, coupon_void_redemption
from central.push_events import event_register, event_sign_in
from central.push_members import (
    member_card_reissue,
    member_deactivate,
    member_register,
    member_tier_change,
    member_update,
)
from central.push_points import (
    points_adjust,
    points_earn,
    points_event_bonus,
    points_event_bonus_reversal,
    points_expire,
    points_redeem,
    points_refund,
    points_visit_bonus,
)
from central.push_pos import pos_reconciliation_report
from central.push_reference import reference_from_counter
from central.push_stock import gift_redeem, stock_move
from central.push_streaks import points_streak_bonus
from central.push_types import (
    SIGN_IN_TYPES,
    TIERS,
    Envelope,
    OpResult,
    Outcome,
    PushOutcome,
    Reject,
)
from services.protocol import (
    OPERATION_TYPES,
    OPERATIONS,
    ProtocolError,
    codes,
    parse_payload_text,
    validate_payload,
)
from services.rules.clock import CLOCK_TOLERANCE, clock_skew, clock_skew_problem

# The push's public names, those defined in the push_* modules included.
__all__ = [
    "HANDLERS",
    "RECORD_ONLY",
    "RESULTS",
    "SIGN_IN_TYPES",
    "SUPPORTED_VERSIONS",
    "TIERS",
    "Batch",
    "Envelope",
    "OpResult",
    "Outcome",
    "PushOutcome",
    "Reject",
    "checked_payloads",
    "push_batch",
    "rules_from_body",
]

RESULTS = ("applied", "duplicate", "rejected", "conflict")
# Types that are validated and recorded in the ledger and need nothing else from the centre
# (every type in services.protocol.OPERATION_TYPES is here or in HANDLERS).
RECORD_ONLY = {"member.visit", "nps.record", "csat.record", "event.draw", "event.sign_in_undo"}


# the push ---------------------------------------------------------------------------------


def push_batch(
    session: Session,
    device: Device,
    envelopes: list[Envelope],
    now: datetime,
    device_now: datetime | None = None,
    parsed: list[tuple[Envelope, dict | ProtocolError]] | None = None,
) -> PushOutcome:
    """Applies a batch inside the caller's transaction; the caller commits. `device_now` is
    the counter's clock when it sent the batch: its skew is kept and flags what it sends.
    `parsed`: `checked_payloads(envelopes)`, when the caller made it before the transaction
    (the checks then run outside the device's lock, while another push of it applies)."""
    envelopes = sorted(envelopes, key=lambda e: e.seq)
    if parsed is not None:
        parsed = sorted(parsed, key=lambda pair: pair[0].seq)
    # One push per device at a time: the device row is the lock (SQLite: BEGIN IMMEDIATE).
    last_seq = session.scalar(
        select(Device.last_seq).where(Device.id == device.id).with_for_update()
    )
    batch = Batch(session, device, now)
    ids = [e.id for e in envelopes]
    known = {
        row.id: row
        for row in session.execute(
            select(
                Operation.id,
                Operation.device_id,
                Operation.seq,
                Operation.payload_hash,
                Operation.result,
                Operation.code,
                Operation.conflict_id,
            ).where(one_of(session, Operation.id, ids))
        )
    }
    # A number at or below `last_seq` is refused by the order check below; only numbers past
    # it could be taken by a row the device's counter does not account for. One range scan
    # of the (device, seq) key, where a probe per operation cost a push more than its checks.
    sent = [e.seq for e in envelopes if e.seq > last_seq]
    seqs_taken = (
        set(
            session.scalars(
                select(Operation.seq).where(
                    Operation.device_id == device.id,
                    Operation.seq > last_seq,
                    Operation.seq <= max(sent),
                )
            )
        )
        if sent
        else set()
    )
    if parsed is None:
        parsed = checked_payloads(envelopes)
    batch.preload([(e, b) for e, b in parsed if isinstance(b, dict) and e.id not in known])

    results: list[OpResult] = []
    expected = last_seq + 1
    flag = clock_flagger(device_now, now)
    for env, body in parsed:
        prior = known.get(env.id)
        if prior is not None:
            same = (
                prior.device_id == device.id
                and env.device_id == device.id
                and prior.seq == env.seq
                and prior.payload_hash == env.payload_hash
            )
            if same:
                conflicts = [prior.conflict_id] if prior.conflict_id else []
                results.append(
                    OpResult(env.id, env.seq, "duplicate", prior.code, conflicts, prior.result)
                )
            else:
                results.append(OpResult(env.id, env.seq, "rejected", "op.id_reused"))
                if env.seq == expected:
                    expected += 1
            continue
        if env.seq in seqs_taken or env.seq < expected:
            results.append(OpResult(env.id, env.seq, "rejected", "op.seq_taken"))
            continue
        if env.seq > expected:
            break  # a gap: the counter sends again from `next_expected_seq`
        outcome = _apply_checked(batch, env, body)
        batch.operations.append(
            {
                "id": env.id,
                # Stored under the authenticated device, whatever the envelope claims: a
                # counter must never take another device's sequence numbers.
                "device_id": batch.device_id,
                "seq": env.seq,
                "op_type": env.op_type,
                "op_version": env.op_version,
                "payload": env.payload,
                "payload_hash": env.payload_hash,
                "store_id": env.store_id,
                "staff_id": env.staff_id,
                "device_time": env.device_time,
                "received_at": now,
                "clock_flag": flag(env.device_time),
                "result": outcome.result,
                "code": outcome.code,
                "conflict_id": outcome.conflict_ids[0] if outcome.conflict_ids else None,
            }
        )
        results.append(
            OpResult(env.id, env.seq, outcome.result, outcome.code, outcome.conflict_ids)
        )
        expected += 1
    batch.write()
    seen = {"last_seq": expected - 1, "last_seen_at": now}
    if device_now is not None:
        seen["clock_skew_s"] = int(clock_skew(device_now, now).total_seconds())
    session.execute(update(Device).where(Device.id == device.id).values(**seen))
    return PushOutcome(results, expected)


def clock_flag(device_time: datetime, device_now: datetime | None, now: datetime) -> str | None:
    """Why an operation's time is not to be trusted, or None: the counter's clock was off
    when it sent it, or the operation claims a time after it arrived."""
    return clock_flagger(device_now, now)(device_time)


def clock_flagger(device_now: datetime | None, now: datetime) -> Callable[[datetime], str | None]:
    """`clock_flag` for one batch: the device's skew is the same for all its operations, so
    it is judged once, not for each."""
    if device_now is not None and clock_skew_problem(device_now, now):
        return lambda _device_time: "clock.device_skew"
    latest = now + CLOCK_TOLERANCE
    return lambda device_time: "clock.future" if device_time > latest else None


def checked_payloads(envelopes: list[Envelope]) -> list[tuple[Envelope, dict | ProtocolError]]:
    """Each envelope with its payload parsed and checked against the protocol (or why not):
    pure, so it needs no transaction. Only a valid payload reaches the preload's queries or
    a handler."""
    return [(env, _checked_payload(env)) for env in envelopes]


def _checked_payload(env: Envelope) -> dict | ProtocolError:
    """The payload as its type's schema (services.protocol) accepts it, or why not."""
    try:
        body = parse_payload_text(env.payload)
        return validate_payload(env.op_type, env.op_version, body)
    except ProtocolError as error:
        return error


def _apply_checked(batch: Batch, env: Envelope, body: dict | ProtocolError) -> Outcome:
    try:
        if env.device_id != batch.device_id:
            raise Reject(codes.OP_WRONG_DEVICE)
        if env.store_id not in batch.store_ids:
            raise Reject(codes.OP_WRONG_STORE)
        if hashlib.sha256(env.payload.encode("utf-8")).hexdigest() != env.payload_hash:
            raise Reject(codes.OP_HASH_MISMATCH)
        if isinstance(body, ProtocolError):  # unknown type, unsupported version, bad payload
            raise Reject(body.code, field=body.field)
        handler = HANDLERS.get(env.op_type)
        if handler is None:
            if env.op_type in RECORD_ONLY:
                return Outcome()
            raise Reject(codes.OP_UNKNOWN_TYPE, type=env.op_type)
        return handler(batch, env, body)
    except Reject as reject:
        return Outcome("rejected", reject.code)
    except (KeyError, TypeError, ValueError):
        return Outcome("rejected", "op.bad_payload")


HANDLERS: dict[str, Callable[[Batch, Envelope, dict], Outcome]] = {
    "member.register": member_register,
    "member.update": member_update,
    "member.deactivate": member_deactivate,
    "member.card_reissue": member_card_reissue,
    "member.tier_change": member_tier_change,
    "points.earn": points_earn,
    "points.redeem": points_redeem,
    "points.refund": points_refund,
    "points.adjust": points_adjust,
    "points.visit_bonus": points_visit_bonus,
    "points.streak_bonus": points_streak_bonus,
    "points.event_bonus": points_event_bonus,
    "points.expire": points_expire,
    "points.event_bonus_reversal": points_event_bonus_reversal,
    "coupon.issue": coupon_issue,
    "coupon.redeem": coupon_redeem,
    "coupon.void_redemption": coupon_void_redemption,
    "coupon.revoke": coupon_revoke,
    "gift.define": reference_from_counter("gift", "gift_id"),
    "gift.update": reference_from_counter("gift", "gift_id"),
    "coupon_template.define": reference_from_counter("coupon_template", "template_id"),
    "event.create": reference_from_counter("event", "event_id"),
    "event.update": reference_from_counter("event", "event_id"),
    "gift.redeem": gift_redeem,
    "stock.receive": stock_move,
    "stock.adjust": stock_move,
    "stock.count": stock_move,
    "stock.transfer_out": stock_move,
    "stock.transfer_in": stock_move,
    "conflict.resolve": conflict_resolve,
    **dict.fromkeys(SIGN_IN_TYPES, event_sign_in),
    "event.register": event_register,
    "pos.reconciliation": pos_reconciliation_report,
}
# The versions each type may be sent in: services.protocol's registry decides.
SUPPORTED_VERSIONS: dict[str, set[int]] = {
    op_type: {v for t, v in OPERATIONS if t == op_type} for op_type in OPERATION_TYPES
}
