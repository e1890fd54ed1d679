"""A revoked counter forgets the people it knew, at its next contact with the centre (it may
have been stolen): names, phone numbers, birthdays, notes, comments and guests' details, in
the tables, in the outbox's payloads and in the audit log's details; then its backups, the
cards and coupons printed into `prints/`, its device token and its signing key go, and the
file is rebuilt (VACUUM) so no freed page keeps an old value, and the WAL is emptied.

What it recorded about points, coupons and stock stays: those are the chain's books, not
personal data. Operations still waiting keep every money fact (ids, amounts, points, codes)
and lose only their personal fields, like the delivered ones: a member.register that never
reached the centre arrives, if ever, without a name; a stolen counter's list of customers is
worse. Staff's names and reasons typed by staff stay (the chain's own people and records).
"""

import contextlib
import json
import logging
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from common.canonical import canonical_json, sha256_hex
from models.counter import Counter, Setting
from models.journal import AuditEntry
from models.migrate import BACKUP_DIRNAME
from services.core.actor import Actor
from services.core.journal import GENESIS_HASH, append_audit, audit_hash
from services.core.repository import TextStatements
from services.core.secrets import data_dir_of, forget_secrets
from services.core.uow import UnitOfWork
from services.sync.keys import forget_parsed_keys

log = logging.getLogger(__name__)

PRINTS_DIRNAME = "prints"  # where the GUI leaves printed cards and coupons (ui.card_printing)
WIPED_KEY = "personal_data_wiped_at"
WIPED_NAME = "（已清除）"
# Fields that say who a person is, wherever they appear in a JSON payload or detail.
PERSONAL_KEYS = frozenset(
    {
        "mobile",
        "mobile_last4",
        "guest_name",
        "guest_mobile",
        "note",
        "comment",
        "birth_year",
        "birth_month",
        "birth_day",
    }
)
# "name" is a person's only in what is about a member (an event's or a gift's name is not).
MEMBER_PREFIXES = ("member", "event.register")


def wipe_personal_data(uow: UnitOfWork, now: datetime, keep_secrets: bool = False) -> int | None:
    """Wipes once; returns how many members were wiped, or None when already done. The
    backups and the secrets are deleted on every call: a wipe cut short finishes next time.
    `keep_secrets`: an expired lease's wipe (services.sync.lease) keeps the token and the key,
    so the sales still waiting can reach the centre."""
    wiped = None
    with uow:
        data_dir, engine = data_dir_of(uow), uow.session.get_bind()
        if uow.session.get(Setting, WIPED_KEY) is None:
            wiped = _wipe_rows(uow, now)
            uow.commit()
        _delete_copies(data_dir)
        if not keep_secrets:
            forget_secrets(uow)  # the token last: without it this counter never asks again
            forget_parsed_keys()
    if wiped is not None:
        _rebuild(engine)
    return wiped


# Phone numbers stay unique (and 11 characters) by taking the row's own number.
MEMBER_WIPE = (
    "UPDATE member SET name = ?, mobile = printf('x%010d', rowid),"
    " mobile_last4 = '0000', birth_year = NULL, birth_month = 1, birth_day = 1,"
    " note = NULL, consent_marketing = 0, updated_at = ?"
)


def erase_member(uow: UnitOfWork, member_id: str, now: datetime) -> bool:
    """One member's personal data erased on their request (head office's `member_erased`
    change): the wipe's own blanking, for this member's row and the waiting or delivered
    operations that name them. False when this counter never knew them."""
    counter = uow.session.scalars(select(Counter)).one()
    conn = TextStatements(uow)
    conn.execute("PRAGMA secure_delete = ON")
    erased = conn.execute(MEMBER_WIPE + " WHERE id = ?", (WIPED_NAME, _stamp(now), member_id))
    if not erased.rowcount:
        conn.execute("PRAGMA secure_delete = OFF")
        return False
    with _triggers_lifted(conn, "outbox"):
        operations = _scrub_outbox(conn, member_id)
    conn.execute("PRAGMA secure_delete = OFF")
    system = Actor(None, "system", "system", counter.store_id, counter.id)
    append_audit(
        uow, system, now, "privacy.member_erased", f"member:{member_id}", {"operations": operations}
    )
    uow.flush()
    return True


def _wipe_rows(uow: UnitOfWork, now: datetime) -> int:
    counter = uow.session.scalars(select(Counter)).one()
    conn = TextStatements(uow)
    conn.execute("PRAGMA secure_delete = ON")  # freed bytes are zeroed, not just unlinked
    members = conn.execute(MEMBER_WIPE, (WIPED_NAME, _stamp(now))).rowcount
    conn.execute(
        "UPDATE event_registration SET guest_name = CASE WHEN guest_name IS NULL"
        " THEN NULL ELSE ? END, guest_mobile = NULL",
        (WIPED_NAME,),
    )
    with _triggers_lifted(conn, "nps_response"):
        conn.execute("UPDATE nps_response SET comment = NULL WHERE comment IS NOT NULL")
    _scrub_conflicts(conn)
    with _triggers_lifted(conn, "outbox"):
        operations = _scrub_outbox(conn)
    head = uow.session.scalar(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1))
    with _triggers_lifted(conn, "audit_log"):
        entries = _scrub_audit(uow)
    uow.session.add(Setting(key=WIPED_KEY, value=f'"{now.isoformat()}"', updated_at=now))
    system = Actor(None, "system", "system", counter.store_id, counter.id)
    detail = {"members": members, "operations": operations, "audit_entries": entries}
    if entries:
        detail["audit_head_before"] = head  # the chain was re-hashed from its start
    append_audit(uow, system, now, "privacy.wiped", f"counter:{counter.id}", detail)
    uow.flush()
    conn.execute("PRAGMA secure_delete = OFF")
    return members


def scrub(value: Any, member: bool) -> Any:
    """The value with every personal field blanked (None), at any depth."""
    if isinstance(value, dict):
        return {
            k: None if _personal(k, member) and v is not None else scrub(v, member)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [scrub(v, member) for v in value]
    return value


def _personal(key: str, member: bool) -> bool:
    return key in PERSONAL_KEYS or (member and key == "name")


def _about_member(kind: str) -> bool:
    return kind.startswith(MEMBER_PREFIXES)


def _scrub_outbox(conn: sqlite3.Connection, member_id: str | None = None) -> int:
    """Every operation's personal fields blanked, or only those naming `member_id`."""
    changed = []
    query, params = "SELECT id, op_type, payload FROM outbox", ()
    if member_id is not None:
        query, params = query + " WHERE instr(payload, ?) > 0", (member_id,)
    for op_id, op_type, payload in conn.execute(query, params):
        body = canonical_json(scrub(json.loads(payload), _about_member(op_type)))
        if body != payload:
            changed.append((body, sha256_hex(body), op_id))
    conn.executemany("UPDATE outbox SET payload = ?, payload_hash = ? WHERE id = ?", changed)
    return len(changed)


def _scrub_conflicts(conn: sqlite3.Connection) -> None:
    changed = []
    for conflict_id, kind, detail in conn.execute("SELECT id, kind, detail FROM sync_conflict"):
        body = json.dumps(scrub(json.loads(detail), _about_member(kind)), ensure_ascii=False)
        if body != detail:
            changed.append((body, conflict_id))
    conn.executemany("UPDATE sync_conflict SET detail = ? WHERE id = ?", changed)


def _scrub_audit(uow: UnitOfWork) -> int:
    """Details scrubbed, then the hash chain made again over what is left, so the chain
    check still passes and no hash of an old detail (a phone number is guessable) stays."""
    changed, prev = 0, GENESIS_HASH
    for entry in uow.session.scalars(select(AuditEntry).order_by(AuditEntry.id)):
        member = _about_member(entry.action) or entry.subject.startswith("member")
        detail = canonical_json(scrub(json.loads(entry.detail), member))
        if detail != entry.detail:
            entry.detail, changed = detail, changed + 1
        entry.prev_hash = prev
        entry.hash = prev = audit_hash(entry)
    uow.flush()
    return changed


@contextlib.contextmanager
def _triggers_lifted(conn: sqlite3.Connection, table: str) -> Iterator[None]:
    """An append-only table's triggers, dropped and made again inside the wipe's own
    transaction: no other writer ever sees the table without them."""
    triggers = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (table,)
    ).fetchall()
    for name, _sql in triggers:
        conn.execute(f'DROP TRIGGER "{name}"')
    yield
    for _name, sql in triggers:
        conn.execute(sql)


def _delete_copies(data_dir: Path | None) -> None:
    """Every backup held the people now wiped, and printed cards show their names: they go
    (the centre has the chain's data)."""
    if data_dir is not None:
        for folder in (BACKUP_DIRNAME, PRINTS_DIRNAME):
            shutil.rmtree(data_dir / folder, ignore_errors=True)


def _rebuild(engine) -> None:
    """VACUUM writes the file afresh from the live rows; the checkpoint then moves it out of
    the WAL and truncates the WAL to nothing, so no old page survives in either file."""
    conn = engine.raw_connection()
    try:
        driver = conn.driver_connection
        driver.execute("VACUUM")
        busy = driver.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        if busy:  # a reader held the WAL: it empties when the counter closes
            log.warning("after the wipe the WAL could not be emptied yet")
    except sqlite3.OperationalError as exc:
        # The rows are wiped and their bytes zeroed (secure_delete); only the rebuild waits.
        log.warning("after the wipe the database could not be rebuilt: %s", exc)
    finally:
        conn.close()


def _stamp(now: datetime) -> str:
    return now.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")  # as UTCDateTime stores it
