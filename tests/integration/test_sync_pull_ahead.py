"""The pull asks for the next page while it applies the current one, and still applies
pages in order, each with its cursor in one commit: a page that fails to arrive leaves
every earlier page applied and the cursor after the last of them."""

import threading

import pytest

from services import sync
from services.sync import pull
from services.sync.client import SyncError
from tests.central.harness import (  # noqa: F401  (fixtures)
    central_sqlite,
    make_counter,
)
from tests.integration.sync_helpers import raw
from tests.integration.test_sync_quarantine import member_body


@pytest.fixture
def central_fixture_for_counters(central_sqlite):
    central_sqlite.create_store()
    return central_sqlite


class PagedCentre:
    """Pages of member changes, three per page; `fail_after` fails the page after it."""

    def __init__(self, pages: int, first_seq: int, fail_after: int | None = None) -> None:
        self.pages = [
            [
                {"seq": first_seq + 3 * p + i, "kind": "member", "key": body["id"], "body": body}
                for i, body in enumerate(
                    member_body(f"P{p}-{i}", f"1370000{p:02d}{i:02d}") for i in range(3)
                )
            ]
            for p in range(pages)
        ]
        self.first_seq = first_seq
        self.fail_after = fail_after
        self.asked: list[int] = []
        self.second_asked = threading.Event()

    def pull(self, after: int, limit: int) -> dict:
        self.asked.append(after)
        index = (after - self.first_seq + 1) // 3
        if index == 1:
            self.second_asked.set()
        if self.fail_after is not None and index > self.fail_after:
            raise SyncError("sync.offline")
        page = self.pages[index]
        return {"changes": page, "cursor": page[-1]["seq"], "more": index + 1 < len(self.pages)}


def _cursor(counter) -> int:
    with raw(counter) as conn:
        return conn.execute("SELECT cursor FROM sync_state").fetchone()[0]


def _members(counter) -> set[str]:
    with raw(counter) as conn:
        return {row[0] for row in conn.execute("SELECT member_no FROM member")}


def test_the_next_page_is_asked_for_while_this_one_is_applied(make_counter, monkeypatch):
    counter = make_counter()
    centre = PagedCentre(3, _cursor(counter) + 1)
    seen_while_applying: list[bool] = []
    apply_page = pull.apply_page

    def apply_and_look(uow, changes, now):
        # Without asking ahead, the second page would be asked only after this commit.
        seen_while_applying.append(centre.second_asked.wait(5))
        return apply_page(uow, changes, now)

    monkeypatch.setattr(pull, "apply_page", apply_and_look)
    report = sync.pull_changes(
        counter.runtime.writer, counter.runtime.reader, centre, counter.runtime.now
    )
    assert seen_while_applying[0] is True
    assert report.applied == 9
    assert _cursor(counter) == centre.pages[-1][-1]["seq"]
    assert centre.asked == [centre.first_seq - 1 + 3 * p for p in range(3)]  # each once
    assert {f"P{p}-{i}" for p in range(3) for i in range(3)} <= _members(counter)


def test_a_page_that_does_not_arrive_keeps_the_earlier_pages_and_their_cursor(make_counter):
    counter = make_counter()
    centre = PagedCentre(4, _cursor(counter) + 1, fail_after=1)
    with pytest.raises(SyncError):
        sync.pull_changes(
            counter.runtime.writer, counter.runtime.reader, centre, counter.runtime.now
        )
    assert _cursor(counter) == centre.pages[1][-1]["seq"]
    members = _members(counter)
    assert {f"P{p}-{i}" for p in range(2) for i in range(3)} <= members
    assert not any(no.startswith(("P2-", "P3-")) for no in members)
    # The next pull goes on from there and applies the rest once.
    centre.fail_after = None
    report = sync.pull_changes(
        counter.runtime.writer, counter.runtime.reader, centre, counter.runtime.now
    )
    assert report.applied == 6
    with raw(counter) as conn:
        opening = conn.execute(
            "SELECT count(*), count(DISTINCT e.id) FROM points_entry e"
            " JOIN member m ON m.id = e.member_id WHERE m.member_no LIKE 'P%'"
        ).fetchone()
    assert opening == (12, 12)  # one opening entry each, with an id of its own
