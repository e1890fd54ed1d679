"""A counter pushing under another device's id must not take that device's sequence numbers."""

from tests.central.hostile import payloads
from tests.central.hostile.state import op_row


def visit(member_id: str) -> dict:
    return payloads.every_type(payloads.context(member_id=member_id))["member.visit"]


def test_operations_under_another_devices_id_are_kept_under_the_sender(world):
    honest, rogue = world.counter(), world.counter()
    member_id = world.member(honest)  # the honest device's seq 1
    assert rogue.send("member.visit", visit(member_id))["result"] == "applied"  # rogue's seq 1
    forged = [
        rogue.op("member.visit", visit(member_id), device_id=honest.device_id, seq=seq)
        for seq in (2, 3)
    ]
    answer = rogue.push(*forged)
    assert answer.status_code == 200
    assert len(answer.json()["results"]) == 2
    # Whatever the answer to the forgery, nothing is stored under the honest device.
    for op in forged:
        row = op_row(world.central, op["id"])
        assert row is None or row["device_id"] == rogue.device_id
    taken = world.central.scalar(
        "SELECT count(*) FROM operation WHERE device_id = :d AND seq IN (2, 3)",
        d=honest.device_id,
    )
    assert taken == 0
    # The honest device's next operations, at those sequence numbers, are applied.
    assert honest.next_seq == 2
    result = honest.send("member.visit", visit(member_id))
    assert (result["seq"], result["result"]) == (2, "applied")
    result = honest.send("points.earn", payloads.earn(member_id))
    assert (result["seq"], result["result"]) == (3, "applied")
