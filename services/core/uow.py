"""The unit of work: `with uow: ...; uow.commit()` owns one transaction.

Leaving the block without commit rolls back everything, so an exception anywhere in a
use case leaves neither its effect nor its outbox row behind. Database failures are
turned into StorageError with a code the user can be told about.
"""

import sqlite3
from collections.abc import Callable
from importlib import import_module
from types import TracebackType

from sqlalchemy import Connection, Engine
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
    """`engine` given (the counter's units), the ORM session is made only when something
    asks for `uow.session`: until then the repositories' statements run on a pooled sqlite3
    connection of the engine, begun as the engine's units begin (IMMEDIATE for a writer),
    and the commit is that connection's. The door's sign-in and the till's writes use no
    ORM object, and the session's machinery (its transaction, SQLAlchemy's connection, their
    events) cost more than SQLite's own work. A session asked for later joins the
    transaction already begun, on the same connection."""

    _session: Session | None = None
    _driver: sqlite3.Connection | None = None
    _pooled = None  # the pooled connection a transaction began on without a session
    _joined: Connection | None = None  # SQLAlchemy's connection over it, once a session joins
    _inside = False

    def __init__(
        self,
        session_factory: Callable[..., Session],
        engine: Engine | None = None,
        committed: Callable[[], None] | None = None,
    ) -> None:
        self._session_factory = session_factory
        self._engine = engine
        self._committed = committed  # told after each commit (the WAL's checkpoints)
        self._before_commit: list[Callable[[], None]] = []  # asked for before entering, too

    def __enter__(self) -> "UnitOfWork":
        if self._inside:
            raise RuntimeError("a unit of work is entered once; make a new one")
        self._inside = True
        self._repositories = {}
        self._driver = self._pooled = self._joined = None
        self._session = self._session_factory() if self._engine is None else None
        return self

    @property
    def session(self) -> Session | None:
        """The ORM session of this unit, made on first use (None outside the block)."""
        if self._session is None and self._inside:
            self._session = self._open_session()
        return self._session

    @property
    def opened_session(self) -> Session | None:
        """The session if something made it, without making one (the repositories ask)."""
        return self._session

    def _open_session(self) -> Session:
        if self._pooled is None:
            return self._session_factory()
        # Statements began the transaction on this connection: the session takes it over
        # there (models.db begins nothing on a connection already in a transaction).
        self._joined = Connection(self._engine, connection=self._pooled)
        self._pooled = None  # closing SQLAlchemy's connection gives it back to the pool
        return self._session_factory(bind=self._joined)

    def driver_connection(self) -> sqlite3.Connection:
        """The sqlite3 connection under this unit's transaction (begun IMMEDIATE for a
        writer), found once per transaction: the repositories' statements and the ORM's
        share it."""
        conn = self._driver
        if conn is None:
            if self._session is not None or self._engine is None:
                conn = self.session.connection().connection.driver_connection
            else:
                self._pooled = self._engine.raw_connection()
                conn = self._pooled.driver_connection
                conn.execute(begin_statement(self._engine))
            self._driver = conn
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
            if self._session is not None:
                try:
                    self._session.rollback()
                finally:
                    self._session.close()
        finally:
            self._release()
            self._session = None
            self._inside = False
        if isinstance(exc, sa_exc.OperationalError | sqlite3.OperationalError):
            raise storage_error(exc) from exc

    def _release(self) -> None:
        """Gives the pooled connection back, its transaction (if still open) rolled back."""
        joined, pooled = self._joined, self._pooled
        self._joined = self._pooled = None
        if joined is not None:
            joined.close()
        if pooled is not None:
            try:
                pooled.driver_connection.rollback()  # nothing if the commit ended it
            finally:
                pooled.close()

    def before_commit(self, step: Callable[[], None]) -> None:
        """`step` runs inside this unit's transaction just before its next commit, so what it
        writes is made durable with the use case's own rows (one commit, not two)."""
        self._before_commit.append(step)

    def commit(self) -> None:
        steps, self._before_commit = self._before_commit, []
        for step in steps:
            step()
        self._driver = None  # the next transaction may take another connection
        try:
            if self._session is not None:
                self._session.commit()
            elif self._pooled is not None:
                self._pooled.driver_connection.commit()
        except (sa_exc.OperationalError, sqlite3.OperationalError) as exc:
            raise storage_error(exc) from exc
        if self._session is None:
            self._release()
        if self._committed is not None:
            self._committed()

    def flush(self) -> None:
        self.session.flush()


def begin_statement(engine: Engine) -> str:
    """How the engine's transactions begin (models.db): IMMEDIATE, DEFERRED for readers."""
    return f"BEGIN {engine.get_execution_options().get('sqlite_begin', 'IMMEDIATE')}"


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
