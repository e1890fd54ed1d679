"""The chain's numbers, pre-aggregated, and the tier history they need

Per store and store-local day: purchases, money paid, points credited and debited
(`kpi_store_day`). Per member and store, and per member chain-wide (the chain's id in place
of a store's), the months with a purchase and the months with two or more, as bits of a 60-month era
(`kpi_member_months`): active members, repurchase and at-risk counts over any run of
months are one pass over a row per member. NPS answers per store and week
(`kpi_nps_week`), coupons issued and redeemed per campaign, store and day
(`kpi_coupon_day`), and every tier change (`member_tier_change`).

Triggers keep them as rows arrive, in the same transaction (on PostgreSQL once per
statement over its new rows, so a push's COPY adds one upsert per table; the upserts take
row locks, so concurrent pushes add up rather than overwrite). Rows already there are
counted when the migration runs. Days and months are the store's own calendar; SQLite
reads it through functions the centre's engine registers (central.db).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 13:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ERA_MONTHS = 60  # months per bit set (bits 0..59 of a signed 64-bit integer)
ZONE = "coalesce(s.timezone, 'Asia/Shanghai')"


def upgrade() -> None:
    _tables()
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_triggers()
    else:
        _postgresql_triggers()
    _backfill(op.get_bind().dialect.name)


def _tables() -> None:
    op.create_table(
        "kpi_store_day",
        sa.Column("store_id", sa.String(36), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("purchases", sa.BigInteger(), nullable=False),
        sa.Column("paid_fen", sa.BigInteger(), nullable=False),
        sa.Column("points_in", sa.BigInteger(), nullable=False),
        sa.Column("points_out", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("store_id", "day", name="pk_kpi_store_day"),
    )
    op.create_index("ix_kpi_store_day_day", "kpi_store_day", ["day"])
    op.create_table(
        "kpi_member_months",
        sa.Column("store_id", sa.String(36), nullable=False),  # a chain's id: the whole chain
        sa.Column("era", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.String(36), nullable=False),
        sa.Column("months", sa.BigInteger(), nullable=False),
        sa.Column("months2", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("store_id", "era", "member_id", name="pk_kpi_member_months"),
    )
    op.create_table(
        "kpi_nps_week",
        sa.Column("store_id", sa.String(36), nullable=False),
        sa.Column("week", sa.Date(), nullable=False),  # its Monday
        sa.Column("responses", sa.BigInteger(), nullable=False),
        sa.Column("promoters", sa.BigInteger(), nullable=False),
        sa.Column("detractors", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("store_id", "week", name="pk_kpi_nps_week"),
    )
    op.create_table(
        "kpi_coupon_day",
        sa.Column("campaign", sa.String(64), nullable=False),
        sa.Column("store_id", sa.String(36), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("issued", sa.BigInteger(), nullable=False),
        sa.Column("redeemed", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("campaign", "store_id", "day", name="pk_kpi_coupon_day"),
    )
    op.create_index("ix_kpi_coupon_day_day", "kpi_coupon_day", ["day"])
    op.create_table(
        "member_tier_change",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("member_id", sa.String(36), nullable=False),
        sa.Column("chain_id", sa.String(36), nullable=False),
        sa.Column("home_store_id", sa.String(36), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("old_tier", sa.String(16), nullable=False),
        sa.Column("new_tier", sa.String(16), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_member_tier_change"),
    )
    op.create_index("ix_member_tier_change_at", "member_tier_change", ["chain_id", "at"])
    op.create_index("ix_member_tier_change_member", "member_tier_change", ["member_id", "at"])


# the calendar of a store, per dialect: `at` is naive UTC, `s` the row's store -------------


def _local(dialect: str, at: str, part: str) -> str:
    """The store-local day ('day'), Monday of its week ('week') or month number since year 0
    ('month') of a UTC time."""
    if dialect == "sqlite":
        return f"kpi_{part}({at}, {ZONE})"
    local = f"(({at}) AT TIME ZONE 'UTC' AT TIME ZONE {ZONE})"
    return {
        "day": f"CAST({local} AS date)",
        "week": f"CAST(date_trunc('week', {local}) AS date)",
        "month": f"(CAST(extract(year FROM {local}) AS int) * 12"
        f" + CAST(extract(month FROM {local}) AS int) - 1)",
    }[part]


# what a set of new rows `n` adds, one statement per aggregate ------------------------------


def _purchases_by_day(dialect: str, rows: str) -> str:
    return f"""
    INSERT INTO kpi_store_day (store_id, day, purchases, paid_fen, points_in, points_out)
    SELECT n.store_id, {_local(dialect, "n.at", "day")}, count(*), sum(n.paid_fen), 0, 0
    FROM {rows} n LEFT JOIN store s ON s.id = n.store_id
    WHERE n.at IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (store_id, day) DO UPDATE SET purchases = kpi_store_day.purchases + excluded.purchases,
        paid_fen = kpi_store_day.paid_fen + excluded.paid_fen"""


def _points_by_day(dialect: str, rows: str) -> str:
    return f"""
    INSERT INTO kpi_store_day (store_id, day, purchases, paid_fen, points_in, points_out)
    SELECT n.store_id, {_local(dialect, "n.at", "day")}, 0, 0,
        sum(CASE WHEN n.delta > 0 THEN n.delta ELSE 0 END),
        sum(CASE WHEN n.delta < 0 THEN -n.delta ELSE 0 END)
    FROM {rows} n LEFT JOIN store s ON s.id = n.store_id
    WHERE true GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (store_id, day) DO UPDATE SET points_in = kpi_store_day.points_in + excluded.points_in,
        points_out = kpi_store_day.points_out + excluded.points_out"""


def _member_months(dialect: str, rows: str) -> str:
    """Rows are first counted per store, member and month (one time zone conversion a
    row); each count then goes to its store's row and its chain's. Within one group every
    month is there once, so the sum of its bits is their OR (SQLite has no bit_or). A month
    with two purchases here, or one here and one counted before, sets its bit in
    `months2`."""
    bit = f"(CAST(1 AS BIGINT) << (g.month % {ERA_MONTHS}))"
    per_store = f"""
        SELECT n.store_id, coalesce(s.chain_id, '') AS chain_id, n.member_id,
            {_local(dialect, "n.at", "month")} AS month, count(*) AS n
        FROM {rows} n LEFT JOIN store s ON s.id = n.store_id
        WHERE n.at IS NOT NULL GROUP BY 1, 2, 3, 4"""
    both = f"""
        SELECT CASE WHEN w.whole = 1 THEN p.chain_id ELSE p.store_id END AS store_id,
            p.member_id, p.month, sum(p.n) AS n
        FROM ({per_store}) p CROSS JOIN (SELECT 0 AS whole UNION ALL SELECT 1) w
        GROUP BY 1, 2, 3"""
    return f"""
    INSERT INTO kpi_member_months (store_id, era, member_id, months, months2)
    SELECT g.store_id, g.month / {ERA_MONTHS}, g.member_id, sum({bit}),
        sum(CASE WHEN g.n >= 2 THEN {bit} ELSE 0 END)
    FROM ({both}) g
    WHERE true GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (store_id, era, member_id) DO UPDATE SET
        months2 = kpi_member_months.months2 | excluded.months2
            | (kpi_member_months.months & excluded.months),
        months = kpi_member_months.months | excluded.months"""


def _nps_by_week(dialect: str, rows: str) -> str:
    score = (
        "CAST(json_extract(n.payload, '$.score') AS INTEGER)"
        if dialect == "sqlite"
        else "CAST(CAST(n.payload AS jsonb) ->> 'score' AS int)"
    )
    return f"""
    INSERT INTO kpi_nps_week (store_id, week, responses, promoters, detractors)
    SELECT g.store_id, g.week, count(*), sum(CASE WHEN g.score >= 9 THEN 1 ELSE 0 END),
        sum(CASE WHEN g.score <= 6 THEN 1 ELSE 0 END)
    FROM (
        SELECT n.store_id, {_local(dialect, "n.device_time", "week")} AS week, {score} AS score
        FROM {rows} n LEFT JOIN store s ON s.id = n.store_id
        WHERE n.op_type = 'nps.record' AND n.result = 'applied'
    ) g
    WHERE true GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (store_id, week) DO UPDATE SET responses = kpi_nps_week.responses + excluded.responses,
        promoters = kpi_nps_week.promoters + excluded.promoters,
        detractors = kpi_nps_week.detractors + excluded.detractors"""


def _campaign(dialect: str, body: str) -> str:
    """A coupon's campaign: its template, else what issued it (birthday, exchange...)."""
    if dialect == "sqlite":
        field = f"json_extract({body}, '$.%s')"
    else:
        field = f"(CAST({body} AS jsonb) ->> '%s')"
    return f"coalesce({field % 'template_id'}, 'source:' || {field % 'source'})"


def _coupons_issued(dialect: str, rows: str) -> str:
    valid_from = (
        "json_extract(n.body, '$.valid_from')"
        if dialect == "sqlite"
        else "CAST(CAST(CAST(n.body AS jsonb) ->> 'valid_from' AS timestamptz)"
        " AT TIME ZONE 'UTC' AS timestamp)"
    )
    return f"""
    INSERT INTO kpi_coupon_day (campaign, store_id, day, issued, redeemed)
    SELECT {_campaign(dialect, "n.body")}, n.issued_store_id,
        {_local(dialect, valid_from, "day")}, count(*), 0
    FROM {rows} n LEFT JOIN store s ON s.id = n.issued_store_id
    WHERE true GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (campaign, store_id, day) DO UPDATE SET issued = kpi_coupon_day.issued + excluded.issued"""


def _coupons_redeemed(dialect: str, rows: str, sign: str, at: str) -> str:
    return f"""
    INSERT INTO kpi_coupon_day (campaign, store_id, day, issued, redeemed)
    SELECT {_campaign(dialect, "c.body")}, n.store_id, {_local(dialect, at, "day")},
        0, {sign}count(*)
    FROM {rows} n JOIN coupon c ON c.chain_id = n.chain_id AND c.id = n.coupon_id
    LEFT JOIN store s ON s.id = n.store_id
    WHERE true GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (campaign, store_id, day) DO UPDATE SET
        redeemed = kpi_coupon_day.redeemed + excluded.redeemed"""


# One row of a row-level trigger, in either dialect.
VOIDED_ROW = (
    "(SELECT NEW.chain_id AS chain_id, NEW.coupon_id AS coupon_id, NEW.store_id AS store_id,"
    " NEW.voided_at AS voided_at)"
)
TIER_CHANGE = (
    "INSERT INTO member_tier_change (member_id, chain_id, home_store_id, at, old_tier, new_tier)"
    " VALUES (NEW.id, NEW.chain_id, NEW.home_store_id, NEW.updated_at, OLD.tier, NEW.tier)"
)


# keeping them -------------------------------------------------------------------------------


def _sources(dialect: str) -> list[tuple[str, str, str, list[str]]]:
    """(trigger name, table, event, statements over its new rows `{rows}`)."""
    return [
        (
            "kpi_purchase",
            "purchase",
            "INSERT",
            [_purchases_by_day(dialect, "{rows}"), _member_months(dialect, "{rows}")],
        ),
        ("kpi_points", "points_entry", "INSERT", [_points_by_day(dialect, "{rows}")]),
        ("kpi_nps", "operation", "INSERT", [_nps_by_week(dialect, "{rows}")]),
        ("kpi_coupon", "coupon", "INSERT", [_coupons_issued(dialect, "{rows}")]),
        (
            "kpi_redemption",
            "coupon_redemption",
            "INSERT",
            [_coupons_redeemed(dialect, "{rows}", "", "n.at")],
        ),
    ]


def _postgresql_triggers() -> None:
    for name, table, event, statements in _sources("postgresql"):
        body = ";\n".join(s.format(rows="new_rows") for s in statements)
        op.execute(
            f"CREATE FUNCTION {name}_added() RETURNS trigger LANGUAGE plpgsql AS $$"
            f" BEGIN {body}; RETURN NULL; END $$"
        )
        op.execute(
            f"CREATE TRIGGER {name}_added AFTER {event} ON {table}"
            f" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT"
            f" EXECUTE FUNCTION {name}_added()"
        )
    voided = _coupons_redeemed("postgresql", VOIDED_ROW, "-", "n.voided_at")
    op.execute(
        "CREATE FUNCTION kpi_redemption_voided() RETURNS trigger LANGUAGE plpgsql AS $$"
        f" BEGIN {voided}; RETURN NULL; END $$"
    )
    op.execute(
        "CREATE TRIGGER kpi_redemption_voided AFTER UPDATE OF voided_at ON coupon_redemption"
        " FOR EACH ROW WHEN (OLD.voided_at IS NULL AND NEW.voided_at IS NOT NULL)"
        " EXECUTE FUNCTION kpi_redemption_voided()"
    )
    op.execute(
        "CREATE FUNCTION member_tier_changed() RETURNS trigger LANGUAGE plpgsql AS $$"
        f" BEGIN {TIER_CHANGE}; RETURN NULL; END $$"
    )
    op.execute(
        "CREATE TRIGGER member_tier_changed AFTER UPDATE ON member FOR EACH ROW"
        " WHEN (OLD.tier IS DISTINCT FROM NEW.tier) EXECUTE FUNCTION member_tier_changed()"
    )


def _sqlite_columns(table: str) -> str:
    columns = [c["name"] for c in sa.inspect(op.get_bind()).get_columns(table)]
    return ", ".join(f"NEW.{c} AS {c}" for c in columns)


def _sqlite_triggers() -> None:
    for name, table, event, statements in _sources("sqlite"):
        rows = f"(SELECT {_sqlite_columns(table)})"
        body = "; ".join(s.format(rows=rows) for s in statements)
        op.execute(f"CREATE TRIGGER {name}_added AFTER {event} ON {table} BEGIN {body}; END")
    voided = _coupons_redeemed("sqlite", VOIDED_ROW, "-", "n.voided_at")
    op.execute(
        "CREATE TRIGGER kpi_redemption_voided AFTER UPDATE OF voided_at ON coupon_redemption"
        f" WHEN OLD.voided_at IS NULL AND NEW.voided_at IS NOT NULL BEGIN {voided}; END"
    )
    op.execute(
        "CREATE TRIGGER member_tier_changed AFTER UPDATE OF tier ON member"
        f" WHEN OLD.tier IS NOT NEW.tier BEGIN {TIER_CHANGE}; END"
    )


def _backfill(dialect: str) -> None:
    """What is already there, counted once (tier history starts now: no past is known)."""
    if dialect == "postgresql":  # millions of rows grouped: in memory, not in spill files
        op.execute("SET LOCAL work_mem = '256MB'")
    for name, table, _event, statements in _sources(dialect):
        if name == "kpi_redemption":  # a voided redemption no longer counts
            table = "(SELECT * FROM coupon_redemption WHERE voided_at IS NULL)"
        for statement in statements:
            op.execute(statement.format(rows=table))


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    triggers = [(name + "_added", table) for name, table, _e, _s in _sources(dialect)]
    triggers += [("kpi_redemption_voided", "coupon_redemption"), ("member_tier_changed", "member")]
    for name, table in triggers:
        if dialect == "sqlite":
            op.execute(f"DROP TRIGGER {name}")
        else:
            op.execute(f"DROP TRIGGER {name} ON {table}")
            op.execute(f"DROP FUNCTION {name}()")
    for table in (
        "member_tier_change",
        "kpi_coupon_day",
        "kpi_nps_week",
        "kpi_member_months",
        "kpi_store_day",
    ):
        op.drop_table(table)
