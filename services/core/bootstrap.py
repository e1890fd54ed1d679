"""Opening a counter: where its data lives, its database migrated, its services wired."""

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from models.db import DB_FILENAME, create_counter_engine, database_path, read_only
from models.migrate import BACKUP_DIRNAME, upgrade_database
from models.wal import WalKeeper
from services.core.backups import scrub_secrets_from_backups
from services.core.clock import Clock
from services.core.data_dir import APP_NAME as APP_NAME
from services.core.data_dir import DATA_DIR_ENV as DATA_DIR_ENV
from services.core.data_dir import resolve_data_dir as resolve_data_dir
from services.core.errors import StorageError
from services.core.secrets import SECRETS_FILENAME, move_secrets_out, secrets_in_columns
from services.core.uow import UnitOfWork, session_factory
from services.protocol import codes

PRINTS_DIRNAME = "prints"  # printed cards and coupons (ui.card_printing)


@dataclass(frozen=True)
class Runtime:
    """What the GUI and the command line are handed: units of work and the clock."""

    data_dir: Path
    writer: Callable[[], UnitOfWork]
    reader: Callable[[], UnitOfWork]
    clock: Clock
    backup: Path | None
    close: Callable[[], None]

    def now(self) -> datetime:
        return self.clock.now()


def open_counter(data_dir: Path, clock: Clock) -> Runtime:
    make_files_private()
    try:
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(codes.STORAGE_NO_FOLDER, path=str(data_dir)) from exc
    restrict_folder(data_dir)
    if not os.access(data_dir, os.W_OK):
        raise StorageError(codes.STORAGE_READ_ONLY, path=str(data_dir))
    db_path = database_path(data_dir)
    engine = create_counter_engine(db_path)
    try:
        backup = upgrade_database(engine, db_path, clock.now())
    except Exception as exc:
        engine.dispose()
        if _is_corruption(exc):
            raise StorageError(codes.STORAGE_CORRUPT, path=str(db_path)) from exc
        raise StorageError(
            codes.STORAGE_CANNOT_OPEN, detail=str(exc).splitlines()[0][:200]
        ) from exc
    restrict_folder(data_dir)  # the migration's backup and the -wal/-shm files too
    writer_factory = session_factory(engine)
    reading = read_only(engine)
    reader_factory = session_factory(reading)
    moving = secrets_in_columns(UnitOfWork(reader_factory))
    if moving and move_secrets_out(UnitOfWork(writer_factory), clock.now()):
        checkpoint(engine)  # the moved values' old pages leave the WAL file as well
    scrub_secrets_from_backups(data_dir)
    keeper = WalKeeper(db_path)  # told of each write unit's commit

    def close() -> None:
        keeper.stop()  # first: the last connection to close checkpoints and removes the WAL
        engine.dispose()

    return Runtime(
        data_dir=data_dir,
        writer=lambda: UnitOfWork(writer_factory, engine, keeper.wrote),
        reader=lambda: UnitOfWork(reader_factory, reading),
        clock=clock,
        backup=backup,
        close=close,
    )


def make_files_private() -> None:
    """From here on, whatever this process creates (database, -wal/-shm, backups, exports,
    logs) is readable and writable by its user only."""
    if os.name == "posix":
        os.umask(0o077)


def restrict_folder(data_dir: Path) -> None:
    """The data folder 0700 and the counter's files in it 0600 (POSIX; on Windows the user's
    profile folders are private already): folders made by an older version were 0755 and
    0644. Only our own files: the folder may be one the operator chose for more than us."""
    if os.name != "posix":
        return
    _chmod(data_dir, 0o700)
    for path in data_dir.glob(f"{DB_FILENAME}*"):
        _chmod(path, 0o600)
    _chmod(data_dir / SECRETS_FILENAME, 0o600)
    for name in (BACKUP_DIRNAME, PRINTS_DIRNAME):
        folder = data_dir / name
        if folder.is_dir() and not folder.is_symlink():
            _chmod(folder, 0o700)
            for path in folder.iterdir():
                _chmod(path, 0o600)


def _chmod(path: Path, mode: int) -> None:
    try:
        if path.exists() and not path.is_symlink() and stat.S_IMODE(path.stat().st_mode) != mode:
            path.chmod(mode)
    except OSError:
        pass  # not ours to change (another user's file): the folder's 0700 still guards it


def checkpoint(engine: Engine) -> None:
    """Copies the WAL into the database and truncates it to nothing."""
    conn = engine.raw_connection()
    try:
        conn.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def _is_corruption(exc: BaseException) -> bool:
    """SQLite's words for a damaged file, wherever in the chain of causes they are."""
    while exc is not None:
        text = str(exc)
        if "file is not a database" in text or "disk image is malformed" in text:
            return True
        exc = exc.__cause__ or exc.__context__
    return False
