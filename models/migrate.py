"""Bring a counter database to the newest schema, backing the file up first."""

import ast
import sqlite3
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

if TYPE_CHECKING:
    from alembic.config import Config

# Alembic takes a fifth of a second to import: it loads only when a migration is due.
MIGRATIONS_DIR = Path(__file__).parent / "migrations"
BACKUP_DIRNAME = "backups"


def alembic_config() -> "Config":
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


# The shipped migrations do not change while the program runs: read them once.
@cache
def head_revision() -> str:
    """The newest shipped revision, from the migration files' `revision` and
    `down_revision` (a test keeps it equal to what Alembic's script directory says)."""
    revisions, parents = set(), set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        names = _revision_names(path.read_text(encoding="utf-8"))
        revisions.add(names["revision"])
        down = names.get("down_revision")
        parents.update(down if isinstance(down, tuple) else (down,))
    heads = sorted(revisions - parents)
    if len(heads) != 1:
        raise RuntimeError(f"migrations must have one head, found {heads}")
    return heads[0]


def _revision_names(source: str) -> dict:
    found = {}
    for node in ast.parse(source).body:
        target = node.target if isinstance(node, ast.AnnAssign) else None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
        if isinstance(target, ast.Name) and target.id in ("revision", "down_revision"):
            found[target.id] = ast.literal_eval(node.value)
    return found


def current_revision(engine: Engine) -> str | None:
    """The database's revision, read as Alembic keeps it (one row in alembic_version)."""
    with engine.connect() as conn:
        known = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).first()
        if known is None:
            return None
        rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    if len(rows) > 1:
        raise RuntimeError(f"the database has several schema heads: {rows}")
    return rows[0][0] if rows else None


def upgrade_database(engine: Engine, db_path: Path, now: datetime) -> Path | None:
    """Migrate to head; returns the backup made first, or None when nothing had to change."""
    current = current_revision(engine)
    if current == head_revision():
        return None
    backup = None
    if current is not None:
        backup = backup_database(db_path, db_path.parent / BACKUP_DIRNAME, f"pre-{current}", now)
    from alembic import command

    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    return backup


def backup_database(db_path: Path, backup_dir: Path, label: str, now: datetime) -> Path:
    """Online copy through SQLite's backup API: consistent even while the counter writes."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = backup_dir / f"{db_path.stem}-{stamp}-{label}.sqlite3"
    source = sqlite3.connect(db_path)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    return target
