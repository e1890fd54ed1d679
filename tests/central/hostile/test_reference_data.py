"""A counter changes only what its store owns: head office's gifts and events, and another
store's, cannot be rewritten from a counter."""

import json

from tests.central.hostile import payloads
from tests.central.hostile.state import snapshot


def rejected_changing_nothing(world, counter, op_type, payload) -> dict:
    before = snapshot(world.central)
    result = counter.send(op_type, payload)
    assert result["result"] == "rejected", result
    assert snapshot(world.central) == before
    return result


def as_payload(item: dict, id_field: str) -> dict:
    return {k: v for k, v in item.items() if k != "id"} | {id_field: item["id"]}


def test_a_counter_cannot_reprice_head_offices_gift(world):
    gift = world.head_office_gift(points_price=5000)
    counter = world.counter()
    cheap = as_payload(gift, "gift_id") | {"points_price": 1}
    rejected_changing_nothing(world, counter, "gift.update", cheap)
    # Nor under a new id with the same SKU (gifts are kept by SKU).
    again = payloads.gift_fields(sku=gift["sku"], points_price=1)
    rejected_changing_nothing(world, counter, "gift.define", again)
    assert json.loads(world.reference_body("gift", gift["id"]))["points_price"] == 5000


def test_a_counter_cannot_rewrite_head_offices_event(world):
    event = world.head_office_event(attendance_points=20)
    counter = world.counter()
    update = as_payload(event, "event_id") | {"attendance_points": 10_000, "place": "别处"}
    rejected_changing_nothing(world, counter, "event.update", update)
    fresh = payloads.event_fields(code=event["code"], attendance_points=10_000)
    rejected_changing_nothing(world, counter, "event.create", fresh)
    body = json.loads(world.reference_body("event", event["id"]))
    assert (body["attendance_points"], body["place"]) == (20, event["place"])


def test_a_counter_cannot_change_another_stores_gift_or_event(world):
    owner, other = world.counter("T001"), world.counter("T002")
    gift = payloads.gift_fields(points_price=800)
    assert owner.send("gift.define", gift)["result"] == "applied"
    event = payloads.event_fields()
    assert owner.send("event.create", event)["result"] == "applied"
    rejected_changing_nothing(world, other, "gift.update", gift | {"points_price": 1})
    rejected_changing_nothing(world, other, "event.update", event | {"capacity": 1})
    # The owner's own change applies.
    assert owner.send("gift.update", gift | {"points_price": 900})["result"] == "applied"
