"""Property-based fuzzing of every operation type's fields against the centre on loopback.

Properties, for each hostile operation pushed: no answer is a 5xx; a 200 has a result for
the operation (a 422 refuses an envelope the schema cannot read); a rejected operation
changes nothing the chain holds (balances, coupons, stock, reference data, the feed); and
an honest operation pushed right after is applied, so nothing blocks the queue. At the end,
everything the centre published is a body every counter can apply.

Short mode: HOSTILE_EXAMPLES examples per database (40 by default). Long mode:
`HOSTILE_EXAMPLES=2000 python -m pytest -q -s tests/central/hostile/test_fuzz.py`, which
prints how many operations were tried and how many 5xx answers came back.
"""

import json

import pytest
from hypothesis import HealthCheck, given, settings

from services.protocol import validate_change
from tests.central.hostile import payloads
from tests.central.hostile.fuzz import (
    EXAMPLES,
    FuzzIds,
    Tally,
    envelope_changes,
    hostile_payloads,
)
from tests.central.hostile.state import OTHER_CHAIN, snapshot

pytestmark = pytest.mark.slow if EXAMPLES > 200 else []


def fuzz_ids(world, counter) -> FuzzIds:
    member_id = world.member(counter)
    purchase = world.earn(counter, member_id, 50_000)
    event = world.head_office_event(attendance_points=20)
    gift = payloads.gift_fields()
    assert counter.send("gift.define", gift)["result"] == "applied"
    own = payloads.context(
        member_id=member_id,
        store_id=counter.store_id,
        event_id=event["id"],
        gift_id=gift["gift_id"],
        coupon_id=world.coupon(counter, member_id),
        purchase_id=purchase["purchase_id"],
        receipt_no=purchase["receipt_no"],
    )
    outsider = world.counter("X001", OTHER_CHAIN)
    stranger = world.member(outsider)
    foreign = [
        stranger,
        world.coupon(outsider, stranger),
        world.head_office_event(OTHER_CHAIN)["id"],
        outsider.store_id,
        outsider.device_id,
    ]
    return FuzzIds(own, foreign)


def honest_visit(member_id: str) -> dict:
    return payloads.every_type(payloads.context(member_id=member_id))["member.visit"]


def test_hostile_operations_never_break_the_centre(world, centre, request):
    counter = world.counter()
    ids = fuzz_ids(world, counter)
    fuzz(world, counter, ids, hostile_payloads(ids), request.node.callspec.id)


def test_hostile_reports_of_a_day_never_break_the_centre(world, centre, request):
    """The day's reconciliation has the most fields that must agree with each other: it
    gets examples of its own, beside its share of the mixed run."""
    counter = world.counter()
    ids = fuzz_ids(world, counter)
    strategy = hostile_payloads(ids, ["pos.reconciliation"])
    fuzz(world, counter, ids, strategy, request.node.callspec.id)


def fuzz(world, counter, ids: FuzzIds, payloads_strategy, label: str) -> None:
    tally = Tally()
    problems: list = []

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=EXAMPLES <= 200,  # the short run is the same run every time
        suppress_health_check=list(HealthCheck),
    )
    @given(hostile=payloads_strategy, envelope=envelope_changes())
    def push_one(hostile, envelope):
        op_type, body = hostile
        before = snapshot(world.central)
        op = counter.op(op_type, body)
        op.update(envelope)
        answer = counter.push(op)
        tally.operations += 1
        tally.statuses[answer.status_code] += 1
        if answer.status_code >= 500:
            tally.server_errors += 1
            problems.append(("5xx", op_type, envelope, answer.status_code, answer.text[:200]))
            counter.next_seq = next_expected(world, counter)
        elif answer.status_code == 200:
            results = answer.json()["results"]
            assert len(results) == 1, (op_type, envelope, results)
            result = results[0]
            tally.results[result["result"]] += 1
            if result["result"] == "rejected":
                assert result["code"], result
                assert snapshot(world.central) == before, (op_type, body, result)
        else:
            assert answer.status_code == 422, (op_type, envelope, answer.status_code)
        honest = counter.send("member.visit", honest_visit(ids.own["member_id"]))
        assert honest["result"] == "applied", (op_type, envelope, honest)

    push_one()
    print("\n" + tally.line(label))
    assert problems == []
    assert_feed_applicable(counter)


def assert_feed_applicable(counter) -> None:
    """Every change published is one a counter can apply (services/protocol/changes.py)."""
    refused = []
    for change in counter.pull_all():
        try:
            validate_change(change["kind"], change["body"])
        except ValueError as problem:
            refused.append((change["kind"], change["key"], str(problem)[:120]))
    assert refused == [], json.dumps(refused[:10], ensure_ascii=False)


def next_expected(world, counter) -> int:
    return (
        world.central.scalar("SELECT last_seq FROM device WHERE id = :d", d=counter.device_id) + 1
    )
