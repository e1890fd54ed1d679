"""Backups of the counter's database: a daily one kept for a set number of days, one by hand
whenever wanted, and a restore that will not silently drop operations the centre has not
received.

Backups are online copies through SQLite's backup API (consistent while the counter
writes), named `counter-<UTC stamp>-<label>.sqlite3` in the data folder's `backups/`. The
daily one may be stopped (the app closes): it is a VACUUM INTO one read snapshot, written
under a `.partial` name and renamed when whole, and the next start makes it again.
"""

import os
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from models.db import database_path
from models.migrate import BACKUP_DIRNAME, backup_database
from services.core.actor import Actor, Approval
from services.core.errors import NotFoundError, StateError, StorageError
from services.protocol import codes
from services.protocol import codes as error_codes
from services.rules.permissions import Permission
from services.staff.authz import authorize_on_file, require_permission

DAILY = "daily"
MANUAL = "manual"
PRE_RESTORE = "pre-restore"
PARTIAL = ".partial"  # a copy being made; one left by a killed process is removed
STOP_CHECK_STEPS = 1000  # SQLite VM steps between two looks at the stop flag: ~0.1 ms


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made_at: datetime
    label: str
    size: int
    last_seq: int  # the newest operation it holds


@dataclass(frozen=True)
class RestoreCheck:
    """What a restore would cost: operations recorded since the backup that the centre has
    not acknowledged are lost with it."""

    backup: BackupInfo
    current_seq: int
    unsynced_lost: int


def backup_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIRNAME


def back_up_now(data_dir: Path, now: datetime, label: str = MANUAL) -> BackupInfo:
    try:
        path = backup_database(database_path(data_dir), backup_dir(data_dir), label, now)
        make_private(path)
    except (OSError, sqlite3.Error) as exc:
        raise StorageError(codes.BACKUP_FAILED, detail=str(exc)[:200]) from exc
    return _info(path)


def make_private(path: Path) -> None:
    """A backup is the members' list: its user's alone (0600, its folder 0700), whatever
    umask the process that made it had."""
    if os.name == "posix":
        path.parent.chmod(0o700)
        path.chmod(0o600)


def scrub_secrets_from_backups(data_dir: Path) -> int:
    """Backups made before the secret store hold the device token and the signing key in
    their columns: blanked there too (the bytes zeroed, the file rebuilt). Returns how many
    backups changed."""
    changed = 0
    for path in sorted(backup_dir(data_dir).glob("*.sqlite3")):
        try:
            changed += _scrub_secrets(path)
        except sqlite3.Error:
            continue  # damaged or not ours: left for whoever investigates
    return changed


# Where a backup made before the secret store holds them: (table, column, blanked value).
_SECRET_COLUMNS = (("sync_state", "device_token", "''"), ("trusted_key", "private_key", "NULL"))


def _scrub_secrets(path: Path) -> bool:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        held = [
            (table, column, blank)
            for table, column, blank in _SECRET_COLUMNS
            if table in tables
            and conn.execute(f"SELECT count(*) FROM {table} WHERE {column} != ''").fetchone()[0]
        ]
        if not held:
            return False  # read only: most starts find nothing, and change nothing
        conn.execute("PRAGMA secure_delete = ON")
        for table, column, blank in held:
            conn.execute(f"UPDATE {table} SET {column} = {blank}")
        conn.execute("VACUUM")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return True
    finally:
        conn.close()


def run_daily_backup(
    data_dir: Path,
    now: datetime,
    timezone: str,
    keep_days: int,
    stop: Callable[[], bool] = lambda: False,
) -> BackupInfo | None:
    """The day's backup if there is none yet for this store day; then old dailies go.
    When `stop()` turns true the copy ends at once (StorageError backup.stopped), leaving
    no file: the next start makes it again."""
    made = None
    today = now.astimezone(ZoneInfo(timezone)).date()
    dailies = [b for b in list_backups(data_dir) if b.label == DAILY]
    if not any(b.made_at.astimezone(ZoneInfo(timezone)).date() == today for b in dailies):
        made = _copy_stoppable(data_dir, now, DAILY, stop)
        dailies.append(made)
    cutoff = now - timedelta(days=keep_days)
    for old in dailies:
        if old.made_at < cutoff:
            old.path.unlink(missing_ok=True)
    return made


def _copy_stoppable(
    data_dir: Path, now: datetime, label: str, stop: Callable[[], bool]
) -> BackupInfo:
    """VACUUM INTO from one read snapshot: consistent while the counter writes and, unlike
    the backup API in steps, never restarted by those writes; stopped within milliseconds."""
    db = database_path(data_dir)
    folder = backup_dir(data_dir)
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = folder / f"{db.stem}-{stamp}-{label}.sqlite3"
    partial = target.with_name(target.name + PARTIAL)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for left in folder.glob(f"*{PARTIAL}"):
            left.unlink(missing_ok=True)
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            conn.set_progress_handler(lambda: int(stop()), STOP_CHECK_STEPS)
            conn.execute("VACUUM INTO ?", (str(partial),))
        finally:
            conn.close()
        _fsync(partial)
        os.replace(partial, target)
        make_private(target)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        if stop():
            raise StorageError(error_codes.BACKUP_STOPPED) from exc
        raise StorageError(codes.BACKUP_FAILED, detail=str(exc)[:200]) from exc
    return _info(target)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def list_backups(data_dir: Path) -> list[BackupInfo]:
    """Newest first."""
    folder = backup_dir(data_dir)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*.sqlite3"):
        try:
            found.append(_info(path))
        except (ValueError, sqlite3.Error):
            continue  # not one of ours, or unreadable: not offered for a restore
    return sorted(found, key=lambda b: b.made_at, reverse=True)


def check_restore(data_dir: Path, backup: Path) -> RestoreCheck:
    try:
        info = _info(backup)
        damaged = _integrity(backup, quick=True) != "ok"
    except (ValueError, sqlite3.DatabaseError):
        damaged = True
    if damaged:
        raise StorageError(codes.BACKUP_DAMAGED)
    conn = sqlite3.connect(database_path(data_dir))
    try:
        current = conn.execute("SELECT coalesce(max(seq), 0) FROM outbox").fetchone()[0]
        lost = conn.execute(
            "SELECT count(*) FROM outbox WHERE seq > ? AND state = 'pending'", (info.last_seq,)
        ).fetchone()[0]
    finally:
        conn.close()
    return RestoreCheck(info, current, lost)


def restore(
    data_dir: Path,
    backup: Path,
    actor: Actor,
    now: datetime,
    accept_loss: bool = False,
    approval: Approval | None = None,
) -> Path:
    """Puts a backup in place of the database. The counter must be closed (its engine
    disposed) first and started again after. The database it replaces is kept as a
    pre-restore backup. Refused while it would lose unsynced operations, unless a manager
    accepts the loss. A manager's approval is checked and spent in the database being
    replaced, before anything is copied, so a made-up or used approval restores nothing; the
    audit row of the restore is kept with that database in the pre-restore backup."""
    require_permission(actor, Permission.SETTINGS_MANAGE, approval)
    if not backup.is_file():
        raise NotFoundError(codes.BACKUP_NOT_FOUND)
    plan = check_restore(data_dir, backup)
    if plan.unsynced_lost and not accept_loss:
        raise StateError(codes.BACKUP_WOULD_LOSE_OPERATIONS, count=plan.unsynced_lost)
    db = database_path(data_dir)
    detail = {"backup": backup.name, "unsynced_lost": plan.unsynced_lost}
    audit = ("backup.restored", f"backup:{backup.name}", detail)
    authorize_on_file(db, actor, now, Permission.SETTINGS_MANAGE, approval, audit)
    kept = backup_database(db, backup_dir(data_dir), PRE_RESTORE, now)
    staging = db.with_suffix(".restoring")
    shutil.copyfile(backup, staging)
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    os.replace(staging, db)  # atomic: the old file or the new one, never half of each
    return kept


def restore_damaged(data_dir: Path, backup: Path, now: datetime) -> Path:
    """At start-up, when the database itself is damaged: nobody can sign in and nothing in
    it can be read, so the newest good backup goes in place without a manager's PIN. The
    damaged file is kept beside the backups for whoever investigates."""
    if database_problem(data_dir) is None:
        raise StateError(codes.BACKUP_DATABASE_NOT_DAMAGED)
    if not backup.is_file():
        raise NotFoundError(codes.BACKUP_NOT_FOUND)
    try:
        if _integrity(backup, quick=True) != "ok":
            raise StorageError(codes.BACKUP_DAMAGED)
    except sqlite3.DatabaseError as exc:
        raise StorageError(codes.BACKUP_DAMAGED) from exc
    db = database_path(data_dir)
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    damaged = backup_dir(data_dir) / f"damaged-{stamp}.sqlite3"
    os.replace(db, damaged)
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    staging = db.with_suffix(".restoring")
    shutil.copyfile(backup, staging)
    os.replace(staging, db)
    return damaged


def database_problem(data_dir: Path) -> str | None:
    """None when the database opens and passes SQLite's quick check; else a short reason."""
    db = database_path(data_dir)
    if not db.exists():
        return None
    try:
        verdict = _integrity(db, quick=True)
    except sqlite3.DatabaseError as exc:
        return str(exc)[:200]
    return None if verdict == "ok" else verdict[:200]


def _integrity(path: Path, quick: bool = False) -> str:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        pragma = "quick_check" if quick else "integrity_check"
        return conn.execute(f"PRAGMA {pragma}").fetchone()[0]
    finally:
        conn.close()


def _info(path: Path) -> BackupInfo:
    stem = path.stem  # counter-20261124T103000Z-daily
    _name, stamp, label = stem.split("-", 2)
    made = datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        last = conn.execute("SELECT coalesce(max(seq), 0) FROM outbox").fetchone()[0]
    finally:
        conn.close()
    return BackupInfo(path, made, label, path.stat().st_size, last)
