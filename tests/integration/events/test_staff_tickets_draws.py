"""Events on a real SQLite file: who may sign people in, tickets and guests, draw rounds,
and a pop-up event checked before it is made.
"""

import json
import sqlite3
from datetime import timedelta

import pytest

from services.core.errors import PermissionDenied, StateError, ValidationError
from services.events import planning as events
from services.events import prize_draws as event_draws
from services.events import registrations
from services.events import reports as event_reports
from services.events import signin as event_signin
from services.events.planning import EventSpec
from tests.integration.events.conftest import sign


def test_only_the_listed_staff_sign_people_in(counter, setup):
    now, rt = counter.runtime.now(), counter.runtime
    door_keeper = counter.make_event_staff("门卫")
    other = counter.add_staff("另一位", "event_staff", "7391")
    event_id = events.create_event(
        rt.writer(),
        counter.manager,
        now,
        EventSpec(
            "E2",
            "闭门会",
            "二楼",
            now,
            now + timedelta(hours=1),
            5,
            staff_ids=(door_keeper.staff_id,),
        ),
    )
    code = setup[1][0][1]
    with pytest.raises(PermissionDenied) as caught:
        sign(counter, event_id, code, "x", other)
    assert caught.value.code == "event.not_assigned"
    assert sign(counter, event_id, code, "y", door_keeper).outcome == "admitted"


def test_tickets_guests_and_other_events(counter, db, setup):
    event_id, _people = setup
    now, rt = counter.runtime.now(), counter.runtime
    guest = registrations.register_guest(
        rt.writer(), counter.manager, now, event_id, "客人", "13900000009"
    )
    other = events.create_event(
        rt.writer(),
        counter.manager,
        now,
        EventSpec("E3", "别的活动", "三楼", now, now + timedelta(hours=1), 5),
    )
    wrong = sign(counter, other, guest.code, "w")
    assert (wrong.outcome, wrong.other_event) == ("not_registered", "沙龙")
    assert sign(counter, event_id, guest.code.lower(), "g").outcome == "admitted"
    unknown = sign(counter, event_id, "LCE" + "2" * 16, "u")
    assert unknown.outcome == "not_registered" and unknown.attendee is None
    with pytest.raises(ValidationError) as caught:
        sign(counter, event_id, "LCE123", "v")
    assert caught.value.code == "event.bad_ticket"
    report = event_reports.attendance(rt.reader(), event_id)
    assert (report.registered, report.signed_in, report.no_shows) == (1, 1, 0)
    assert report.rows[0].mobile_masked == "139****0009"


def test_draw_rounds_are_recorded_rerun_and_exclude_winners(counter, db, setup):
    event_id, people = setup
    event_signin.sign_in(
        counter.runtime.writer(),
        counter.manager,
        counter.runtime.now(),
        event_id,
        people[0][1],
        "a",
    )
    event_signin.sign_in(
        counter.runtime.writer(),
        counter.manager,
        counter.runtime.now(),
        event_id,
        people[1][1],
        "b",
    )
    rt, mgr = counter.runtime, counter.manager
    with pytest.raises(StateError):
        event_draws.run_draw(
            rt.writer(),
            mgr,
            rt.now(),
            events.create_event(
                rt.writer(),
                mgr,
                rt.now(),
                EventSpec("E9", "空", "空", rt.now(), rt.now() + timedelta(hours=1), 1),
            ),
            "杯子",
            1,
        )
    first = event_draws.run_draw(rt.writer(), mgr, rt.now(), event_id, "音箱", 1, seed="000")
    assert first.round == 1 and first.entrants == 2 and first.seed == "000"
    second = event_draws.run_draw(rt.writer(), mgr, rt.now(), event_id, "杯子", 1)
    assert second.entrants == 1 and second.winners[0].key != first.winners[0].key
    with pytest.raises(StateError):
        event_draws.run_draw(rt.writer(), mgr, rt.now(), event_id, "伞", 1)
    for d in (first, second):
        assert event_draws.verify_draw(rt.reader(), d.draw_id)
    stored = json.loads(db.scalar("SELECT entrants FROM event_draw WHERE round = 1"))
    assert sorted(stored) == [f"m:{people[0][0].id}", f"m:{people[1][0].id}"]
    assert db.count("outbox WHERE op_type = 'event.draw'") == 2
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE event_draw SET winners = '[]'")


def test_a_pop_up_event_is_checked_before_it_is_created(counter):
    rt, mgr, now = counter.runtime, counter.manager, counter.runtime.now()
    bad = [
        (EventSpec("X", "", "场地", now, now + timedelta(hours=1), 5), "event.name.empty"),
        (EventSpec("X", "名", "场地", now, now, 5), "event.bad_window"),
        (EventSpec("X", "名", "场地", now, now + timedelta(hours=1), 0), "event.bad_numbers"),
        (EventSpec("X", "名", "", now, now + timedelta(hours=1), 5), "event.place_empty"),
    ]
    for spec, code in bad:
        with pytest.raises(ValidationError) as caught:
            events.create_event(rt.writer(), mgr, now, spec)
        assert caught.value.code == code
    events.create_event(
        rt.writer(), mgr, now, EventSpec("pop-1", "快闪", "门口", now, now + timedelta(hours=1), 5)
    )
    with pytest.raises(StateError) as caught:
        events.create_event(
            rt.writer(),
            mgr,
            now,
            EventSpec("POP-1", "快闪", "门口", now, now + timedelta(hours=1), 5),
        )
    assert caught.value.code == "event.code_taken"
    with pytest.raises(PermissionDenied):
        events.create_event(
            rt.writer(),
            counter.make_event_staff(),
            now,
            EventSpec("P2", "快闪", "门口", now, now + timedelta(hours=1), 5),
        )
