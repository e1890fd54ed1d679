"""SIGKILL the door in the middle of grouped sign-ins: every answer given is kept, once
(devkit/door_crash.py says what is checked)."""

import sqlite3
import sys

import pytest

from devkit.crash_harness import kill_once
from devkit.door_crash import check, open_door, run, work
from models.db import database_path
from tests.templates import open_migrated_counter

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs fork and SIGKILL")


@pytest.fixture
def door(tmp_path):
    return open_door(tmp_path / "data", open_migrated_counter)


def test_a_few_kills_lose_no_answered_sign_in(door):
    reported, problems = run(door, kills=3)
    assert problems == []
    assert reported > 3  # the lanes really signed people in between kills


@pytest.mark.slow  # 40 kills: CI runs it in its own step (pytest -m slow)
def test_many_kills_lose_no_answered_sign_in(door):
    reported, problems = run(door, kills=40, first_seed=100)
    assert problems == []
    assert reported > 40


def test_the_checks_catch_what_they_promise_to(door):
    """A check that cannot fail proves nothing: lose a reported sign-in by hand and look."""
    reported = kill_once(door, 7, child_work=work, warm_up_s=30)
    assert reported and check(door, reported) == []
    nonce = reported[0].split(" ")[1]
    conn = sqlite3.connect(database_path(door.data_dir))
    conn.execute("DROP TRIGGER event_signin_no_delete")  # the loss a check must see
    conn.execute("DELETE FROM event_signin WHERE nonce = ?", (nonce,))
    conn.commit()
    conn.close()
    problems = check(door, reported)
    assert f"reported sign-in {nonce} found 0 times" in problems
    assert "outbox event.sign_in rows disagree with the sign-ins" in problems
