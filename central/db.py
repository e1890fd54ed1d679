"""The central database: SQLite file by default, PostgreSQL (psycopg 3) in production."""

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

DEFAULT_URL = "sqlite:///central.sqlite3"
MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def create_central_engine(url: str = DEFAULT_URL, schema: str | None = None) -> Engine:
    """`schema` (PostgreSQL only) puts every table in that schema via the search path."""
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 30},
            pool_size=8,
            hide_parameters=True,  # tracebacks and logs never carry names and mobiles
        )
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
        return engine
    connect_args = {"options": f"-csearch_path={schema}"} if schema else {}
    engine = create_engine(
        url, connect_args=connect_args, pool_size=10, max_overflow=10, hide_parameters=True
    )
    event.listen(engine, "handle_error", _without_row_values)
    return engine


def _without_row_values(context) -> None:
    """PostgreSQL's own error text quotes the row or key that failed ("DETAIL: Failing row
    contains (..., 13800138000, ...)"), which hide_parameters cannot reach: only its first
    line (what failed, on which constraint) is kept in the text. Code that needs the rest
    reads `orig.diag`, which is untouched."""
    orig = context.original_exception
    if not isinstance(orig, context.dialect.loaded_dbapi.Error):
        return  # not the server's text: nothing quoted from a row
    first_line = str(orig).split("\n", 1)[0]
    orig.args = (first_line,)
    wrapped = context.sqlalchemy_exception
    if wrapped is not None:
        wrapped.args = (f"({type(orig).__module__}.{type(orig).__name__}) {first_line}",)


def _sqlite_connect(dbapi_connection, _record) -> None:
    # pysqlite's own transactions off: our BEGIN IMMEDIATE takes the write lock up front, so
    # two pushes wait for each other instead of failing half-way.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for pragma in (
        "PRAGMA journal_mode=WAL",
        "PRAGMA synchronous=FULL",
        "PRAGMA foreign_keys=ON",
        "PRAGMA busy_timeout=30000",
    ):
        cursor.execute(pragma)
    cursor.close()
    _register_calendar(dbapi_connection)


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def migrate(engine: Engine) -> None:
    """Brings the central database to the newest schema."""
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def sessions(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False, autoflush=False)


# A store's calendar for SQLite (PostgreSQL has time zones): the centre's KPI triggers
# (migration 0007) put each row in its store-local day, week and month.


def _local_time(at: str | None, zone: str | None) -> datetime | None:
    if at is None:
        return None
    moment = datetime.fromisoformat(at)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)  # the centre stores naive UTC
    return moment.astimezone(ZoneInfo(zone or "Asia/Shanghai"))


def _kpi_day(at: str | None, zone: str | None) -> str | None:
    local = _local_time(at, zone)
    return None if local is None else local.date().isoformat()


def _kpi_week(at: str | None, zone: str | None) -> str | None:
    local = _local_time(at, zone)
    return None if local is None else (local.date() - timedelta(days=local.weekday())).isoformat()


def _kpi_month(at: str | None, zone: str | None) -> int | None:
    local = _local_time(at, zone)
    return None if local is None else local.year * 12 + local.month - 1


def _register_calendar(dbapi_connection) -> None:
    for name, function in (("kpi_day", _kpi_day), ("kpi_week", _kpi_week)):
        dbapi_connection.create_function(name, 2, function, deterministic=True)
    dbapi_connection.create_function("kpi_month", 2, _kpi_month, deterministic=True)
