"""SIGKILL the counter's services at random moments, many times, and prove nothing is lost,
half-written or doubled (see harness.py for what each check means)."""

import sys

import pytest

from devkit.crash_harness import open_shop, run
from tests.templates import open_migrated_counter

KILLS_IN_CI = 150

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="needs fork and SIGKILL"),
    pytest.mark.slow,  # 150 kills: CI runs it in its own step (pytest -m slow)
]


def test_the_counter_survives_being_killed_mid_work(tmp_path):
    shop = open_shop(tmp_path / "data", open_migrated_counter)
    tally = run(shop, KILLS_IN_CI)
    assert tally.problems == []
    assert tally.kills == KILLS_IN_CI
    assert tally.committed > KILLS_IN_CI  # the children really worked between kills


def test_the_checks_catch_what_they_promise_to(tmp_path):
    """A check that cannot fail proves nothing: break each promise by hand and look."""
    import sqlite3

    from devkit.crash_harness import check
    from models.db import database_path

    shop = open_shop(tmp_path / "data", open_migrated_counter)
    assert check(shop, []) == []
    assert check(shop, ["earn NEVER-COMMITTED"]) == ["reported earn NEVER-COMMITTED is missing"]
    conn = sqlite3.connect(database_path(shop.data_dir))
    conn.execute("UPDATE member SET points_balance = points_balance + 1 WHERE rowid = 1")
    conn.execute("UPDATE gift_stock SET on_hand = on_hand - 1")
    conn.commit()
    conn.close()
    problems = check(shop, [])
    assert any(p.startswith("points:") for p in problems)
    assert any(p.startswith("stock:") for p in problems)
