"""Every lookup is scoped to the chain: a counter of another chain cannot revoke, redeem,
sign in to or even learn of this chain's coupons, events and members."""

from tests.central.hostile import payloads
from tests.central.hostile.state import OTHER_CHAIN, balance, snapshot


def intruder(world):
    return world.counter("X001", OTHER_CHAIN)


def rejected_changing_nothing(world, counter, op_type, payload) -> dict:
    before = snapshot(world.central)
    result = counter.send(op_type, payload)
    assert result["result"] == "rejected", result
    assert snapshot(world.central) == before
    return result


def test_another_chains_counter_cannot_revoke_or_redeem_this_chains_coupon(world):
    home = world.counter()
    member_id = world.member(home)
    world.earn(home, member_id)
    coupon_id = world.coupon(home, member_id)
    x = intruder(world)
    revoke = {"coupon_id": coupon_id, "reason": "x", "points_returned": 0}
    rejected_changing_nothing(world, x, "coupon.revoke", revoke)
    redeem = payloads.every_type(payloads.context(coupon_id=coupon_id))["coupon.redeem"]
    redeem["member_id"] = None
    rejected_changing_nothing(world, x, "coupon.redeem", redeem)
    void = {"coupon_id": coupon_id, "reason": "x", "points_returned": 0}
    x.send("coupon.void_redemption", void)
    assert (
        world.central.scalar(
            "SELECT count(*) FROM coupon_redemption WHERE coupon_id = :c", c=coupon_id
        )
        == 0
    )
    # The real redemption, at this chain's counter, is the first and applies as usual.
    real = home.send("coupon.redeem", redeem | {"member_id": member_id})
    assert (real["result"], real["code"]) == ("applied", None)
    assert world.central.scalar("SELECT status FROM coupon WHERE id = :c", c=coupon_id) == "issued"


def test_another_chains_counter_cannot_sign_in_to_or_register_for_this_chains_event(world):
    home = world.counter()
    member_id = world.member(home)
    event = world.head_office_event()
    x = intruder(world)
    own_member = world.member(x)
    for op_type in ("event.sign_in", "event.signin"):
        rejected_changing_nothing(world, x, op_type, payloads.sign_in(event["id"], own_member))
    register = payloads.every_type(payloads.context(event_id=event["id"], member_id=own_member))
    rejected_changing_nothing(world, x, "event.register", register["event.register"])
    bonus = payloads.event_bonus(own_member, event["id"])
    rejected_changing_nothing(world, x, "points.event_bonus", bonus)
    # This chain's own sign-in is the first.
    result = home.send("event.sign_in", payloads.sign_in(event["id"], member_id))
    assert (result["result"], result["code"]) == ("applied", None)


def test_probing_another_chains_member_ids_learns_nothing(world):
    """Each operation on a member of another chain is answered exactly as one on an id no
    chain holds, and changes nothing."""
    home = world.counter()
    member_id = world.member(home)
    world.earn(home, member_id)
    x = intruder(world)
    made_up = payloads.member_register(x.store_id)["member_id"]
    for op_type in (
        "member.update",
        "member.deactivate",
        "member.card_reissue",
        "member.visit",
        "points.adjust",
        "points.earn",
        "points.redeem",
        "coupon.issue",
    ):
        answers = []
        for target in (member_id, made_up):
            body = payloads.every_type(payloads.context(member_id=target, store_id=x.store_id))
            payload = body[op_type]
            if op_type == "points.redeem":
                payload = {"member_id": target, "points": 100, "rule_version": 1}
            before = snapshot(world.central)
            result = x.send(op_type, payload)
            if target == member_id:
                # A visit is only recorded; every other type must find the member first.
                assert op_type == "member.visit" or result["result"] == "rejected", result
                assert snapshot(world.central) == before, op_type
            answers.append((result["result"], result["code"]))
        assert answers[0] == answers[1], op_type
    assert balance(world.central, member_id) == 100
    # Registering a member under the taken id does not merge into it either.
    taken = payloads.member_register(x.store_id, member_id=member_id, mobile="13900000009")
    result = rejected_changing_nothing(world, x, "member.register", taken)
    assert result["code"] != "member.exists"
