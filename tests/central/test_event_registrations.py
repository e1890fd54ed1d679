"""Event registrations travel through the centre: a ticket made at one counter is admitted
at another counter's door; registrations and guests' sign-ins made offline at two counters
are merged; registrations imported at the centre reach the counters. SQLite and PostgreSQL."""

import json
import logging
from datetime import timedelta

from central import admin, admin_events
from central.__main__ import main as central_cli
from central.admin_events import RegistrationLine
from common.ids import new_id
from services.core.journal import record_operation
from services.events import planning as events
from services.events import registrations
from services.events import signin as event_signin
from services.events.planning import EventSpec
from services.members import accounts as members
from services.rules.events import new_ticket_code
from services.sync.apply import apply_changes
from tests.conftest import START
from tests.factories import register
from tests.integration.sync_helpers import outbox, raw

CSV_HEADER = "member_no,guest_name,guest_mobile\n"


def make_event(counter, code: str = "E1") -> str:
    now = counter.runtime.now()
    spec = EventSpec(code, "沙龙", "一楼", now - timedelta(minutes=5), now + timedelta(hours=2), 50)
    return events.create_event(counter.runtime.writer(), counter.manager, now, spec)


def invite(counter, event_id: str, member_id: str) -> registrations.Registration:
    rt = counter.runtime
    return registrations.register_member_for_event(
        rt.writer(), counter.manager, rt.now(), event_id, member_id
    )


def invite_guest(counter, event_id: str, name: str = "客人") -> registrations.Registration:
    rt = counter.runtime
    return registrations.register_guest(
        rt.writer(), counter.manager, rt.now(), event_id, name, None
    )


def door(counter, event_id: str, scanned: str, nonce: str) -> event_signin.SignInResult:
    rt = counter.runtime
    return event_signin.sign_in(rt.writer(), counter.manager, rt.now(), event_id, scanned, nonce)


def local_registrations(counter) -> list[tuple]:
    with raw(counter) as conn:
        return conn.execute(
            "SELECT id, event_id, member_id, guest_name, code, kind FROM event_registration"
            " ORDER BY id"
        ).fetchall()


def op_results(counter, op_type: str) -> list[tuple[str, str | None]]:
    return [(state, code) for _i, _s, _h, state, t, code in outbox(counter) if t == op_type]


def test_a_ticket_made_at_one_counter_is_admitted_at_another_counters_door(central, make_counter):
    central.create_store()
    central.create_store("S2", "二店")
    a = make_counter("1")
    member = register(a)
    card = members.member_code(a.runtime.writer(), a.manager, a.runtime.now(), member.id)
    event_id = make_event(a)
    invited = invite(a, event_id, member.id)
    guest = invite_guest(a, event_id)
    assert a.cycle().ok
    assert op_results(a, "event.register") == [("applied", None), ("applied", None)]
    stored = central.rows("SELECT id, code, member_id, guest_name FROM event_registration")
    assert sorted(stored) == sorted(
        [
            (invited.registration_id, invited.code, member.id, None),
            (guest.registration_id, guest.code, None, "客人"),
        ]
    )

    b = make_counter("2")  # another counter of the same store, its own data folder
    assert b.cycle().ok
    assert sorted(r[0] for r in local_registrations(b)) == sorted(
        [invited.registration_id, guest.registration_id]
    )
    at_door = door(b, event_id, guest.code, "b-guest")
    assert at_door.outcome == "admitted"
    assert at_door.attendee.registration_id == guest.registration_id
    by_card = door(b, event_id, card, "b-member")
    # Known as registered: not a walk-in, no second registration made at B.
    assert (by_card.outcome, by_card.walk_in) == ("admitted", False)
    assert by_card.attendee.registration_id == invited.registration_id
    assert op_results(b, "event.register") == []

    assert b.cycle().ok
    assert op_results(b, "event.sign_in") == [("applied", None), ("applied", None)]
    signins = central.rows(
        "SELECT attendee, member_id, registration_id, scans FROM event_signin ORDER BY attendee"
    )
    assert signins == [
        (f"m:{member.id}", member.id, None, 1),
        (f"r:{guest.registration_id}", None, guest.registration_id, 1),
    ]
    # The event belongs to store T001: another store's counters are not sent its tickets.
    other = make_counter("1", "S2")
    assert other.cycle().ok
    assert local_registrations(other) == []


def test_one_member_registered_at_two_offline_counters_is_one_registration(
    central, make_counter, caplog
):
    central.create_store()
    a = make_counter("1")
    member = register(a)
    event_id = make_event(a)
    assert a.cycle().ok
    b = make_counter("2")
    assert b.cycle().ok  # B knows the member and the event
    # Both offline: each registers the member.
    first = invite(a, event_id, member.id)
    second = invite(b, event_id, member.id)
    assert a.cycle().ok
    with caplog.at_level(logging.WARNING, logger="services.sync.events"):
        assert b.cycle().ok
    assert op_results(a, "event.register") == [("applied", None)]
    assert op_results(b, "event.register") == [("duplicate", "event.registration_merged")]
    assert central.rows("SELECT id FROM event_registration WHERE member_id = :m", m=member.id) == [
        (first.registration_id,)
    ]
    assert central.scalar("SELECT count(*) FROM change WHERE kind = 'event_registration'") == 1
    # B pulled A's registration and kept its own; a warning says why.
    assert [r[0] for r in local_registrations(b)] == [second.registration_id]
    assert any(first.registration_id in r.getMessage() for r in caplog.records)


def test_a_guest_signed_in_at_two_offline_counters_is_one_sign_in_scanned_twice(
    central, make_counter
):
    central.create_store()
    a = make_counter("1")
    event_id = make_event(a)
    guest = invite_guest(a, event_id, "访客")
    assert a.cycle().ok
    b = make_counter("2")
    assert b.cycle().ok
    assert door(a, event_id, guest.code, "a-1").outcome == "admitted"
    assert door(b, event_id, guest.code, "b-1").outcome == "admitted"
    assert a.cycle().ok
    assert b.cycle().ok
    assert op_results(a, "event.sign_in") == [("applied", None)]
    assert op_results(b, "event.sign_in") == [("duplicate", "event.signin_merged")]
    rows = central.rows("SELECT attendee, member_id, registration_id, scans FROM event_signin")
    assert rows == [(f"r:{guest.registration_id}", None, guest.registration_id, 2)]


def test_the_batch_sees_its_own_registrations_and_refuses_a_ticket_code_twice(
    central, make_counter
):
    central.create_store()
    a = make_counter("1")
    member = register(a)
    event_id = make_event(a)
    code = new_ticket_code()
    base = {
        "event_id": event_id,
        "guest_name": None,
        "guest_mobile": None,
        "kind": "invited",
        "at": a.runtime.now().isoformat(),
    }
    first = base | {"registration_id": new_id(), "member_id": member.id, "code": code}
    payloads = [
        first,  # applied
        first,  # the same registration again
        base | {"registration_id": new_id(), "member_id": member.id, "code": new_ticket_code()},
        base | {"registration_id": new_id(), "member_id": None, "guest_name": "客", "code": code},
        base
        | {
            "registration_id": new_id(),
            "member_id": member.id,
            "event_id": new_id(),
            "code": new_ticket_code(),
        },
    ]
    with a.runtime.writer() as uow:
        for payload in payloads:
            record_operation(uow, a.manager, a.runtime.now(), "event.register", payload)
        uow.commit()
    assert a.cycle().ok  # one push: everything in one batch
    assert op_results(a, "event.register") == [
        ("applied", None),
        ("duplicate", "event.registration_exists"),
        ("duplicate", "event.registration_merged"),
        ("rejected", "event.ticket_code_taken"),
        ("rejected", "event.unknown"),
    ]
    assert central.rows("SELECT id FROM event_registration") == [(first["registration_id"],)]


def _central_url(central) -> str:
    url = central.engine.url
    if url.get_backend_name() == "postgresql":
        schema = central.scalar("SELECT current_schema()")
        url = url.set(query={"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


def test_registrations_imported_at_the_centre_reach_a_counters_door(
    central, make_counter, tmp_path, capsys
):
    central.create_store()
    a = make_counter("1")
    member = register(a)
    event_id = make_event(a, "E9")
    assert a.cycle().ok
    csv_file = tmp_path / "regs.csv"
    csv_file.write_text(
        f"\ufeff{CSV_HEADER}{member.member_no},,\n,访客甲,13900000001\n", encoding="utf-8"
    )
    args = ["--db", _central_url(central), "import-registrations", "e9", str(csv_file)]
    assert central_cli(args) == 0
    assert "2 registrations imported, 0 already registered" in capsys.readouterr().out
    assert central_cli(args) == 0  # run twice: nobody registered twice
    assert "0 registrations imported, 2 already registered" in capsys.readouterr().out
    rows = central.rows(
        "SELECT member_id, guest_name, guest_mobile, kind, device_id FROM event_registration"
    )
    assert {tuple(r) for r in rows} == {
        (member.id, None, None, "invited", None),
        (None, "访客甲", "13900000001", "invited", None),
    }
    guest_code = central.scalar("SELECT code FROM event_registration WHERE guest_name = '访客甲'")

    assert a.cycle().ok
    assert len(local_registrations(a)) == 2
    at_door = door(a, event_id, guest_code, "import-1")
    assert (at_door.outcome, at_door.attendee.name) == ("admitted", "访客甲")
    assert door(a, event_id, guest_code, "import-2").outcome == "already_signed_in"


def test_a_bad_csv_row_is_refused_with_its_line_number(central, make_counter, tmp_path, capsys):
    central.create_store()
    a = make_counter("1")
    member = register(a)
    make_event(a, "E9")
    assert a.cycle().ok
    url = _central_url(central)
    cases = [
        (
            f"{CSV_HEADER}{member.member_no},,\n,客人,\nT001-9-999999,,\n",
            "registration.unknown_member",
            4,
        ),
        (f"{CSV_HEADER},客人,\n,客人乙,12345\n", "registration.bad_mobile", 3),
        (f"{CSV_HEADER}{member.member_no},客人,\n", "registration.bad_row", 2),
        ("name,mobile\n王,13900000001\n", "registration.bad_header", 1),
    ]
    for i, (content, code, line) in enumerate(cases):
        csv_file = tmp_path / f"bad{i}.csv"
        csv_file.write_text(content, encoding="utf-8")
        assert central_cli(["--db", url, "import-registrations", "E9", str(csv_file)]) == 2
        err = capsys.readouterr().err
        assert code in err and f"'line': {line}" in err, err
    assert central.scalar("SELECT count(*) FROM event_registration") == 0
    good = tmp_path / "good.csv"
    good.write_text(f"{CSV_HEADER},客人,\n", encoding="utf-8")
    assert central_cli(["--db", url, "import-registrations", "NOPE", str(good)]) == 2
    assert "event.not_found" in capsys.readouterr().err


def test_a_chain_wide_events_registrations_reach_every_store_once(central, make_counter, caplog):
    central.create_store()
    central.create_store("S2", "二店")
    start = START
    event = {
        "code": "GALA",
        "name": "年会",
        "place": "总部",
        "starts_at": (start - timedelta(minutes=5)).isoformat(),
        "ends_at": (start + timedelta(hours=3)).isoformat(),
        "capacity": 100,
    }  # no store_id: the chain's own event
    with central.session() as s, s.begin():
        admin.load_reference(s, central.chain, "event", [event], start)
        lines = [RegistrationLine(2, "", "贵宾", "")]
        admin_events.import_registrations(s, central.chain, "GALA", lines, start)
    here, there = make_counter("2"), make_counter("1", "S2")
    assert here.cycle().ok and there.cycle().ok
    [(reg_id, *_rest)] = local_registrations(there)
    assert [r[0] for r in local_registrations(here)] == [reg_id]

    # Applied again, or for an event this counter does not know: nothing changes.
    [(body,)] = central.rows("SELECT body FROM change WHERE kind = 'event_registration'")
    change = {"kind": "event_registration", "key": reg_id, "body": json.loads(body)}
    unknown = change | {"key": "x", "body": change["body"] | {"id": new_id(), "event_id": new_id()}}
    with (
        caplog.at_level(logging.INFO, logger="services.sync.events"),
        there.runtime.writer() as uow,
    ):
        apply_changes(uow, [change, unknown], there.runtime.now())
        uow.commit()
    assert [r[0] for r in local_registrations(there)] == [reg_id]
    assert any("not known here" in r.getMessage() for r in caplog.records)


def test_a_registration_is_kept_when_its_event_was_edited_later_in_the_same_page(
    central, make_counter
):
    central.create_store()
    start = START
    event = {
        "code": "TALK",
        "name": "讲座",
        "place": "二楼",
        "starts_at": (start - timedelta(minutes=5)).isoformat(),
        "ends_at": (start + timedelta(hours=2)).isoformat(),
        "capacity": 80,
    }
    with central.session() as s, s.begin():
        admin.load_reference(s, central.chain, "event", [event], start)
    with central.session() as s, s.begin():
        lines = [RegistrationLine(2, "", "听众", "")]
        admin_events.import_registrations(s, central.chain, "TALK", lines, start)
    with central.session() as s, s.begin():  # edited after people registered
        admin.load_reference(s, central.chain, "event", [event | {"capacity": 120}], start)
    kinds = [k for (k,) in central.rows("SELECT kind FROM change ORDER BY seq")]
    assert kinds[-3:] == ["event", "event_registration", "event"]

    counter = make_counter("1")  # pulls it all in one page
    assert counter.cycle().ok
    assert [r[3] for r in local_registrations(counter)] == ["听众"]


def test_an_event_corrected_at_one_counter_reaches_the_others(central, make_counter):
    from dataclasses import replace

    central.create_store()
    a, b = make_counter("1"), make_counter("2")
    event_id = make_event(a)
    assert a.cycle().ok and b.cycle().ok
    rt = a.runtime
    spec = events.event_spec(rt.reader(), event_id)
    fixed = replace(spec, name="周末沙龙", capacity=80)
    events.update_event(rt.writer(), a.manager, rt.now(), event_id, fixed)
    assert a.cycle().ok
    assert op_results(a, "event.update") == [("applied", None)]
    assert b.cycle().ok
    there = events.event_spec(b.runtime.reader(), event_id)
    assert (there.code, there.name, there.capacity) == ("E1", "周末沙龙", 80)


def test_the_chains_own_events_are_edited_at_the_centre_not_at_a_counter(central, make_counter):
    import pytest

    from services.core.errors import StateError

    store = central.create_store()
    start = START
    event = {
        "code": "HQ1",
        "name": "总部活动",
        "place": "大厅",
        "starts_at": (start + timedelta(hours=1)).isoformat(),
        "ends_at": (start + timedelta(hours=3)).isoformat(),
        "capacity": 100,
        "store_id": store.id,  # for this store, but made by head office
    }
    with central.session() as s, s.begin():
        admin.load_reference(s, central.chain, "event", [event], start)
    counter = make_counter("1")
    assert counter.cycle().ok
    [summary] = events.list_events(counter.runtime.reader(), counter.runtime.now())
    assert summary.source == "central"
    rt = counter.runtime
    spec = events.event_spec(rt.reader(), summary.event_id)
    with pytest.raises(StateError) as refused:
        events.update_event(rt.writer(), counter.manager, rt.now(), summary.event_id, spec)
    assert refused.value.code == "event.from_centre"
