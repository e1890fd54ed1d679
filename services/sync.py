"""Sync with the central system: enrollment, pushing the outbox, pulling changes, a cycle.

- Push: pending outbox rows go in device-sequence order, in batches; each answer marks its
  row with the centre's result (rows are never deleted, only their delivery state moves).
  A lost answer means the same rows go again with the same ids and sequence numbers; the
  centre answers `duplicate` and changes nothing.
- Pull: pages of changes after the cursor; each page and its new cursor are committed in
  one transaction (services.sync_apply), so a cut connection never skips or repeats one.
- No transaction is held open while waiting for the network.
"""

import contextlib
import gc
import json
import logging
import random
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy import Row, bindparam, func, select, update

from models.counter import Counter, Store
from models.journal import OutboxOperation
from models.sync import SyncConflict, SyncState
from services.actor import Actor
from services.audit_anchor import audit_head, keep_anchor
from services.authz import require_permission
from services.errors import StateError, ValidationError
from services.journal import append_audit, count_pending_operations, record_operation
from services.keys import own_signing_key
from services.lease import keep_lease, lease_of, wipe_if_unreached
from services.privacy import wipe_personal_data
from services.raw_sql import raw_connection
from services.rules.change_signature import fingerprint
from services.rules.enrollment import enrollment_message
from services.rules.permissions import Permission
from services.rules.text import clean_text, reason_problem
from services.secrets import keep_device_token, read_device_token
from services.sync_client import (
    PLAIN_LINK,
    CentralClient,
    HttpFactory,
    LinkSecurity,
    SyncError,
    normalize_url,
)
from services.sync_quarantine import apply_page
from services.sync_quarantine import mark_quarantine_seen as quarantine_seen
from services.uow import UnitOfWork

log = logging.getLogger(__name__)

PUSH_BATCH = 1000
# A request stays well under the centre's 8 MB cap whatever the payloads (up to 64 KB each).
PUSH_BYTES = 4 * 1024 * 1024
ENVELOPE_BYTES = 400  # ids, hash, times and keys around each payload
PULL_PAGE = 5000
INTERVAL_S = 30  # between cycles while all is well
BACKOFF_BASE_S = 2
BACKOFF_CAP_S = 300
WATCHDOG_S = 15 * 60  # the oldest waiting operation may be this old while online
FINAL_STATES = {"applied", "duplicate", "rejected", "conflict"}
IDLE_ROUNDS = 2  # pushes in a row that move nothing forward: the push stops (sync.stalled)
MAX_RENUMBERINGS = 2  # per push; one is all a restored backup needs

UowFactory = Callable[[], UnitOfWork]


@dataclass(frozen=True)
class Enrollment:
    device_id: str
    store_name: str
    store_code: str
    chain_name: str
    central_url: str


@dataclass(frozen=True)
class PushReport:
    sent: int = 0
    applied: int = 0
    duplicate: int = 0
    rejected: int = 0
    conflict: int = 0


@dataclass(frozen=True)
class CycleReport:
    enrolled: bool
    ok: bool
    error_code: str | None = None
    pushed: PushReport = PushReport()
    pulled: int = 0
    pending: int = 0
    quarantined: int = 0  # changes pulled in this cycle that could not be applied here


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


# enrollment -------------------------------------------------------------------------------


def enroll(
    writer: UowFactory,
    actor: Actor | None,
    now: datetime,
    central_url: str,
    code: str,
    http: HttpFactory | None = None,
    link: LinkSecurity = PLAIN_LINK,
) -> Enrollment:
    """Sends this counter's id, store and public key with the one-time code; keeps the token
    and pins the centre's identity: its signing key from the answer and, over HTTPS, its
    certificate's public key (`link`: plain HTTP asked for, a proxy, a private CA).

    `actor` None is the command line (whoever can open the data folder)."""
    if actor is not None:
        require_permission(actor, Permission.SETTINGS_MANAGE)
    url = normalize_url(central_url, link.insecure)
    code = clean_text(code).replace(" ", "")
    if len(code) < 4:
        raise ValidationError("sync.bad_code_format")
    with writer() as uow:
        if uow.session.get(SyncState, 1) is not None:
            raise StateError("sync.already_enrolled")
        counter, store = uow.session.execute(select(Counter, Store).join(Store)).one()
        _key_id, private = own_signing_key(uow, f"device:{counter.id}", now)
        public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        uow.commit()  # the key is made on first use and must outlive a failed enrollment
        # The centre publishes only a key whose holder proves it holds it, for this request.
        proof = private.sign(enrollment_message(code, counter.id, public, store.code))
        body = {
            "code": code,
            "device_id": counter.id,
            "public_key": public.hex(),
            "label": counter.label,
            "store_id": store.id,
            "store_code": store.code,
            "proof": proof.hex(),
        }
    with CentralClient(url, None, http, replace(link, tls_pin=None)) as client:
        answer = client.enroll(body)
        tls_pin = client.seen_tls_pin
    try:
        token, store_info = answer["token"], answer["store"]
        if answer["device_id"] != body["device_id"]:
            raise SyncError("sync.protocol")
        centre_key, chain_id = _centre_identity(answer)
    except (KeyError, TypeError) as exc:
        raise SyncError("sync.protocol") from exc
    with writer() as uow:
        uow.session.add(
            SyncState(
                singleton=1,
                central_url=url,
                device_token="",  # the token is kept in the secret store
                central_store_id=store_info["id"],
                store_name=store_info["name"],
                chain_name=answer.get("chain_name", ""),
                enrolled_at=now,
                cursor=0,
                online=True,
                failures=0,
                last_success_at=None,
                chain_id=chain_id,
                centre_key=centre_key,
                tls_pin=tls_pin,
                ca_file=link.ca_file,
                insecure=link.insecure,
                system_proxy=link.system_proxy,
            )
        )
        counter = uow.session.scalars(select(Counter)).one()
        keep_device_token(uow, counter.id, token)
        keep_lease(uow, lease_of(answer))
        system = actor or Actor(None, "system", "system", counter.store_id, counter.id)
        detail = {
            "central_url": url,
            "centre_key": fingerprint(bytes.fromhex(centre_key)),
            "tls_pin": tls_pin,
            "insecure": link.insecure,
        }
        append_audit(uow, system, now, "sync.enrolled", f"device:{counter.id}", detail)
        uow.commit()
    return Enrollment(
        body["device_id"], store_info["name"], store_info["code"], answer.get("chain_name", ""), url
    )


def _centre_identity(answer: dict) -> tuple[str, str]:
    """(signing key hex, chain id) from the enrollment answer; a centre that signs nothing
    is not one this counter can trust."""
    key, chain_id = answer["centre_key"], answer["chain_id"]
    if not isinstance(key, str) or not isinstance(chain_id, str) or not chain_id:
        raise SyncError("sync.protocol")
    try:
        raw = bytes.fromhex(key)
    except ValueError as exc:
        raise SyncError("sync.protocol") from exc
    if len(raw) != 32 or len(chain_id) > 36:
        raise SyncError("sync.protocol")
    return raw.hex(), chain_id


def link_of(state: SyncState) -> LinkSecurity:
    return LinkSecurity(
        bool(state.insecure), bool(state.system_proxy), state.ca_file, state.tls_pin
    )


def _pin_centre(writer: UowFactory, client: CentralClient, state: SyncState) -> None:
    """A counter enrolled before centres signed their changes pins the key once, over the
    link it has (as it would have at enrollment); a pinned key is never replaced here."""
    centre_key, chain_id = _centre_identity(client.identity())
    with writer() as uow:
        row = uow.session.get(SyncState, 1)
        if row is None or row.centre_key:
            return
        row.centre_key, row.chain_id = centre_key, chain_id
        row.tls_pin = row.tls_pin or client.seen_tls_pin
        uow.commit()
    log.warning(
        "centre signing key pinned after enrollment: %s", fingerprint(bytes.fromhex(centre_key))
    )


@dataclass(frozen=True)
class LinkStatus:
    """How this counter reaches its centre, for the settings page (insecure shown in red)."""

    enrolled: bool
    https: bool = False
    insecure: bool = False  # plain HTTP to a network address, asked for with --insecure
    tls_pinned: bool = False
    centre_key: str | None = None  # the pinned signing key's fingerprint
    system_proxy: bool = False


def link_status(reader: UowFactory) -> LinkStatus:
    state = load_state(reader)
    if state is None:
        return LinkStatus(False)
    https = state.central_url.startswith("https://")
    insecure = not https and bool(state.insecure)
    key = fingerprint(bytes.fromhex(state.centre_key)) if state.centre_key else None
    return LinkStatus(True, https, insecure, bool(state.tls_pin), key, bool(state.system_proxy))


def set_system_proxy(writer: UowFactory, actor: Actor, now: datetime, on: bool) -> None:
    """Whether the link goes through the system's proxy settings (HTTPS_PROXY, ...): off
    unless a manager turns it on, since whoever sets the environment then sees the traffic's
    destination (never its content: TLS and the pin still hold)."""
    require_permission(actor, Permission.SETTINGS_MANAGE)
    with writer() as uow:
        state = uow.session.get(SyncState, 1)
        if state is None:
            raise StateError("sync.not_enrolled")
        state.system_proxy = on
        append_audit(uow, actor, now, "sync.system_proxy", "sync_state", {"on": on})
        uow.commit()


def load_state(reader: UowFactory) -> SyncState | None:
    with reader() as uow:
        state = uow.session.get(SyncState, 1)
        if state is not None:
            uow.session.expunge(state)
        return state


# push ---------------------------------------------------------------------------------------


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
) -> PushReport:
    """Sends waiting operations until none wait; marks each with the centre's answer.

    The first request carries one operation: its answer says where the centre's sequence
    for this device stands (`next_expected_seq`) before any other is sent. Operations below
    that number go on their own; the centre has them (`duplicate`) or, after this counter
    was restored from a backup, holds others under their numbers (`op.seq_taken`): those
    and every later waiting operation move above the centre's last number, in order, and go
    again. Mixed with later ones, the later ones would have been applied first."""
    totals = dict.fromkeys(("sent", "applied", "duplicate", "rejected", "conflict"), 0)
    resend_from: int | None = None
    expected: int | None = None  # the centre's next number, once it said
    best, idle, renumberings = -1, 0, 0
    send_head = True  # the audit log's head goes with the first request of each push
    while True:
        with reader() as uow:
            ops = _next_batch(uow, resend_from, expected, 1 if expected is None else batch_size)
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
        results = {r["id"]: r for r in answer["results"] if isinstance(r, dict) and "id" in r}
        expected = _expected_seq(answer)
        taken = _taken_after_restore(ops, results, expected)
        if taken is not None:
            results = {i: r for i, r in results.items() if i not in taken}
        marked = _mark(writer, ops, results, now(), answer)
        for r in results.values():
            totals[_state_for(r)] = totals.get(_state_for(r), 0) + 1
        totals["sent"] += len(ops)
        if taken is not None:
            renumberings += 1
            if renumberings > MAX_RENUMBERINGS:
                raise SyncError("sync.stalled", expected=expected)
            _renumber(writer, min(taken.values()), expected, now())
        with reader() as uow:
            lowest, last_seq = _lowest_pending_seq(uow), _last_seq(uow)
        # The centre's number moving up counts only as far as this counter has numbered: a
        # centre that keeps raising it without taking anything is not progress.
        progress = marked > 0 or taken is not None or best < expected <= last_seq + 1
        best = max(best, expected)
        idle = 0 if progress else idle + 1
        if idle >= IDLE_ROUNDS:
            raise SyncError("sync.stalled", expected=expected)
        # The centre lacks operations we thought delivered: send them again from its number.
        resend_from = expected if lowest is not None and expected < lowest else None
    return PushReport(
        totals["sent"],
        totals["applied"],
        totals["duplicate"],
        totals["rejected"],
        totals["conflict"],
    )


def _audit_status(answer: dict) -> str | None:
    audit = answer.get("audit")
    return audit.get("status") if isinstance(audit, dict) else None


def _next_batch(
    uow: UnitOfWork, resend_from: int | None, expected: int | None, limit: int
) -> list[Row]:
    # Plain rows, not ORM objects: a thousand instances a batch cost a third of the counter's
    # share of a push.
    outbox = OutboxOperation.__table__
    query = select(outbox).order_by(outbox.c.seq).limit(limit)
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
        raise SyncError("sync.protocol")
    return value


def _taken_after_restore(ops: list[Row], results: dict, expected: int) -> dict[str, int] | None:
    """{id: seq} of operations the centre has never seen whose numbers it holds for others,
    below its next number: this counter's sequence went back (a backup was restored)."""
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
        conn = raw_connection(uow)
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
    sent as a JSON string, so it is measured escaped, as it travels at worst."""
    total = 0
    for index, op in enumerate(ops):
        total += len(json.dumps(op.payload)) + ENVELOPE_BYTES
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
    marked."""
    rows = [
        {
            "_id": op.id,
            "state": _state_for(results[op.id]),
            "result_code": (results[op.id].get("code") or None),
            "acked_at": now,
            "attempts": op.attempts + 1,
        }
        for op in ops
        if op.id in results and op.state == "pending"
    ]
    with writer() as uow:
        keep_lease(uow, lease_of(answer))
        keep_anchor(uow, answer, now)
        if not rows:
            uow.commit()
            return 0
        marked = uow.session.connection().execute(
            update(OutboxOperation.__table__)
            .where(OutboxOperation.__table__.c.id == bindparam("_id"))
            .where(OutboxOperation.__table__.c.state == "pending")
            .values(
                state=bindparam("state"),
                result_code=bindparam("result_code"),
                acked_at=bindparam("acked_at"),
                attempts=bindparam("attempts"),
            ),
            rows,
        )
        uow.commit()
    return marked.rowcount if marked.rowcount >= 0 else len(rows)


# pull ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PullReport:
    applied: int = 0
    quarantined: int = 0


def pull_changes(
    writer: UowFactory,
    reader: UowFactory,
    client: CentralClient,
    now: Callable[[], datetime],
    page_size: int = PULL_PAGE,
    clock: ClockReading | None = None,
) -> PullReport:
    """Pulls pages until the centre has no more. A change that cannot be applied is
    quarantined (services.sync_quarantine) and the cursor moves past it all the same.

    The next page is asked for while this one is applied (one request ahead, on its own
    thread): the centre's and the network's share of a first pull no longer adds to the
    counter's. Pages are still applied in order, each with its cursor in one commit."""
    applied = quarantined = 0
    with reader() as uow:
        cursor = uow.session.scalar(select(SyncState.cursor))
    with ThreadPoolExecutor(1, thread_name_prefix="pull") as ahead:
        asked = ahead.submit(client.pull, cursor, page_size)
        while asked is not None:
            with _no_cycle_collection():
                page = asked.result()
                if clock is not None:
                    clock.note(page, now())
                next_cursor = max(_page_cursor(page), cursor)
                asked = (
                    ahead.submit(client.pull, next_cursor, page_size) if page.get("more") else None
                )
                with writer() as uow:
                    state = uow.session.get(SyncState, 1)
                    if state is None or state.cursor != cursor:
                        break  # another cycle moved the cursor meanwhile; it has this page
                    refused = apply_page(uow, page["changes"], now())
                    state.cursor = next_cursor
                    keep_lease(uow, lease_of(page))
                    uow.commit()
            applied += len(page["changes"]) - len(refused)
            quarantined += len(refused)
            cursor = next_cursor
    return PullReport(applied, quarantined)


def _page_cursor(page: dict) -> int:
    value = page.get("cursor")
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise SyncError("sync.protocol")
    return value


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """A page is thousands of fresh dicts that are all garbage a moment later, freed by
    reference counting; the cycle collector would walk every live object of the process
    again and again meanwhile (a ninth of a first pull). Paused for one page only."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# one cycle ----------------------------------------------------------------------------------


def run_cycle(
    writer: UowFactory,
    reader: UowFactory,
    now: Callable[[], datetime],
    http: HttpFactory | None = None,
    push_batch: int = PUSH_BATCH,
    pull_page: int = PULL_PAGE,
) -> CycleReport:
    """Push, pull, push again (a pull can bring nothing to send, but resolutions recorded
    meanwhile go at once); records the outcome for the status bar: the error, or
    `sync.quarantined` when changes could not be applied, and the clock's skew."""
    state = load_state(reader)
    if state is None:
        return CycleReport(enrolled=False, ok=False, error_code="sync.not_enrolled")
    pushed, pulled, error = PushReport(), PullReport(), None
    clock = ClockReading()
    try:
        link = link_of(state)
        with CentralClient(state.central_url, read_device_token(reader), http, link) as client:
            if not state.centre_key:
                _pin_centre(writer, client, state)
            pushed = push_pending(writer, reader, client, now, push_batch, clock)
            pulled = pull_changes(writer, reader, client, now, pull_page, clock)
            more = push_pending(writer, reader, client, now, push_batch, clock)
            pushed = _add(pushed, more)
    except SyncError as exc:
        error = exc.code
    if error == "device.revoked":
        wipe_personal_data(writer(), now())  # a revoked counter may be a stolen one
    elif error is not None:
        wipe_if_unreached(reader, writer, now())  # unreached past the horizon: maybe stolen
    _record_outcome(writer, now(), error, pulled.quarantined, clock.skew_s)
    with reader() as uow:
        pending = count_pending_operations(uow)
    return CycleReport(
        True, error is None, error, pushed, pulled.applied, pending, pulled.quarantined
    )


def _add(a: PushReport, b: PushReport) -> PushReport:
    return PushReport(
        *(x + y for x, y in zip(a.__dict__.values(), b.__dict__.values(), strict=True))
    )


def _record_outcome(
    writer: UowFactory, now: datetime, error: str | None, quarantined: int, skew_s: int | None
) -> None:
    with writer() as uow:
        state = uow.session.get(SyncState, 1)
        if state is None:
            return
        state.last_attempt_at = now
        # A cycle that went through but left changes behind is a success with a warning:
        # no backoff, but the reason stays on screen until a clean cycle.
        state.last_error = error or ("sync.quarantined" if quarantined else None)
        # Reached and answered is online, even when the answer was a refusal.
        # A certificate refused is not the centre answering (it may be an impostor).
        state.online = error is None or error not in NOT_REACHED
        if skew_s is not None:
            state.clock_skew_s = skew_s
        if error is None:
            state.last_success_at = now
            state.failures = 0
        else:
            state.failures += 1
        uow.commit()


NOT_REACHED = ("sync.offline", "sync.server_error", "sync.pin_mismatch", "sync.tls_untrusted")


def next_delay_s(failures: int, rng: random.Random | None = None) -> float:
    """Seconds until the next cycle: the regular interval after a success; after failures,
    exponential backoff (2, 4, 8, ... capped at 5 minutes) with jitter, so a hundred
    counters coming back online together do not all knock at once."""
    rng = rng or random.Random()
    if failures <= 0:
        return INTERVAL_S * rng.uniform(0.8, 1.2)
    ceiling = min(BACKOFF_CAP_S, BACKOFF_BASE_S * 2 ** min(failures - 1, 20))
    return ceiling / 2 + rng.uniform(0, ceiling / 2)


# conflicts and rejected operations ----------------------------------------------------------


@dataclass(frozen=True)
class ConflictRow:
    id: str
    kind: str
    subject: str
    stores: list[str]
    detail: dict
    status: str
    opened_at: datetime
    resolved_at: datetime | None
    resolved_by: str | None
    resolution: str | None
    resolving: bool


@dataclass(frozen=True)
class RejectedRow:
    id: str
    seq: int
    op_type: str
    code: str | None
    created_at: datetime
    acked_at: datetime | None


def list_conflicts(reader: UowFactory, include_resolved: bool = True, limit: int = 500):
    import json

    with reader() as uow:
        query = (
            select(SyncConflict)
            .order_by(SyncConflict.status, SyncConflict.opened_at.desc())
            .limit(limit)
        )
        if not include_resolved:
            query = query.where(SyncConflict.status == "open")
        return [
            ConflictRow(
                c.id,
                c.kind,
                c.subject,
                [s.get("name", s.get("id", "")) for s in json.loads(c.stores)],
                json.loads(c.detail),
                c.status,
                c.opened_at,
                c.resolved_at,
                c.resolved_by,
                c.resolution,
                c.resolving,
            )
            for c in uow.session.scalars(query)
        ]


def list_rejected(reader: UowFactory, limit: int = 500) -> list[RejectedRow]:
    with reader() as uow:
        rows = uow.session.scalars(
            select(OutboxOperation)
            .where(OutboxOperation.state == "rejected")
            .order_by(OutboxOperation.seq.desc())
            .limit(limit)
        )
        return [
            RejectedRow(o.id, o.seq, o.op_type, o.result_code, o.created_at, o.acked_at)
            for o in rows
        ]


def resolve_conflict(
    writer: UowFactory, actor: Actor, now: datetime, conflict_id: str, reason: str
) -> None:
    """A manager's decision, with a reason: an operation like any other, so it reaches the
    centre (and every store involved) exactly once, even when recorded offline."""
    require_permission(actor, Permission.SYNC_RESOLVE)
    reason = clean_text(reason)
    if problem := reason_problem(reason):
        raise ValidationError(problem)
    with writer() as uow:
        conflict = uow.session.get(SyncConflict, conflict_id)
        if conflict is None:
            raise StateError("sync.conflict_unknown")
        if conflict.status == "resolved" or conflict.resolving:
            raise StateError("sync.conflict_resolved")
        conflict.resolving = True
        conflict.resolved_by = actor.staff_name
        conflict.resolution = reason
        record_operation(
            uow,
            actor,
            now,
            "conflict.resolve",
            {"conflict_id": conflict_id, "reason": reason, "staff_name": actor.staff_name},
        )
        append_audit(
            uow, actor, now, "sync.conflict_resolved", f"conflict:{conflict_id}", {}, reason=reason
        )
        uow.commit()


def oldest_pending_at(uow: UnitOfWork) -> datetime | None:
    return uow.session.scalar(
        select(OutboxOperation.created_at)
        .where(OutboxOperation.state == "pending")
        .order_by(OutboxOperation.seq)
        .limit(1)
    )


def watchdog_late(oldest: datetime | None, online: bool, now: datetime) -> bool:
    """True when the network is there but the oldest waiting operation is too old."""
    return online and oldest is not None and now - oldest > timedelta(seconds=WATCHDOG_S)


def mark_quarantine_seen(writer: UowFactory, actor: Actor, now: datetime) -> int:
    """A manager has seen the quarantined changes: the status bar stops counting them (the
    Sync page still lists them). Audited; returns how many were open."""
    require_permission(actor, Permission.SYNC_RESOLVE)
    with writer() as uow:
        seen = quarantine_seen(uow, now)
        if seen:
            append_audit(
                uow, actor, now, "sync.quarantine_seen", "sync_quarantine", {"count": seen}
            )
        uow.commit()
    return seen
