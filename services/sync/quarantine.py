"""A pulled page applied so that no change in it can stop the others (or the pull).

What the centre publishes, every counter should be able to apply; when one cannot (a body
the protocol refuses, a constraint, an unknown kind, a bug), that change is quarantined:
kept as received with why, logged, shown on the Sync page, and the cursor moves on.

- Screening: each change is checked against the protocol's schema of its kind
  (`services.protocol.validate_change`), then a change that decides trust (every kind but
  member) must carry the centre's signature, checked with the key pinned at enrollment
  (`sync.bad_signature` otherwise: a forged trusted key, rule set or event from a man in
  the middle is never applied); a refused one never reaches the database.
- Fast path: the rest of the page is applied in bulk inside one SAVEPOINT (a first pull is a
  million members; one statement per thousands of rows).
- Slow path, only when the bulk apply fails: the savepoint is rolled back and the page is
  applied again change by change, each in its own SAVEPOINT; the ones that fail are
  quarantined.
Database trouble (disk full, locked) is not the change's fault: it fails the page as before.
"""

import json
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import exc as sa_exc
from sqlalchemy import func, insert, select, update

from models.sync import SyncQuarantine, SyncState
from services.core.errors import LoyaltyError, StorageError
from services.core.uow import UnitOfWork
from services.protocol import ProtocolError, validate_change
from services.protocol.changes import CHANGES
from services.rules.change_signature import must_be_signed, signature_valid
from services.sync.apply import KINDS, apply_changes, in_apply_order

log = logging.getLogger(__name__)

BODY_MAX = 64 * 1024  # characters of a body kept; a bigger one is cut (and says so)
DETAIL_MAX = 500
# What a change can raise when it cannot be applied. Not sqlite's OperationalError (disk
# full, database locked): that is the database's trouble, and fails the page.
APPLY_ERRORS = (
    sa_exc.IntegrityError,
    sa_exc.DataError,
    sa_exc.ProgrammingError,
    sa_exc.InterfaceError,
    sa_exc.StatementError,
    sqlite3.IntegrityError,
    sqlite3.DataError,
    sqlite3.ProgrammingError,
    sqlite3.InterfaceError,
    LoyaltyError,
    KeyError,
    TypeError,
    ValueError,
    AttributeError,
    IndexError,
    OverflowError,
    RecursionError,
)


@dataclass(frozen=True)
class Refusal:
    """A change this counter did not apply, and why (`code` is stable; `detail` is for
    whoever investigates: the field, or the database's own words)."""

    change: Any
    code: str
    detail: str


@dataclass(frozen=True)
class QuarantinedChange:
    id: int
    seq: int | None
    kind: str
    key: str
    body: str
    code: str
    detail: str
    received_at: datetime
    dismissed_at: datetime | None


def apply_page(uow: UnitOfWork, changes: list[Any], now: datetime) -> list[Refusal]:
    """Applies what can be applied of a page in the caller's transaction; quarantines the
    rest there too (so they and the cursor commit together). Returns the refusals."""
    good, refused = screen(changes, pinned_verifier(uow))
    try:
        with uow.session.begin_nested():
            apply_changes(uow, good, now)
    except APPLY_ERRORS as exc:
        _reraise_storage(exc)
        log.warning("a page failed as a whole (%s); applying it change by change", _why(exc))
        refused += _apply_one_by_one(uow, good, now)
    if refused:
        quarantine(uow, refused, now)
    return refused


Verifier = Callable[[dict], bool]


def pinned_verifier(uow: UnitOfWork) -> Verifier:
    """Whether a change carries the centre's signature, by the key and chain this counter
    pinned at enrollment; with none pinned, no change that must be signed is taken."""
    state = uow.session.get(SyncState, 1)
    if state is None or not state.centre_key or not state.chain_id:
        return lambda _change: False
    try:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(state.centre_key))
    except ValueError:
        return lambda _change: False
    chain_id = state.chain_id
    return lambda change: signature_valid(key, chain_id, change)


def screen(
    changes: list[Any], verified: Verifier | None = None
) -> tuple[list[dict], list[Refusal]]:
    """The changes worth trying, and those refused before any is applied. `verified`: the
    signature check (None: none, for a caller that checked already)."""
    good: list[dict] = []
    refused: list[Refusal] = []
    for change in changes:
        if _plain_member(change):
            good.append(change)
            continue
        problem = change_problem(change, verified)
        if problem is None:
            good.append(change)
        else:
            refused.append(Refusal(change, *problem))
    return good, refused


_MEMBER_BODY = CHANGES["member"].__pydantic_validator__.validate_python


def _plain_member(change: Any) -> bool:
    """A member change its schema takes, checked with the schema's validator directly: a
    first pull is a million of them, and the general path's calls around that one cost as
    much as the check. Anything else, or a body refused, goes the general way, which says
    why (members are not signed, so nothing is skipped)."""
    if type(change) is not dict or change.get("kind") != "member":
        return False
    body, key = change.get("body"), change.get("key")
    if type(body) is not dict or type(key) is not str:
        return False
    try:
        _MEMBER_BODY(body)
    except (ValueError, RecursionError):  # pydantic's ValidationError is a ValueError
        return False
    return True


def change_problem(change: Any, verified: Verifier | None = None) -> tuple[str, str] | None:
    """(code, detail) when the change is not one this counter can take, else None."""
    if not isinstance(change, dict):
        return "change.malformed", "not an object"
    kind, key = change.get("kind"), change.get("key")
    if not isinstance(kind, str) or not isinstance(key, str | int) or isinstance(key, bool):
        return "change.malformed", "kind or key missing"
    if kind not in KINDS:
        return "change.unknown_kind", kind[:64]
    if not isinstance(change.get("body"), dict):
        return "change.bad_body", "not an object"
    try:  # strict: no float anywhere (NaN included), no unknown field, every bound
        validate_change(kind, change["body"])
    except ProtocolError as exc:
        where = f"{exc.field}: " if exc.field else ""
        return exc.code, f"{where}{exc.detail}"[:DETAIL_MAX]
    # Well formed is not enough for what decides trust: the pinned centre must have said it.
    if verified is not None and must_be_signed(kind) and not verified(change):
        why = "no signature" if not change.get("sig") else "not the pinned centre key's"
        return "sync.bad_signature", why
    return None


def _apply_one_by_one(uow: UnitOfWork, changes: list[dict], now: datetime) -> list[Refusal]:
    refused = []
    for change in in_apply_order(changes):
        try:
            with uow.session.begin_nested():
                apply_changes(uow, [change], now)
        except APPLY_ERRORS as exc:
            _reraise_storage(exc)
            refused.append(Refusal(change, "change.not_applied", _why(exc)))
    return refused


def _reraise_storage(exc: BaseException) -> None:
    if isinstance(exc, StorageError | sa_exc.OperationalError | sqlite3.OperationalError):
        raise exc


def _why(exc: BaseException) -> str:
    inner = getattr(exc, "orig", None) or exc
    text = str(inner).splitlines()[0] if str(inner) else ""
    return f"{type(inner).__name__}: {text}"[:DETAIL_MAX]


# the quarantine -----------------------------------------------------------------------------


def quarantine(uow: UnitOfWork, refused: list[Refusal], now: datetime) -> None:
    rows = [_row(r, now) for r in refused]
    for row in rows:
        log.warning(
            "change %s %s %s quarantined: %s (%s)",
            row["seq"],
            row["kind"],
            row["key"],
            row["code"],
            row["detail"],
        )
    uow.session.execute(insert(SyncQuarantine), rows)


def _row(refusal: Refusal, now: datetime) -> dict:
    change = refusal.change if isinstance(refusal.change, dict) else {"body": refusal.change}
    seq = change.get("seq")
    return {
        "seq": seq if isinstance(seq, int) and not isinstance(seq, bool) else None,
        "kind": str(change.get("kind") or "")[:64],
        "key": str(change.get("key") or "")[:200],
        "body": body_text(change.get("body")),
        "code": refusal.code[:64],
        "detail": refusal.detail[:DETAIL_MAX],
        "received_at": now,
    }


def body_text(body: Any) -> str:
    """The body as JSON text, NaN and all (it is kept to show what arrived)."""
    try:
        text = json.dumps(body, ensure_ascii=False, sort_keys=True, default=repr)
    except (ValueError, RecursionError):
        text = repr(body)
    return text if len(text) <= BODY_MAX else text[:BODY_MAX] + " …(cut)"


def list_quarantined(reader, limit: int = 500) -> list[QuarantinedChange]:
    """The newest quarantined changes first, dismissed ones included (they say so)."""
    with reader() as uow:
        rows = uow.session.scalars(
            select(SyncQuarantine).order_by(SyncQuarantine.id.desc()).limit(limit)
        )
        return [
            QuarantinedChange(
                q.id,
                q.seq,
                q.kind,
                q.key,
                q.body,
                q.code,
                q.detail,
                q.received_at,
                q.dismissed_at,
            )
            for q in rows
        ]


def count_open_quarantined(uow: UnitOfWork) -> int:
    return (
        uow.session.scalar(
            select(func.count())
            .select_from(SyncQuarantine)
            .where(SyncQuarantine.dismissed_at.is_(None))
        )
        or 0
    )


def mark_quarantine_seen(uow: UnitOfWork, now: datetime) -> int:
    """Every open quarantined change marked seen; returns how many."""
    result = uow.session.execute(
        update(SyncQuarantine).where(SyncQuarantine.dismissed_at.is_(None)).values(dismissed_at=now)
    )
    return result.rowcount or 0
