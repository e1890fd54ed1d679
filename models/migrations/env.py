"""Alembic environment: always runs on a connection handed in by models.migrate."""

from alembic import context

from models.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through models.migrate.upgrade_database")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,
    transactional_ddl=True,  # our explicit BEGIN makes SQLite DDL transactional
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
