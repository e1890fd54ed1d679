"""The unit of work: `with uow: ...; uow.commit()` owns one transaction.

Leaving the block without commit rolls back everything, so an exception anywhere in a
use case leaves neither its effect nor its outbox row behind. Database failures are
turned into StorageError with a code the user can be told about.
"""

import sqlite3
from collections.abc import Callable
from importlib import import_module
from types import TracebackType

from sqlalchemy import Engine
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session, sessionmaker

from services.core.errors import StorageError
from services.protocol import codes

# The repositories hung on a unit of work, loaded on first use: each lives with its family
# (services.core.repository says what they share), and importing them here would pull every
# family into the core.
REPOSITORIES = {
    "ledger": "services.points.ledger:Ledger",
    "outbox": "services.core.journal:Outbox",
    "door": "services.events.door_store:DoorStore",
    "sales": "services.points.sale_store:SaleStore",
}
_classes: dict[str, type] = {}


def repository_class(name: str) -> type:
    cls = _classes.get(name)
    if cls is None:
        module, _, attr = REPOSITORIES[name].partition(":")
        cls = _classes[name] = getattr(import_module(module), attr)
    return cls


class UnitOfWork:
    session: Session | None = None
    _driver: sqlite3.Connection | None = None

    def __init__(self, session_factory: Callable[[], Session]) -> None:
        self._session_factory = session_factory

    def __enter__(self) -> "UnitOfWork":
        if getattr(self, "session", None) is not None:
            raise RuntimeError("a unit of work is entered once; make a new one")
        self.session = self._session_factory()
        self._repositories = {}
        self._driver = None
        return self

    def driver_connection(self) -> sqlite3.Connection:
        """The sqlite3 connection under the session's transaction (begun IMMEDIATE for a
        writer), asked of the session once per transaction: the repositories' statements
        and the ORM's share it."""
        conn = self._driver
        if conn is None:
            conn = self._driver = self.session.connection().connection.driver_connection
        return conn

    def _repository(self, name: str):
        repo = self._repositories.get(name)
        if repo is None:
            repo = self._repositories[name] = repository_class(name)(self)
        return repo

    @property
    def ledger(self):
        """Points: entries, lots and the balance (services.points.ledger.Ledger)."""
        return self._repository("ledger")

    @property
    def outbox(self):
        """The operation journal's rows (services.core.journal.Outbox)."""
        return self._repository("outbox")

    @property
    def door(self):
        """Sign-ins at an event's door (services.events.door_store.DoorStore)."""
        return self._repository("door")

    @property
    def sales(self):
        """Purchases (services.points.sale_store.SaleStore)."""
        return self._repository("sales")

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._driver = None
        try:
            self.session.rollback()
        finally:
            self.session.close()
            self.session = None
        if isinstance(exc, sa_exc.OperationalError | sqlite3.OperationalError):
            raise storage_error(exc) from exc

    def commit(self) -> None:
        self._driver = None  # the next transaction may take another connection
        try:
            self.session.commit()
        except (sa_exc.OperationalError, sqlite3.OperationalError) as exc:
            raise storage_error(exc) from exc

    def flush(self) -> None:
        self.session.flush()


def storage_error(exc: BaseException) -> StorageError:
    text = str(exc).lower()
    if "disk is full" in text:
        return StorageError(codes.STORAGE_DISK_FULL)
    if "disk i/o error" in text:
        return StorageError(codes.STORAGE_IO_ERROR)
    if "readonly" in text or "read-only" in text:
        return StorageError(codes.STORAGE_READ_ONLY)
    if "locked" in text or "busy" in text:
        return StorageError(codes.STORAGE_BUSY)
    if "malformed" in text or "not a database" in text:
        return StorageError(codes.STORAGE_CORRUPT)
    return StorageError(codes.STORAGE_FAILED, detail=str(exc).splitlines()[0][:200])


def session_factory(engine: Engine) -> Callable[[], Session]:
    return sessionmaker(bind=engine, expire_on_commit=False, autoflush=True)
