"""Two doors offline at once: each credits the event's attendance points to the member it
admits; the centre credits them once."""

from tests.central.hostile import payloads
from tests.central.hostile.state import balance


def test_an_event_bonus_from_two_offline_doors_is_credited_once(world):
    door_a, door_b = world.counter("T001"), world.counter("T002")
    member_id = world.member(door_a)
    event = world.head_office_event(attendance_points=20)
    first = door_a.send("points.event_bonus", payloads.event_bonus(member_id, event["id"]))
    second = door_b.send("points.event_bonus", payloads.event_bonus(member_id, event["id"]))
    assert first["result"] == "applied"
    assert second["result"] in ("duplicate", "rejected") and second["code"]
    assert balance(world.central, member_id) == 20


def test_an_event_bonus_twice_in_one_batch_is_credited_once(world):
    door = world.counter()
    member_id = world.member(door)
    event = world.head_office_event(attendance_points=20)
    answer = door.push(
        door.op("points.event_bonus", payloads.event_bonus(member_id, event["id"])),
        door.op("points.event_bonus", payloads.event_bonus(member_id, event["id"])),
    )
    got = [r["result"] for r in answer.json()["results"]]
    assert got[0] == "applied" and got[1] in ("duplicate", "rejected")
    assert balance(world.central, member_id) == 20
