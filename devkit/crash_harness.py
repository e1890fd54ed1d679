"""Kill the counter mid-work and check it kept its promises (the crash-safety harness).

A forked child runs the real services on a real database (earns, points as cash, coupon
exchanges, gift redemptions, stock deliveries, visits) and reports each operation on a
pipe only after its transaction committed. The parent kills it with SIGKILL at a random
moment, then checks the database: integrity, every reported operation present, ledger and
lots equal balances, stock moves equal on-hand, and the outbox holds exactly the committed
operations with no gap in the device sequence.
"""

import os
import random
import select
import signal
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from models.db import database_path
from services import points
from services.core.actor import Actor
from services.core.bootstrap import Runtime, open_counter
from services.core.clock import SystemClock
from services.core.errors import LoyaltyError
from services.core.setup import NewCounter, set_up_counter
from services.coupons import issue as coupons
from services.gifts import redeem as gifts
from services.gifts import stock
from services.gifts.definitions import GiftSpec, define_gift
from services.members import check_in
from services.members.accounts import NewMember, register_member
from services.points.ledger import balance_problems

MEMBERS = 20


@dataclass
class Shop:
    data_dir: Path
    actor: Actor
    member_ids: list[str]
    gift_id: str


@dataclass
class Tally:
    kills: int = 0
    committed: int = 0
    problems: list[str] = field(default_factory=list)


def open_shop(data_dir: Path, open_runtime: Callable[..., Runtime] = open_counter) -> Shop:
    """`open_runtime`: how the shop's counter is opened (the tests copy a migrated template)."""
    rt = open_runtime(data_dir, SystemClock())
    try:
        ident, manager = set_up_counter(
            rt.writer(), NewCounter("耐久测试店", "CRASH", "1", "经理", "2580"), rt.now()
        )
        actor = Actor(manager.id, manager.name, manager.role, ident.store_id, ident.device_id)
        ids = [
            register_member(
                rt.writer(), actor, rt.now(), NewMember(f"会员{i:02d}", f"1380000{i:04d}", 8, 12)
            ).id
            for i in range(MEMBERS)
        ]
        gift = define_gift(
            rt.writer(), actor, rt.now(), GiftSpec("GIFT-CRASH", "测试礼品", "Test gift", 300)
        )
        stock.receive_stock(rt.writer(), actor, rt.now(), gift, 50, "DN-0")
    finally:
        rt.close()
    return Shop(data_dir, actor, ids, gift)


def work(shop: Shop, seed: int, report_fd: int) -> None:
    """The child's day: runs until killed. Reports '<kind> <key>' after each commit."""
    rng = random.Random(seed)
    rt = open_counter(shop.data_dir, SystemClock())
    writer, actor = rt.writer, shop.actor
    n = 0
    while True:
        n += 1
        member = rng.choice(shop.member_ids)
        choice = rng.random()
        try:
            if choice < 0.45:
                receipt = f"K{seed}-{n}"
                cash = 100 if rng.random() < 0.3 else 0
                points.earn(
                    writer(), actor, rt.now(), member, receipt, rng.randint(200, 90000), {}, cash
                )
                line = f"earn {receipt}"
            elif choice < 0.6:
                [coupon] = coupons.exchange_points(writer(), actor, rt.now(), member, 100)
                line = f"coupon {coupon.coupon_id}"
            elif choice < 0.75:
                done = gifts.redeem_gift(writer(), actor, rt.now(), member, shop.gift_id)
                line = f"gift {done.id}"
            elif choice < 0.85:
                moved = stock.receive_stock(
                    writer(), actor, rt.now(), shop.gift_id, 3, f"DN-{seed}-{n}"
                )
                line = f"stock {moved.move_id}"
            else:
                check_in.record_visit(writer(), actor, rt.now(), member, "code")
                line = f"visit {member}"
        except LoyaltyError:
            continue  # a refusal (short balance, no stock) writes nothing: fine
        os.write(report_fd, (line + "\n").encode())


def kill_once(
    shop, seed: int, most_ms: int = 600, child_work: Callable = work, warm_up_s: float = 0
) -> list[str]:
    """Runs a child (`child_work(shop, seed, report_fd)`, which never returns), kills it after
    a random moment, returns what it reported committed. `warm_up_s`: the moment is counted
    from the child's first report (waiting at most this long for it), so a child with a long
    start is still killed mid-work."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns normally
        os.close(read_fd)
        try:
            child_work(shop, seed, write_fd)
        finally:
            os._exit(1)
    os.close(write_fd)
    chunks = []
    if warm_up_s and select.select([read_fd], [], [], warm_up_s)[0]:
        chunks.append(os.read(read_fd, 65536))
    deadline = time.monotonic() + random.Random(seed).randint(most_ms // 6, most_ms) / 1000
    while time.monotonic() < deadline:
        ready, _, _ = select.select([read_fd], [], [], max(deadline - time.monotonic(), 0))
        if ready:
            chunk = os.read(read_fd, 65536)
            if not chunk:
                break
            chunks.append(chunk)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    while chunk := os.read(read_fd, 65536):  # what it wrote before dying
        chunks.append(chunk)
    os.close(read_fd)
    lines = b"".join(chunks).decode().splitlines()
    return [line for line in lines if line.count(" ") == 1]  # a torn last line is not a report


def check(shop: Shop, reported: list[str]) -> list[str]:
    """Everything that must hold after a kill; returns what does not."""
    problems = []
    db = database_path(shop.data_dir)
    conn = sqlite3.connect(db)
    try:
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            problems.append("integrity_check failed")
        tables = {
            "earn": ("purchase", "receipt_no"),
            "coupon": ("coupon", "id"),
            "gift": ("gift_redemption", "id"),
            "stock": ("stock_move", "id"),
        }
        for line in reported:
            kind, key = line.split(" ")
            if kind in tables:
                table, column = tables[kind]
                if not conn.execute(f"SELECT 1 FROM {table} WHERE {column} = ?", (key,)).fetchone():
                    problems.append(f"reported {kind} {key} is missing")
        count, low, high = conn.execute(
            "SELECT count(*), min(seq), max(seq) FROM outbox"
        ).fetchone()
        if count and (low != 1 or high != count):
            problems.append(f"outbox sequence has a gap: {count} rows, {low}..{high}")
        if conn.execute("SELECT last_seq FROM counter").fetchone()[0] != (high or 0):
            problems.append("counter.last_seq disagrees with the outbox")
        pairs = {
            "points.earn": "SELECT count(*) FROM purchase",
            "coupon.issue": "SELECT count(*) FROM coupon",
            "gift.redeem": "SELECT count(*) FROM gift_redemption",
            "stock.receive": "SELECT count(*) FROM stock_move WHERE kind = 'receive'",
            "member.register": "SELECT count(*) FROM member",
        }
        for op, facts in pairs.items():
            ops = conn.execute("SELECT count(*) FROM outbox WHERE op_type = ?", (op,)).fetchone()[0]
            if ops != conn.execute(facts).fetchone()[0]:
                problems.append(f"outbox {op} rows disagree with the facts")
    finally:
        conn.close()
    rt = open_counter(shop.data_dir, SystemClock())
    try:
        with rt.reader() as uow:
            problems += [f"points: {p}" for p in balance_problems(uow)]
        problems += [f"stock: {p}" for p in stock.stock_problems(rt.reader())]
    finally:
        rt.close()
    return problems


def run(shop: Shop, kills: int, first_seed: int = 1, most_ms: int = 600) -> Tally:
    tally = Tally()
    for seed in range(first_seed, first_seed + kills):
        reported = kill_once(shop, seed, most_ms)
        tally.kills += 1
        tally.committed += len(reported)
        tally.problems += [f"kill {seed}: {p}" for p in check(shop, reported)]
    return tally
