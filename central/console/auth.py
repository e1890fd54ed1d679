"""Console users, sign-in with lockout, and sessions.

A session's cookie holds a random id; the centre keeps only its SHA-256, an absolute expiry
and the last activity (an idle session ends). Failed sign-ins lock the name (and, many of
them, the address) for a while; a locked name is refused even with the right password.
"""

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from central.admin import chain_by_name
from central.console.errors import ConsoleError
from central.console.passwords import (
    WeakPassword,
    check_strength,
    hash_password,
    spend_equal_time,
    verify_password,
)
from central.console.tables import (
    ROLES,
    ConsoleLoginAttempt,
    ConsoleSession,
    ConsoleUser,
)
from central.ids import new_id
from central.models import Store

SESSION_IDLE = timedelta(minutes=30)
SESSION_MAX = timedelta(hours=12)
LOCK_WINDOW = timedelta(minutes=15)
LOCK_NAME_FAILURES = 5
LOCK_ADDRESS_FAILURES = 30
# Ended sessions are kept a day (for a look at who was signed in), attempts long enough to see
# a slow guessing campaign; older rows are deleted at each sign-in so neither table grows.
KEEP_ENDED_SESSIONS = timedelta(days=1)
KEEP_ATTEMPTS = timedelta(days=30)
NAME_PATTERN = re.compile(r"^[A-Za-z0-9_.@-]{2,64}$")


@dataclass(frozen=True)
class SignedIn:
    """A live session and its user, as the request's dependency hands it to a route."""

    user_id: str
    name: str
    role: str
    chain_id: str
    store_id: str | None
    csrf_token: str
    session_hash: str


def create_user(
    session: Session,
    chain_name: str,
    name: str,
    role: str,
    password: str,
    now: datetime,
    store_code: str | None = None,
) -> ConsoleUser:
    """A console user; a store manager names their store by its code."""
    chain = chain_by_name(session, chain_name, now)
    if not NAME_PATTERN.match(name):
        raise ConsoleError("console.bad_user_name")
    if role not in ROLES:
        raise ConsoleError("console.bad_role")
    try:
        check_strength(password)
    except WeakPassword as weak:
        raise ConsoleError(str(weak)) from weak
    store_id = None
    if role == "store_manager":
        store_id = session.scalar(
            select(Store.id).where(Store.chain_id == chain.id, Store.code == (store_code or ""))
        )
        if store_id is None:
            raise ConsoleError("console.unknown_store", store=store_code or "")
    if session.scalar(select(ConsoleUser.id).where(ConsoleUser.name == name)):
        raise ConsoleError("console.user_taken", 409, name=name)
    user = ConsoleUser(
        id=new_id(),
        chain_id=chain.id,
        name=name,
        role=role,
        store_id=store_id,
        password_hash=hash_password(password),
        disabled=False,
        created_at=now,
    )
    session.add(user)
    session.flush()
    return user


def sign_in(
    session: Session, name: str, password: str, address: str, now: datetime
) -> tuple[str, SignedIn]:
    """A new session's cookie value and what it signs in; ConsoleError when refused. The
    attempt is recorded either way (the caller commits)."""
    name = name.strip()[:64]
    address = address[:64]
    if _locked(session, name, address, now):
        _attempt(session, name, address, now, ok=False)
        raise ConsoleError("console.locked", 429, minutes=int(LOCK_WINDOW.total_seconds() // 60))
    user = session.scalar(select(ConsoleUser).where(ConsoleUser.name == name))
    if user is None:
        spend_equal_time(password)
        ok = False
    else:
        ok = verify_password(password, user.password_hash) and not user.disabled
    _attempt(session, name, address, now, ok=ok)
    if not ok or user is None:
        raise ConsoleError("console.bad_credentials", 401)
    forget_old_sessions(session, now)
    token = secrets.token_urlsafe(32)
    row = ConsoleSession(
        id_hash=_hash(token),
        user_id=user.id,
        csrf_token=secrets.token_urlsafe(32),
        created_at=now,
        last_seen_at=now,
        expires_at=now + SESSION_MAX,
        address=address,
        ended_at=None,
    )
    session.add(row)
    session.flush()
    return token, _signed_in(user, row)


def session_for(session: Session, token: str | None, now: datetime) -> SignedIn | None:
    """The live session of a cookie, its activity noted; None when absent, unknown, ended,
    expired, idle too long, or its user is disabled."""
    if not token or len(token) > 128:
        return None
    row = session.get(ConsoleSession, _hash(token))
    if row is None or row.ended_at is not None:
        return None
    if now >= row.expires_at or now - row.last_seen_at > SESSION_IDLE:
        return None
    user = session.get(ConsoleUser, row.user_id)
    if user is None or user.disabled:
        return None
    row.last_seen_at = now
    return _signed_in(user, row)


def sign_out(session: Session, session_hash: str, now: datetime) -> None:
    session.execute(
        update(ConsoleSession).where(ConsoleSession.id_hash == session_hash).values(ended_at=now)
    )


def forget_old_sessions(session: Session, now: datetime) -> None:
    """Deletes sessions that ended, expired or went idle over a day ago, and sign-in attempts
    older than the lockout could ever look at."""
    cutoff = now - KEEP_ENDED_SESSIONS
    session.execute(
        delete(ConsoleSession).where(
            or_(
                ConsoleSession.ended_at < cutoff,
                ConsoleSession.expires_at < cutoff,
                ConsoleSession.last_seen_at < cutoff - SESSION_IDLE,
            )
        )
    )
    session.execute(delete(ConsoleLoginAttempt).where(ConsoleLoginAttempt.at < now - KEEP_ATTEMPTS))


def _signed_in(user: ConsoleUser, row: ConsoleSession) -> SignedIn:
    return SignedIn(
        user.id, user.name, user.role, user.chain_id, user.store_id, row.csrf_token, row.id_hash
    )


def _locked(session: Session, name: str, address: str, now: datetime) -> bool:
    since = now - LOCK_WINDOW
    last_ok = session.scalar(
        select(func.max(ConsoleLoginAttempt.at)).where(
            ConsoleLoginAttempt.name == name, ConsoleLoginAttempt.ok.is_(True)
        )
    )
    name_since = max(since, last_ok) if last_ok is not None else since
    by_name = session.scalar(
        select(func.count()).where(
            ConsoleLoginAttempt.name == name,
            ConsoleLoginAttempt.ok.is_(False),
            ConsoleLoginAttempt.at > name_since,
        )
    )
    if by_name >= LOCK_NAME_FAILURES:
        return True
    by_address = session.scalar(
        select(func.count()).where(
            ConsoleLoginAttempt.address == address,
            ConsoleLoginAttempt.ok.is_(False),
            ConsoleLoginAttempt.at > since,
        )
    )
    return by_address >= LOCK_ADDRESS_FAILURES


def _attempt(session: Session, name: str, address: str, now: datetime, ok: bool) -> None:
    session.execute(insert(ConsoleLoginAttempt).values(name=name, address=address, at=now, ok=ok))


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()
