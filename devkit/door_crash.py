"""Kill the door mid-burst and check that every sign-in it answered is kept, and once.

A forked child opens an event and signs members in from several lanes at once through the
door's group commit (services.events.door_commit), writing `admitted <nonce>` on a pipe
only after the answer came back. The parent (devkit.crash_harness.kill_once) kills it with
SIGKILL at a random moment; then every reported sign-in must be in the database exactly
once, no member may stand signed in twice at one event, the sign-ins, their points and
their outbox rows must agree, and the outbox's sequence must have no gap.
"""

import os
import random
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from devkit.crash_harness import kill_once
from devkit.populate import add_members
from models.db import database_path
from services.core.actor import Actor
from services.core.bootstrap import Runtime, open_counter
from services.core.clock import SystemClock
from services.core.setup import NewCounter, set_up_counter
from services.events import planning as events
from services.events.door_commit import sign_in_grouped
from services.events.planning import EventSpec
from services.members.codes import sign_member_code
from services.points.ledger import balance_problems

MEMBERS = 300
LANES = 4
POINTS = 10


@dataclass
class Door:
    data_dir: Path
    actor: Actor
    codes: list[str]  # the members' card codes


def open_door(data_dir: Path, open_runtime: Callable[..., Runtime] = open_counter) -> Door:
    rt = open_runtime(data_dir, SystemClock())
    try:
        ident, manager = set_up_counter(
            rt.writer(), NewCounter("门口测试店", "DOOR", "1", "经理", "2580"), rt.now()
        )
        actor = Actor(manager.id, manager.name, manager.role, ident.store_id, ident.device_id)
        add_members(database_path(data_dir), MEMBERS, ident.store_id, "DOOR", "1")
        ids = [f"00000000-0000-7000-8000-{i:012d}" for i in range(1, MEMBERS + 1)]
        with rt.writer() as uow:
            codes = [sign_member_code(uow, "door", i, 1, rt.now()) for i in ids]
            uow.commit()
    finally:
        rt.close()
    return Door(data_dir, actor, codes)


def work(door: Door, seed: int, report_fd: int) -> None:
    """The child: a new event, then LANES threads scanning random members until killed."""
    rt = open_counter(door.data_dir, SystemClock())
    now = rt.now()
    spec = EventSpec(
        f"K{seed}", "门口", "大厅", now, now + timedelta(hours=2), MEMBERS, None, False, POINTS
    )
    event_id = events.create_event(rt.writer(), door.actor, now, spec)
    lock = threading.Lock()

    def lane(number: int) -> None:
        rng = random.Random(seed * 100 + number)
        n = 0
        while True:
            n += 1
            nonce = f"{seed}-{number}-{n}"
            code = rng.choice(door.codes)
            result = sign_in_grouped(rt.writer, door.actor, rt.now(), event_id, code, nonce)
            if result.outcome == "admitted":
                with lock:  # one whole line per write: the parent reads lines
                    os.write(report_fd, f"admitted {nonce}\n".encode())

    for number in range(LANES):
        threading.Thread(target=lane, args=(number,), daemon=True).start()
    while True:
        time.sleep(1)


def check(door: Door, reported: list[str]) -> list[str]:
    """Everything that must hold after a kill; returns what does not."""
    problems = []
    conn = sqlite3.connect(database_path(door.data_dir))
    try:
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            problems.append("integrity_check failed")
        for line in reported:
            nonce = line.split(" ")[1]
            found = conn.execute(
                "SELECT count(*) FROM event_signin WHERE nonce = ?", (nonce,)
            ).fetchone()[0]
            if found != 1:
                problems.append(f"reported sign-in {nonce} found {found} times")
        twice = conn.execute(
            "SELECT count(*) FROM (SELECT 1 FROM event_signin WHERE undone_at IS NULL"
            " GROUP BY event_id, member_id HAVING count(*) > 1)"
        ).fetchone()[0]
        if twice:
            problems.append(f"{twice} members signed in twice at one event")
        pairs = {
            "event.sign_in": "SELECT count(*) FROM event_signin",
            "points.event_bonus": "SELECT count(*) FROM event_signin WHERE points_entry_id"
            " IS NOT NULL",
        }
        for op, facts in pairs.items():
            ops = conn.execute("SELECT count(*) FROM outbox WHERE op_type = ?", (op,)).fetchone()[0]
            if ops != conn.execute(facts).fetchone()[0]:
                problems.append(f"outbox {op} rows disagree with the sign-ins")
        count, low, high = conn.execute(
            "SELECT count(*), min(seq), max(seq) FROM outbox"
        ).fetchone()
        if count and (low != 1 or high != count):
            problems.append(f"outbox sequence has a gap: {count} rows, {low}..{high}")
    finally:
        conn.close()
    rt = open_counter(door.data_dir, SystemClock())
    try:
        with rt.reader() as uow:
            problems += [f"points: {p}" for p in balance_problems(uow)]
    finally:
        rt.close()
    return problems


def run(door: Door, kills: int, first_seed: int = 1, most_ms: int = 600) -> tuple[int, list[str]]:
    """(sign-ins reported over all kills, problems found)."""
    reported_total, problems = 0, []
    for seed in range(first_seed, first_seed + kills):
        reported = kill_once(door, seed, most_ms, child_work=work, warm_up_s=30)
        reported_total += len(reported)
        problems += [f"kill {seed}: {p}" for p in check(door, reported)]
    return reported_total, problems
