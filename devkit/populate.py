"""Fill a counter database with many synthetic members quickly, inside SQLite itself.

Used by benchmarks and by the tests that prove lists stay lazy on a million members.
"""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平"


@contextmanager
def bulk_load(db_path: Path, tables: tuple[str, ...]) -> Iterator[sqlite3.Connection]:
    """One transaction with the tables' indexes dropped and rebuilt at the end: building an
    index once after the insert is several times faster than row by row."""
    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("BEGIN IMMEDIATE")
        marks = ", ".join("?" for _ in tables)
        indexes = conn.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index'"
            f" AND tbl_name IN ({marks}) AND sql IS NOT NULL",
            tables,
        ).fetchall()
        for name, _sql in indexes:
            conn.execute(f"DROP INDEX {name}")
        yield conn
        for _name, sql in indexes:
            conn.execute(sql)
        conn.execute("COMMIT")
    finally:
        conn.close()


def add_members(db_path: Path, count: int, store_id: str, store_code: str, label: str) -> None:
    """Members numbered 1..count as `{store_code}-{label}-{n:06d}`, mobiles 139xxxxxxxx."""
    with bulk_load(db_path, ("member",)) as conn:
        conn.execute(
            """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
            INSERT INTO member (id, member_no, name, mobile, mobile_last4, birth_month,
                birth_day, tier, points_balance, consent_marketing, active, home_store_id,
                card_serial, created_at)
            SELECT printf('00000000-0000-7000-8000-%012d', i),
                   printf('%s-%s-%06d', ?, ?, i),
                   substr(?, i % 20 + 1, 1) || substr(?, (i / 20) % 20 + 1, 1)
                       || substr(?, (i / 400) % 20 + 1, 1),
                   printf('139%08d', i), printf('%04d', i % 10000),
                   i % 12 + 1, i % 28 + 1,
                   CASE WHEN i % 50 = 0 THEN 'gold' WHEN i % 10 = 0 THEN 'silver'
                        ELSE 'bronze' END,
                   0, 1, 1, ?, 1, '2026-01-01 00:00:00.000000'
            FROM n
            """,
            (count, store_code, label, SURNAMES, GIVEN, GIVEN, store_id),
        )
        conn.execute("UPDATE counter SET last_member_no = last_member_no + ?", (count,))


def add_ledger(db_path: Path, members: int, per_member: int, store_id: str, device_id: str) -> None:
    """`per_member` earn entries (and their lots) for members 1..members, balances to match."""
    with bulk_load(db_path, ("points_entry", "points_lot")) as conn:
        conn.execute(
            """
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ? - 1)
            INSERT INTO points_entry (id, member_id, kind, delta, reason, reference, staff_id,
                device_id, store_id, rule_version, at)
            SELECT printf('e0000000-0000-7000-8000-%012d', i),
                   printf('00000000-0000-7000-8000-%012d', i / ? + 1),
                   'earn', 10 + i % 90, 'purchase', printf('B%09d', i), NULL, ?, ?, 1,
                   printf('2026-%02d-%02d 08:00:00.000000', i % 9 + 1, i % 28 + 1)
            FROM n
            """,
            (members * per_member, per_member, device_id, store_id),
        )
        conn.execute(
            """
            INSERT INTO points_lot (id, member_id, entry_id, earned_at, expires_at, original,
                remaining)
            SELECT 'l' || substr(id, 2), member_id, id, at, '2027-12-31 16:00:00.000000',
                   delta, delta
            FROM points_entry WHERE id LIKE 'e0000000-%'
            """
        )
    # After the indexes are back: the balance update reads entries by member.
    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        conn.execute(
            """
            UPDATE member SET points_balance = (
                SELECT coalesce(sum(delta), 0) FROM points_entry
                WHERE points_entry.member_id = member.id)
            """
        )
    finally:
        conn.close()


def add_purchases(db_path: Path, count: int, members: int, store_id: str, device_id: str) -> None:
    """`count` purchases spread over members 1..members and the 360 days before 2026-11-01,
    a visit with each, and every member's last purchase time to match."""
    with bulk_load(db_path, ("purchase", "visit")) as conn:
        conn.execute(
            """
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ? - 1)
            INSERT INTO purchase (id, store_id, receipt_no, member_id, gross_fen, discount_fen,
                points_cash_fen, coupon_id, coupon_fen, paid_fen, categories, points_earned,
                points_spent, refunded_fen, points_reversed, staff_id, device_id,
                rule_version, at)
            SELECT printf('p0000000-0000-7000-8000-%012d', i), ?, printf('BP%09d', i),
                   printf('00000000-0000-7000-8000-%012d', (i * 7919) % ? + 1),
                   1000 + (i * 37) % 90000, 0, 0, NULL, 0, 1000 + (i * 37) % 90000, '{}',
                   (1000 + (i * 37) % 90000) / 100, 0, 0, 0, NULL, ?, 1,
                   strftime('%Y-%m-%d %H:%M:%f', '2026-11-01',
                            printf('-%d minutes', (i * 13) % 518400))
            FROM n
            """,
            (count, store_id, members, device_id),
        )
        conn.execute(
            """
            INSERT INTO visit (id, member_id, store_id, device_id, staff_id, source, at)
            SELECT 'v' || substr(id, 2), member_id, store_id, device_id, NULL, 'code', at
            FROM purchase WHERE id LIKE 'p0000000-%'
            """
        )
    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        conn.execute(
            "UPDATE member SET last_purchase_at = (SELECT max(at) FROM purchase"
            " WHERE purchase.member_id = member.id)"
        )
    finally:
        conn.close()
