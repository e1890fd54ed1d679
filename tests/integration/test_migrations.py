import sqlite3
from datetime import UTC, datetime

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from models import migrate
from models.db import create_counter_engine, database_path
from models.migrate import backup_database, current_revision, head_revision, upgrade_database
from models.schema import metadata
from services.core.bootstrap import open_counter
from services.core.errors import StorageError

TRIGGERS = {
    "audit_log_no_update",
    "audit_log_no_delete",
    "outbox_no_delete",
    "outbox_operation_immutable",
    "points_entry_no_update",
    "points_entry_no_delete",
    "lot_spend_no_update",
    "lot_spend_no_delete",
    "purchase_no_delete",
    "coupon_move_no_update",
    "coupon_move_no_delete",
    "coupon_no_delete",
    "nps_response_no_update",
    "nps_response_no_delete",
    "csat_response_no_update",
    "csat_response_no_delete",
    "stock_move_no_update",
    "stock_move_no_delete",
    "gift_redemption_no_update",
    "gift_redemption_no_delete",
    "event_signin_no_delete",
    "event_signin_immutable",
    "event_signin_undo_once",
    "event_draw_no_update",
    "event_draw_no_delete",
}


def test_empty_folder_migrated_to_head(tmp_path, clock):
    data_dir = tmp_path / "fresh" / "data"
    runtime = open_counter(data_dir, clock)
    try:
        assert runtime.backup is None
        db_path = database_path(data_dir)
        assert db_path.is_file()
        engine = create_counter_engine(db_path)
        try:
            assert current_revision(engine) == head_revision()
        finally:
            engine.dispose()
        with sqlite3.connect(db_path) as conn:
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            triggers = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")
            }
        conn.close()
        assert tables == set(metadata.tables) | {"alembic_version"}
        assert triggers == TRIGGERS
        assert not (data_dir / migrate.BACKUP_DIRNAME).exists()
    finally:
        runtime.close()


def test_reopening_is_a_no_op(tmp_path, clock):
    data_dir = tmp_path / "data"
    open_counter(data_dir, clock).close()
    with sqlite3.connect(database_path(data_dir)) as conn:
        conn.execute("CREATE TABLE marker (x)")
        conn.execute("INSERT INTO marker VALUES (42)")
    conn.close()
    again = open_counter(data_dir, clock)
    try:
        assert again.backup is None
        with sqlite3.connect(database_path(data_dir)) as conn:
            assert conn.execute("SELECT x FROM marker").fetchall() == [(42,)]
        conn.close()
        assert not (data_dir / migrate.BACKUP_DIRNAME).exists()
    finally:
        again.close()


def test_models_and_migrations_agree(runtime):
    engine = create_counter_engine(database_path(runtime.data_dir))
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(
                conn, opts={"compare_type": True, "compare_server_default": True}
            )
            assert compare_metadata(context, metadata) == []
    finally:
        engine.dispose()


def test_upgrade_at_head_returns_none_and_makes_no_backup(runtime, clock):
    db_path = database_path(runtime.data_dir)
    engine = create_counter_engine(db_path)
    try:
        assert upgrade_database(engine, db_path, clock.now()) is None
    finally:
        engine.dispose()
    assert not (runtime.data_dir / migrate.BACKUP_DIRNAME).exists()


def test_backup_is_a_readable_copy(counter, db, tmp_path):
    counter.make_cashier()
    now = datetime(2026, 3, 1, 10, 30, 5, tzinfo=UTC)
    target = backup_database(db.path, tmp_path / "backups", "pre-0001", now)
    assert target.parent == tmp_path / "backups"
    assert target.name == "counter-20260301T103005Z-pre-0001.sqlite3"
    with sqlite3.connect(target) as copy:
        for table in ("staff", "audit_log", "store", "counter", "alembic_version"):
            assert copy.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall() == db.rows(
                f"SELECT * FROM {table} ORDER BY 1"
            )
    copy.close()
    assert db.count("staff") == 2


def test_older_database_is_backed_up_then_migrated_with_its_data(tmp_path, clock):
    """A counter still on 0001 with members: backup first, then 0002 fills the new columns."""
    db_path = tmp_path / "counter.sqlite3"
    engine = create_counter_engine(db_path)
    config = migrate.alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
    with sqlite3.connect(db_path) as raw:
        raw.execute(
            "INSERT INTO member (id, member_no, name, mobile, birth_month, birth_day, tier,"
            " points_balance, consent_marketing, active, home_store_id, created_at)"
            " VALUES ('m1', 'T-1-000001', '张三', '13800138000', 5, 6, 'bronze', 0, 0, 1,"
            " 's1', '2026-01-01 00:00:00')"
        )
    raw.close()
    try:
        backup = upgrade_database(engine, db_path, clock.now())
        assert migrate.current_revision(engine) == migrate.head_revision()
    finally:
        engine.dispose()
    assert backup is not None and backup.name.endswith("-pre-0001.sqlite3")
    with sqlite3.connect(backup) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert copy.execute("SELECT count(*) FROM member").fetchone() == (1,)
    copy.close()
    with sqlite3.connect(db_path) as live:
        row = live.execute("SELECT mobile_last4, card_serial FROM member").fetchone()
    live.close()
    assert row == ("8000", 1)


def test_unreadable_database_file_refused_with_code(tmp_path, clock):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    database_path(data_dir).write_bytes(b"this is not a database, just bytes " * 200)
    with pytest.raises(StorageError) as caught:
        open_counter(data_dir, clock)
    assert caught.value.code == "storage.corrupt"  # told as damage, so a restore is offered
