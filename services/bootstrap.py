"""Opening a counter: where its data lives, its database migrated, its services wired."""

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import platformdirs

from models.db import create_counter_engine, database_path, read_only
from models.migrate import upgrade_database
from services.clock import Clock
from services.errors import StorageError
from services.uow import UnitOfWork, session_factory

APP_NAME = "LoyaltyCounter"
DATA_DIR_ENV = "LOYALTY_DATA_DIR"


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


def resolve_data_dir(cli_value: str | None, environ: Mapping[str, str] = os.environ) -> Path:
    chosen = cli_value or environ.get(DATA_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def open_counter(data_dir: Path, clock: Clock) -> Runtime:
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError("storage.no_folder", path=str(data_dir)) from exc
    if not os.access(data_dir, os.W_OK):
        raise StorageError("storage.read_only", path=str(data_dir))
    db_path = database_path(data_dir)
    engine = create_counter_engine(db_path)
    try:
        backup = upgrade_database(engine, db_path, clock.now())
    except Exception as exc:
        engine.dispose()
        if _is_corruption(exc):
            raise StorageError("storage.corrupt", path=str(db_path)) from exc
        raise StorageError("storage.cannot_open", detail=str(exc).splitlines()[0][:200]) from exc
    writer_factory = session_factory(engine)
    reader_factory = session_factory(read_only(engine))
    return Runtime(
        data_dir=data_dir,
        writer=lambda: UnitOfWork(writer_factory),
        reader=lambda: UnitOfWork(reader_factory),
        clock=clock,
        backup=backup,
        close=engine.dispose,
    )


def _is_corruption(exc: BaseException) -> bool:
    """SQLite's words for a damaged file, wherever in the chain of causes they are."""
    while exc is not None:
        text = str(exc)
        if "file is not a database" in text or "disk image is malformed" in text:
            return True
        exc = exc.__cause__ or exc.__context__
    return False
