"""One accepted record must not stop every counter from pulling: what the centre publishes,
every counter can apply. A payload that would publish something no counter can apply is
refused where it arrives (`op.bad_payload`), a head-office load with a CentralError."""

import json

import pytest

from central.errors import CentralError
from tests.central.hostile import payloads
from tests.central.hostile.realcounter import assert_pulls_on, next_label
from tests.central.hostile.state import member_row, snapshot


def test_a_member_update_to_birth_month_13_is_refused_and_never_published(world, make_counter):
    attacker = world.counter()
    member_id = world.member(attacker)
    bystander = make_counter(next_label())
    assert bystander.cycle().ok
    before = member_row(world.central, member_id)
    body = payloads.member_update(
        payloads.member_register(attacker.store_id, mobile=before["mobile"]),
        member_id=member_id,
        birth_month=13,
    )
    result = attacker.send("member.update", body)
    assert (result["result"], result["code"]) == ("rejected", "op.bad_payload")
    assert member_row(world.central, member_id)["birth_month"] == before["birth_month"]
    published = [
        c["body"] for c in attacker.pull_all() if c["kind"] == "member" and c["key"] == member_id
    ]
    assert published  # the registration was published: the check below looks at something
    assert all(1 <= b["birth_month"] <= 12 for b in published)
    later = world.member(attacker)
    assert_pulls_on(bystander, later)


@pytest.mark.parametrize("field", ["source_ref", "value", "min_spend_fen", "extra"])
def test_a_coupon_with_nan_in_its_payload_is_refused_and_never_published(
    world, make_counter, field
):
    attacker = world.counter()
    member_id = world.member(attacker)
    bystander = make_counter(next_label())
    coupon = payloads.coupon_issue(member_id)
    text = payloads_text_with(coupon, field, "NaN")
    result = attacker.send("coupon.issue", None, text=text)
    assert (result["result"], result["code"]) == ("rejected", "op.bad_payload")
    assert (
        world.central.scalar("SELECT count(*) FROM coupon WHERE id = :c", c=coupon["coupon_id"])
        == 0
    )
    # A revoke would publish the issue payload (`coupon_revoked`): there is none to publish.
    revoke = {"coupon_id": coupon["coupon_id"], "reason": "mistake", "points_returned": 0}
    assert attacker.send("coupon.revoke", revoke)["result"] == "rejected"
    raw = world.http.get("/v1/pull?after=0&limit=10000", headers=attacker.auth).text
    assert "NaN" not in raw
    json.loads(raw)  # the page is JSON every counter can read
    assert_pulls_on(bystander, world.member(attacker))


def test_an_event_loaded_without_a_place_is_refused_at_the_centre(world, make_counter):
    attacker = world.counter()
    bystander = make_counter(next_label())
    event = payloads.event_fields()
    item = {k: v for k, v in event.items() if k not in ("event_id", "place")}
    item["id"] = event["event_id"]
    before = snapshot(world.central)
    with pytest.raises(CentralError) as refused:
        world.load("event", item)
    assert refused.value.code
    assert snapshot(world.central) == before  # nothing stored, nothing published
    # Nor from a counter: the same event sent as event.create is a bad payload.
    sent = {k: v for k, v in payloads.event_fields().items() if k != "place"}
    result = attacker.send("event.create", sent)
    assert (result["result"], result["code"]) == ("rejected", "op.bad_payload")
    assert snapshot(world.central) == before
    assert_pulls_on(bystander, world.member(attacker))


@pytest.mark.parametrize(
    "change",
    [
        {"birth_month": 13},
        {"birth_day": 31, "birth_month": 2},
        {"name": "a\x00b"},
        {"mobile": "1" * 200},
    ],
    ids=["month-13", "31-february", "nul-in-name", "long-mobile"],
)
def test_member_fields_no_counter_can_apply_are_refused(world, make_counter, change):
    attacker = world.counter()
    member_id = world.member(attacker)
    bystander = make_counter(next_label())
    before = snapshot(world.central)
    mobile = member_row(world.central, member_id)["mobile"]
    body = payloads.member_update(
        payloads.member_register(attacker.store_id, mobile=mobile), member_id=member_id, **change
    )
    result = attacker.send("member.update", body)
    assert (result["result"], result["code"]) == ("rejected", "op.bad_payload")
    assert snapshot(world.central) == before
    assert_pulls_on(bystander, world.member(attacker))


def payloads_text_with(payload: dict, field: str, token: str) -> str:
    """The payload's canonical text with `field` set to a bare JSON token (NaN, Infinity),
    which Python's json writes and a strict reader refuses."""
    marker = "__TOKEN__"
    text = json.dumps(
        payload | {field: marker}, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return text.replace(f'"{marker}"', token)
