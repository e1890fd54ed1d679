"""Every operation type an honest counter journals is one the centre knows: none of them is
answered `op.unknown_type` (nps.record was, and sat rejected on every counter's Sync page)."""

from services.protocol import OPERATION_TYPES
from tests.central.hostile import payloads
from tests.central.hostile.state import op_row


def test_the_counters_nps_record_is_applied(world):
    counter = world.counter()
    member_id = world.member(counter)
    body = payloads.every_type(payloads.context(member_id=member_id))["nps.record"]
    op = counter.op("nps.record", body)
    [result] = counter.push(op).json()["results"]
    assert (result["result"], result["code"]) == ("applied", None)
    assert op_row(world.central, op["id"])["result"] == "applied"  # recorded


def test_no_type_the_counter_journals_is_unknown_to_the_centre(world):
    counter = world.counter()
    member_id = world.member(counter)
    examples = payloads.every_type(payloads.context(member_id=member_id))
    assert set(examples) == set(OPERATION_TYPES)
    unknown = []
    for op_type in sorted(OPERATION_TYPES):
        result = counter.send(op_type, examples[op_type])
        if result["code"] in ("op.unknown_type", "op.unsupported_version"):
            unknown.append((op_type, result["code"]))
    assert unknown == []


def test_every_example_payload_is_well_formed(world):
    """The suite's starting points are what an honest counter sends: none is refused as a
    bad payload (else the fuzz would only ever try payloads refused for another reason)."""
    counter = world.counter()
    member_id = world.member(counter)
    examples = payloads.every_type(payloads.context(member_id=member_id))
    refused = []
    for op_type, body in sorted(examples.items()):
        result = counter.send(op_type, body)
        if result["code"] == "op.bad_payload":
            refused.append(op_type)
    assert refused == []
