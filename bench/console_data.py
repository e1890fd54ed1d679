"""The console benchmark's chain: its own PostgreSQL database, a chain of stores, and
members, ledger entries, purchases and NPS answers as COPY lines (bench.bench_console)."""

import io
import os
import random
import time
import uuid
from datetime import UTC, date, datetime, timedelta

from alembic import command
from sqlalchemy import create_engine, text

from central import admin
from central.console.auth import create_user
from central.db import alembic_config, create_central_engine, sessions

PG = os.environ.get("CENTRAL_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
STORES = 50
PASSWORD = "bench-console-password"
START = date(2025, 1, 1)
DAYS = 700  # to 1 December 2026
FAMILY = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英"


def member_id(i: int) -> str:
    return f"00000000-0000-4000-8000-{i:012d}"


def mobile(i: int) -> str:
    return f"139{i:08d}"


class Database:
    """A database of its own, dropped by `close` whatever happened."""

    def __init__(self) -> None:
        self.name = f"bench_console_{uuid.uuid4().hex[:8]}"
        base = PG.rsplit("/", 1)[0]
        self.url = f"{base}/{self.name}"
        self._admin = create_engine(PG, isolation_level="AUTOCOMMIT")
        with self._admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {self.name}"))
        self.engine = create_central_engine(self.url)

    def close(self) -> None:
        self.engine.dispose()
        with self._admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)"))
        self._admin.dispose()


def migrate_to(engine, revision: str) -> None:
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def make_chain(engine) -> tuple[str, list[str]]:
    now = datetime.now(UTC)
    with sessions(engine)() as s, s.begin():
        stores = [
            admin.create_store(s, "default", f"S{n:02d}", f"第{n}分店", now).id
            for n in range(1, STORES + 1)
        ]
        chain_id = admin.chain_by_name(s, "default", now).id
        create_user(s, "default", "boss", "admin", PASSWORD, now)
        s.execute(
            text(
                "INSERT INTO device (id, chain_id, store_id, label, public_key, key_id,"
                " token_hash, last_seq, enrolled_at) VALUES (:id, :c, :s, '1', :k, :kid, 'x',"
                " 0, :now)"
            ),
            [
                {
                    "id": f"dev-{n}",
                    "c": chain_id,
                    "s": store,
                    "k": n.to_bytes(32, "big"),
                    "kid": f"{n:08x}",
                    "now": now,
                }
                for n, store in enumerate(stores)
            ],
        )
    return chain_id, stores


def copy_rows(engine, table: str, columns: str, lines) -> float:
    """Lines of COPY text into `table`, in blocks; seconds."""
    started = time.perf_counter()
    raw = engine.raw_connection()
    try:
        with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            block = io.StringIO()
            for n, line in enumerate(lines, 1):
                block.write(line)
                if n % 50_000 == 0:
                    copy.write(block.getvalue())
                    block = io.StringIO()
            copy.write(block.getvalue())
        raw.commit()
    finally:
        raw.close()
    return time.perf_counter() - started


def without_indexes(engine, tables: tuple[str, ...]):
    """Drops the tables' secondary indexes for a bulk load and gives back a function that
    builds them again (one sort each instead of ten million random inserts)."""
    with engine.begin() as conn:
        found = conn.execute(
            text(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = ANY(:t)"
                " AND i.schemaname = current_schema() AND NOT EXISTS (SELECT 1 FROM"
                " pg_constraint c WHERE c.conname = i.indexname)"
            ),
            {"t": list(tables)},
        ).all()
        for name, _definition in found:
            conn.execute(text(f"DROP INDEX {name}"))

    def rebuild() -> None:
        with engine.begin() as conn:
            for _name, definition in found:
                conn.execute(text(definition))

    return rebuild


def member_lines(count: int, chain_id: str, stores: list[str]):
    rng = random.Random(1)
    tiers = ("bronze",) * 6 + ("silver",) * 3 + ("gold", "platinum")
    for i in range(count):
        name = rng.choice(FAMILY) + rng.choice(GIVEN) + rng.choice(GIVEN)
        tier = rng.choice(tiers)
        yield (
            f"{member_id(i)}\t{chain_id}\tM{i:09d}\t{name}\t{mobile(i)}\t{rng.randint(1, 12)}"
            f"\t{rng.randint(1, 28)}\t{tier}\t{tier}\t{rng.randint(0, 5000)}\tf\tt\tt"
            f"\t{stores[i % len(stores)]}\t1\t2025-01-01 00:00:00\t2025-01-01 00:00:00\n"
        )


MEMBER_COLUMNS = (
    "id, chain_id, member_no, name, mobile, birth_month, birth_day, tier, peak_tier, balance,"
    " redeem_blocked, consent_marketing, active, home_store_id, card_serial, created_at,"
    " updated_at"
)


def ledger(entries: int, members: int, stores: list[str], purchases: list):
    """Ledger lines; each earn's purchase is appended to `purchases` (sale number, line)."""
    rng = random.Random(2)
    days = [(START + timedelta(days=d)).isoformat() for d in range(DAYS)]
    for n in range(entries):
        m = rng.randrange(members)
        store = stores[m % len(stores)] if rng.random() < 0.9 else rng.choice(stores)
        at = f"{days[rng.randrange(DAYS)]} {rng.randrange(24):02d}:{rng.randrange(60):02d}:00"
        op = f"00000000-0000-4000-9000-{n:012d}"
        roll = rng.random()
        if roll < 0.6:
            paid = rng.randint(500, 80_000)
            kind, delta = "earn", paid // 100
            purchases.append(
                f"{store}\tR{n}\t{op}\t{op}\t{member_id(m)}\t{paid}\t{delta}\t0\t0\t0\t0\t0\t{at}\n"
            )
        elif roll < 0.85:
            kind, delta = "redeem", -100 * rng.randint(1, 5)
        elif roll < 0.95:
            kind, delta = "expire", -rng.randint(1, 300)
        else:
            kind, delta = "adjust", rng.randint(-50, 200)
        yield f"{member_id(m)}\t{op}\t{kind}\t{delta}\t{store}\t{at}\n"


PURCHASE_COLUMNS = (
    "store_id, receipt_no, purchase_id, op_id, member_id, paid_fen, points, points_cash_fen,"
    " points_spent, refunded_fen, points_reversed, points_returned, at"
)


def nps_lines(count: int, stores: list[str]):
    rng = random.Random(3)
    for n in range(count):
        k = rng.randrange(len(stores))
        at = (datetime(2025, 1, 1) + timedelta(minutes=rng.randrange(DAYS * 1440))).isoformat(" ")
        yield (
            f'nps-{n}\tdev-{k}\t{n + 1}\tnps.record\t1\t{{"score": {rng.randint(0, 10)}}}\th'
            f"\t{stores[k]}\t{at}\t{at}\tapplied\n"
        )
