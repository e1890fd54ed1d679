"""A sign-in undone at the door takes back the attendance points its own door credited, and
nothing else: a reversal for a bonus another door was credited, or none was, debits nobody."""

from tests.central.hostile import payloads
from tests.central.hostile.state import balance


def reversal(member_id: str, event_id: str, points: int = 20) -> dict:
    return {
        "member_id": member_id,
        "points": points,
        "event_id": event_id,
        "signin_id": payloads.new_id(),
        "reverses_id": payloads.new_id(),
        "rule_version": 1,
    }


def test_a_door_takes_back_only_the_bonus_it_was_credited(world):
    event = world.head_office_event(attendance_points=20)
    door_a, door_b = world.counter(), world.counter()
    member_id = world.member(door_a)
    before = balance(world.central, member_id)
    first = door_a.send("points.event_bonus", payloads.event_bonus(member_id, event["id"]))
    second = door_b.send("points.event_bonus", payloads.event_bonus(member_id, event["id"]))
    assert (first["result"], second["result"]) == ("applied", "duplicate")
    assert balance(world.central, member_id) == before + 20
    # Door B undoes its sign-in: its bonus was never credited, so nothing is taken.
    undo_b = door_b.send("points.event_bonus_reversal", reversal(member_id, event["id"]))
    assert (undo_b["result"], undo_b["code"]) == ("duplicate", "points.bonus_not_credited")
    assert balance(world.central, member_id) == before + 20
    # More than was credited is refused; door A's own undo takes the 20 back.
    too_much = door_a.send("points.event_bonus_reversal", reversal(member_id, event["id"], 999))
    assert (too_much["result"], too_much["code"]) == ("rejected", "points.bonus_not_derivable")
    undo_a = door_a.send("points.event_bonus_reversal", reversal(member_id, event["id"]))
    assert undo_a["result"] == "applied"
    assert balance(world.central, member_id) == before
    # Signed in again later, the member earns the attendance points again, once.
    again = door_a.send("points.event_bonus", payloads.event_bonus(member_id, event["id"]))
    assert again["result"] == "applied"
    assert balance(world.central, member_id) == before + 20
