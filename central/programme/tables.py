"""The programme's tables, on the centre's metadata so the models and the migrations
(0007_programme, 0008_gift_pictures) describe one schema: the KPI aggregates that triggers
keep in step with every push, a member's tier changes, and gifts' pictures. Read and written
with Core statements; nothing maps them to classes."""

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    PrimaryKeyConstraint,
    String,
    Table,
)

from central.models import metadata

kpi_store_day = Table(
    "kpi_store_day",
    metadata,
    Column("store_id", String(36), nullable=False),
    Column("day", Date(), nullable=False),
    Column("purchases", BigInteger(), nullable=False),
    Column("paid_fen", BigInteger(), nullable=False),
    Column("points_in", BigInteger(), nullable=False),
    Column("points_out", BigInteger(), nullable=False),
    PrimaryKeyConstraint("store_id", "day", name="pk_kpi_store_day"),
    Index("ix_kpi_store_day_day", "day"),
)

kpi_member_months = Table(
    "kpi_member_months",
    metadata,
    Column("store_id", String(36), nullable=False),  # a chain's id: the whole chain
    Column("era", Integer(), nullable=False),
    Column("member_id", String(36), nullable=False),
    Column("months", BigInteger(), nullable=False),
    Column("months2", BigInteger(), nullable=False),
    PrimaryKeyConstraint("store_id", "era", "member_id", name="pk_kpi_member_months"),
)

kpi_nps_week = Table(
    "kpi_nps_week",
    metadata,
    Column("store_id", String(36), nullable=False),
    Column("week", Date(), nullable=False),  # its Monday
    Column("responses", BigInteger(), nullable=False),
    Column("promoters", BigInteger(), nullable=False),
    Column("detractors", BigInteger(), nullable=False),
    PrimaryKeyConstraint("store_id", "week", name="pk_kpi_nps_week"),
)

kpi_coupon_day = Table(
    "kpi_coupon_day",
    metadata,
    Column("campaign", String(64), nullable=False),
    Column("store_id", String(36), nullable=False),
    Column("day", Date(), nullable=False),
    Column("issued", BigInteger(), nullable=False),
    Column("redeemed", BigInteger(), nullable=False),
    PrimaryKeyConstraint("campaign", "store_id", "day", name="pk_kpi_coupon_day"),
    Index("ix_kpi_coupon_day_day", "day"),
)

member_tier_change = Table(
    "member_tier_change",
    metadata,
    Column("id", BigInteger().with_variant(Integer(), "sqlite"), nullable=False),
    Column("member_id", String(36), nullable=False),
    Column("chain_id", String(36), nullable=False),
    Column("home_store_id", String(36), nullable=False),
    Column("at", DateTime(), nullable=False),
    Column("old_tier", String(16), nullable=False),
    Column("new_tier", String(16), nullable=False),
    PrimaryKeyConstraint("id", name="pk_member_tier_change"),
    Index("ix_member_tier_change_at", "chain_id", "at"),
    Index("ix_member_tier_change_member", "member_id", "at"),
)

gift_picture = Table(
    "gift_picture",
    metadata,
    Column("chain_id", String(36), nullable=False),
    Column("sku", String(64), nullable=False),
    Column("media_type", String(16), nullable=False),
    Column("data", LargeBinary(), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("width", Integer(), nullable=False),
    Column("height", Integer(), nullable=False),
    Column("uploaded_at", DateTime(), nullable=False),
    PrimaryKeyConstraint("chain_id", "sku", name="pk_gift_picture"),
)
