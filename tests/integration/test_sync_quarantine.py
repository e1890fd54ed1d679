"""The counter's sync cannot be poisoned or starved: a change it cannot apply is quarantined
and shown while the rest of the page applies and the cursor moves on; a push that makes no
progress stops with `sync.stalled`; after a backup is restored, operations that reuse
numbers the centre holds move above them; the clock's skew against the centre is kept.

A fake centre (an httpx MockTransport) serves pages as raw text, so a body can carry what
a well-behaved centre never publishes (NaN, a month 13); the restore case runs against the
real centre."""

import json
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select, text

import main
from common.ids import new_id
from models.sync import SyncState
from services import sync
from services.core import backups
from services.core.bootstrap import open_counter
from services.reports.status import read_sync_status
from services.sync import client as sync_client
from services.sync import quarantine as sync_quarantine
from tests.central.harness import (  # noqa: F401  (fixtures)
    CENTRAL_URL,
    central_sqlite,
    make_counter,
)
from tests.factories import earn, register
from tests.integration.sync_helpers import local_balance, outbox


@pytest.fixture
def central_fixture_for_counters(central_sqlite):
    central_sqlite.create_store()
    return central_sqlite


def member_body(member_no: str, mobile: str, **changes) -> dict:
    body = {
        "id": new_id(),
        "member_no": member_no,
        "name": "林小梅",
        "mobile": mobile,
        "birth_month": 4,
        "birth_day": 9,
        "birth_year": None,
        "tier": "silver",
        "balance": 250,
        "arrears": 0,
        "redeem_blocked": False,
        "consent_marketing": False,
        "active": True,
        "home_store_id": new_id(),
        "card_serial": 1,
    }
    return body | changes


def event_body_without_place() -> dict:
    return {
        "id": new_id(),
        "event_id": None,
        "code": "EV-POISON",
        "name": "春季讲座",
        "starts_at": "2026-04-01T02:00:00+00:00",
        "ends_at": "2026-04-01T04:00:00+00:00",
        "capacity": 30,
    }


NAN_COUPON = (
    '{"coupon_id": "%s", "code": "CPN-NAN", "kind": "amount", "value": NaN,'
    ' "member_id": null, "valid_from": "2026-03-01T00:00:00+00:00",'
    ' "expires_at": "2026-12-31T00:00:00+00:00", "signed_code": "LCC0000"}'
)


def change_text(seq: int, kind: str, key: str, body: dict | str) -> str:
    body_text = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)
    return f'{{"seq": {seq}, "kind": "{kind}", "key": "{key}", "body": {body_text}}}'


def page_text(changes: list[str], cursor: int, more: bool = False, server_time=None) -> bytes:
    when = json.dumps(server_time)
    return (
        f'{{"changes": [{", ".join(changes)}], "cursor": {cursor},'
        f' "more": {json.dumps(more)}, "server_time": {when}}}'
    ).encode()


class FakeCentre:
    """Pull pages by cursor (raw text); pushes answered `applied`, or not at all."""

    def __init__(self, pages: dict[int, bytes], server_time=None) -> None:
        self.pages = pages
        self.server_time = server_time
        self.pulled_after: list[int] = []
        self.pushes = 0
        self.stall: str | None = None

    def handle(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/pull":
            after = int(request.url.params["after"])
            self.pulled_after.append(after)
            empty = page_text([], after, server_time=self.server_time)
            return httpx.Response(200, content=self.pages.get(after, empty))
        self.pushes += 1
        ops = json.loads(request.content)["operations"]
        if self.stall == "same":  # answers nothing and keeps asking for the first one
            answer = {"results": [], "next_expected_seq": ops[0]["seq"]}
        elif self.stall == "raising":  # takes nothing, yet its number keeps going up
            answer = {"results": [], "next_expected_seq": ops[0]["seq"] + 1000 * self.pushes}
        else:
            answer = {
                "results": [
                    {"id": op["id"], "seq": op["seq"], "result": "applied", "code": None}
                    for op in ops
                ],
                "next_expected_seq": ops[-1]["seq"] + 1,
            }
        answer["server_time"] = self.server_time
        return httpx.Response(200, json=answer)

    def http(self, _url: str) -> httpx.Client:
        return httpx.Client(base_url=CENTRAL_URL, transport=httpx.MockTransport(self.handle))


def poisoned_page() -> tuple[bytes, dict, dict]:
    good_1 = member_body("M-GOOD-1", "13900000001")
    good_2 = member_body("M-GOOD-2", "13900000002", balance=40)
    month_13 = member_body("M-BAD-13", "13900000013", birth_month=13)
    no_place = event_body_without_place()
    changes = [
        change_text(101, "member", good_1["id"], good_1),
        change_text(102, "member", month_13["id"], month_13),
        change_text(103, "event", no_place["code"], no_place),
        change_text(104, "coupon_revoked", "c-nan", NAN_COUPON % new_id()),
        change_text(105, "hologram", "h-1", {"id": "h-1"}),
        change_text(106, "member", good_2["id"], good_2),
    ]
    return page_text(changes, 120, more=True), good_1, good_2


def cursor_of(counter) -> int:
    with counter.runtime.reader() as uow:
        return uow.session.scalar(select(SyncState.cursor))


def test_a_poisoned_page_applies_the_good_changes_quarantines_the_bad_and_moves_on(
    make_counter,
):
    a = make_counter("1")
    page, good_1, good_2 = poisoned_page()
    centre = FakeCentre({0: page})
    a.http = centre.http

    report = a.cycle()

    assert local_balance(a, good_1["id"]) == 250 and local_balance(a, good_2["id"]) == 40
    assert cursor_of(a) == 120
    assert centre.pulled_after == [0, 120]  # the next pull went on past the page
    assert report.quarantined == 4 and report.pulled == 2
    held = sync_quarantine.list_quarantined(a.runtime.reader)
    assert sorted((q.seq, q.kind, q.code) for q in held) == [
        (102, "member", "change.bad_body"),
        (103, "event", "change.bad_body"),
        (104, "coupon_revoked", "change.bad_body"),
        (105, "hologram", "change.unknown_kind"),
    ]
    by_seq = {q.seq: q for q in held}
    assert "birth_month" in by_seq[102].detail and "place" in by_seq[103].detail
    assert "NaN" in by_seq[104].body  # kept as it arrived
    status = read_sync_status(a.runtime.reader())
    assert status.quarantined_changes == 4 and status.last_error == "sync.quarantined"

    # The same page again (a lost answer) quarantines nothing new once the cursor moved.
    assert a.cycle().quarantined == 0
    assert read_sync_status(a.runtime.reader()).last_error is None


def test_a_change_the_database_refuses_is_quarantined_alone(make_counter, monkeypatch):
    """A counter whose checks let a bad body through (an older schema) still cannot be
    stopped: the page's bulk apply fails on the CHECK constraint, and the page is applied
    change by change, each in its own savepoint."""
    monkeypatch.setattr(sync_quarantine, "validate_change", lambda kind, body: body)
    a = make_counter("1")
    good_1 = member_body("M-GOOD-1", "13900000001")
    month_13 = member_body("M-BAD-13", "13900000013", birth_month=13)
    good_2 = member_body("M-GOOD-2", "13900000002")
    changes = [
        change_text(1, "member", good_1["id"], good_1),
        change_text(2, "member", month_13["id"], month_13),
        change_text(3, "member", good_2["id"], good_2),
    ]
    a.http = FakeCentre({0: page_text(changes, 3)}).http

    report = a.cycle()

    assert report.ok and report.quarantined == 1 and cursor_of(a) == 3
    assert local_balance(a, good_1["id"]) == 250 and local_balance(a, good_2["id"]) == 250
    (held,) = sync_quarantine.list_quarantined(a.runtime.reader)
    assert (held.seq, held.code) == (2, "change.not_applied")
    assert "birth_month" in held.detail  # the constraint's name, for whoever investigates
    with a.runtime.reader() as uow:
        found = uow.session.execute(
            text("SELECT count(*) FROM member WHERE id = :i"), {"i": month_13["id"]}
        )
        assert found.scalar() == 0


def test_a_page_that_is_not_json_is_a_protocol_error_and_keeps_the_cursor(make_counter):
    a = make_counter("1")
    a.http = FakeCentre({0: b'{"changes": [{"seq": 1, '}).http
    report = a.cycle()
    assert report.error_code == "sync.protocol" and cursor_of(a) == 0
    assert read_sync_status(a.runtime.reader()).last_error == "sync.protocol"


def test_sync_once_exits_non_zero_naming_the_quarantine(make_counter, monkeypatch, capsys):
    a = make_counter("1")
    page, _good_1, _good_2 = poisoned_page()
    centre = FakeCentre({0: page})
    monkeypatch.setattr(sync_client, "default_http", centre.http)
    code = main.run_sync_command(["--data-dir", str(a.runtime.data_dir), "sync", "--once"])
    err = capsys.readouterr().err
    assert code != 0
    assert "sync.quarantined" in err and "4" in err


@pytest.mark.parametrize("stall", ["same", "raising"])
def test_a_push_that_makes_no_progress_stops_with_sync_stalled(
    make_counter, monkeypatch, capsys, stall
):
    a = make_counter("1")
    register(a)
    centre = FakeCentre({})
    centre.stall = stall
    a.http = centre.http

    report = a.cycle()

    assert report.error_code == "sync.stalled"
    assert centre.pushes <= 3  # not thousands
    assert read_sync_status(a.runtime.reader()).last_error == "sync.stalled"
    assert {row[3] for row in outbox(a)} == {"pending"}  # nothing lost, sent again later
    monkeypatch.setattr(sync_client, "default_http", centre.http)
    code = main.run_sync_command(["--data-dir", str(a.runtime.data_dir), "sync", "--once"])
    assert code != 0 and "sync.stalled" in capsys.readouterr().err


def test_the_clock_skew_against_the_centre_is_recorded(make_counter):
    a = make_counter("1")
    server_now = a.runtime.now() - timedelta(minutes=12)
    a.http = FakeCentre({}, server_time=server_now.isoformat()).http
    assert a.cycle().ok
    status = read_sync_status(a.runtime.reader())
    assert 12 * 60 - 5 <= status.clock_skew_s <= 12 * 60 + 5
    assert status.clock_off

    a.http = FakeCentre({}, server_time=(a.runtime.now() + timedelta(minutes=2)).isoformat()).http
    assert a.cycle().ok
    status = read_sync_status(a.runtime.reader())
    assert -125 <= status.clock_skew_s <= -115 and not status.clock_off


def test_after_a_backup_is_restored_new_operations_move_above_the_centres_numbers(
    make_counter, central_sqlite
):
    a = make_counter("1")
    member = register(a)  # seq 1
    data_dir = a.runtime.data_dir
    kept = backups.back_up_now(data_dir, a.runtime.now())
    earn(a, member.id, "R1", 10_000)  # seq 2
    before_restore = earn(a, member.id, "R2", 20_000).balance  # seq 3
    assert a.cycle().ok
    assert central_sqlite.scalar("SELECT count(*) FROM operation") == 3

    a.runtime.close()
    backups.restore(data_dir, kept.path, a.manager, a.clock.now(), accept_loss=True)
    a.runtime = open_counter(data_dir, a.clock)
    try:
        # The restored counter knows only seq 1; its next operations take 2 and 3 again.
        earn(a, member.id, "R3", 30_000)
        since_restore = earn(a, member.id, "R4", 40_000).balance
        new_ids = [row[0] for row in outbox(a)[1:]]

        report = a.cycle()

        assert report.ok, report.error_code
        rows = outbox(a)
        assert [(row[1], row[3]) for row in rows] == [
            (1, "applied"),
            (4, "applied"),
            (5, "applied"),
        ]
        assert [row[0] for row in rows[1:]] == new_ids  # same ids, same order, numbers moved
        held = central_sqlite.rows("SELECT id, seq FROM operation ORDER BY seq")
        assert [r[1] for r in held] == [1, 2, 3, 4, 5]
        assert [r[0] for r in held[3:]] == new_ids
        balance = central_sqlite.scalar("SELECT balance FROM member WHERE id = :m", m=member.id)
        assert balance == before_restore + since_restore
        # The device's counter followed: the next operation is 6 and goes straight through.
        earn(a, member.id, "R5", 10_000)
        assert a.cycle().ok
        assert outbox(a)[-1][1:4:2] == (6, "applied")
        with a.runtime.reader() as uow:
            audit = uow.session.scalar(
                text("SELECT count(*) FROM audit_log WHERE action = 'sync.operations_renumbered'")
            )
        assert audit == 1
    finally:
        a.runtime.close()


def test_quarantined_changes_count_until_a_manager_marks_them_seen(make_counter):
    a = make_counter("1")
    page, _g1, _g2 = poisoned_page()
    a.http = FakeCentre({0: page}).http
    a.cycle()
    sync.mark_quarantine_seen(a.runtime.writer, a.manager, a.runtime.now())
    assert read_sync_status(a.runtime.reader()).quarantined_changes == 0
    held = sync_quarantine.list_quarantined(a.runtime.reader)
    assert len(held) == 4 and all(q.dismissed_at is not None for q in held)


def test_the_outbox_lets_only_an_undelivered_operation_move_up(make_counter):
    import sqlite3

    from tests.integration.sync_helpers import raw

    a = make_counter("1")
    register(a)
    register(a, name="王小明", mobile="13800138001")
    conn = raw(a)
    try:
        conn.execute("UPDATE outbox SET state = 'applied' WHERE seq = 1")
        refusals = [
            "UPDATE outbox SET seq = 9 WHERE seq = 1",  # delivered
            "UPDATE outbox SET seq = 1 WHERE seq = 2",  # down
            "UPDATE outbox SET seq = 9, payload = '{}' WHERE seq = 2",  # and what it says
            "UPDATE outbox SET seq = 9, state = 'applied' WHERE seq = 2",  # and delivered
        ]
        for sql in refusals:
            with pytest.raises(sqlite3.IntegrityError) as caught:
                conn.execute(sql)
            assert caught.value.sqlite_errorname == "SQLITE_CONSTRAINT_TRIGGER", sql
        conn.execute("UPDATE outbox SET seq = 9 WHERE seq = 2")
        assert conn.execute("SELECT seq, state FROM outbox ORDER BY seq").fetchall() == [
            (1, "applied"),
            (9, "pending"),
        ]
    finally:
        conn.close()
