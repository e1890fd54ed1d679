"""The till's tables at the centre, on the centre's metadata (migration 0009_pos): each
store's reconciliation of a day as its counter reported it, and the receipt patterns head
office set for a store. Read and written with Core statements."""

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    Index,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

from central.models import metadata
from common.columns import UTCDateTime

# One row per store and day: the newest report (by when its manager finished it) wins.
# `error_bp` is the centre's own figure; `claimed_bp` the counter's, kept to show.
pos_reconciliation = Table(
    "pos_reconciliation",
    metadata,
    Column("store_id", String(36), nullable=False),
    Column("day", Date(), nullable=False),
    Column("chain_id", String(36), nullable=False),
    Column("report_id", String(36), nullable=False),
    Column("op_id", String(36), nullable=False),
    Column("device_id", String(36), nullable=False),
    Column("made_at", UTCDateTime(), nullable=False),
    Column("received_at", UTCDateTime(), nullable=False),
    Column("sales", BigInteger(), nullable=False),
    Column("earns", BigInteger(), nullable=False),
    Column("matched", BigInteger(), nullable=False),
    Column("mismatches", BigInteger(), nullable=False),
    Column("explained", BigInteger(), nullable=False),
    Column("error_bp", BigInteger(), nullable=False),
    Column("claimed_bp", BigInteger(), nullable=False),
    Column("counts", Text(), nullable=False),  # JSON: kind -> lines
    Column("lines", Text(), nullable=False),  # JSON: the lines as reported
    PrimaryKeyConstraint("store_id", "day", name="pk_pos_reconciliation"),
    Index("ix_pos_reconciliation_chain_id", "chain_id", "day"),
)

# A store's receipt patterns as head office set them; `version` counts up per store and
# travels in the `receipt_patterns` change.
store_receipt_patterns = Table(
    "store_receipt_patterns",
    metadata,
    Column("store_id", String(36), nullable=False),
    Column("chain_id", String(36), nullable=False),
    Column("version", BigInteger(), nullable=False),
    Column("patterns", Text(), nullable=False),  # JSON, as published
    Column("updated_at", UTCDateTime(), nullable=False),
    Column("updated_by", String(120), nullable=False),
    PrimaryKeyConstraint("store_id", name="pk_store_receipt_patterns"),
)
