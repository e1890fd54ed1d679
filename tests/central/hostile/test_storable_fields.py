"""Fields the database cannot store (NUL bytes, strings past their column, integers past 64
bits, a device time in year 1) never make an HTTP 500, and a bad row never fails the whole
batch: the operation is `rejected`, the ones around it applied; an envelope the schema
refuses is a 422."""

from common.ids import new_id
from tests.central.hostile import payloads
from tests.central.hostile.counter import digest, post_json

LONG = "长" * 10_000
NUL = "a\x00b"

# (type, what replaces the well-formed payload's fields); the payload is otherwise honest.
BAD_PAYLOAD_FIELDS = [
    ("member.register", {"name": NUL}),
    ("member.register", {"name": LONG}),
    ("member.register", {"member_no": "N" * 65}),
    ("member.register", {"note": NUL}),
    ("member.register", {"name": "\ud800"}),  # a lone surrogate: UTF-8 cannot hold it
    ("coupon.revoke", {"reason": "\udfff"}),
    ("member.register", {"birth_year": 2**63}),
    ("member.register", {"mobile": "\u0661" * 11}),  # Arabic-Indic digits: isdigit() is True
    ("member.update", {"birth_day": 2**64}),
    ("member.card_reissue", {"card_serial": 2**31}),  # an INTEGER column
    ("member.deactivate", {"reason": NUL}),
    ("member.visit", {"source": NUL}),
    ("member.visit", {"visit_id": "v" * 37}),
    ("points.earn", {"receipt_no": "R" * 65}),
    ("points.earn", {"receipt_no": "R\x00"}),
    ("points.earn", {"gross_fen": 2**64, "paid_fen": 2**64, "points": 2**57}),
    ("points.earn", {"categories": {NUL: 100}}),
    ("points.earn", {"at": "0001-01-01T00:00:00+00:00"}),
    ("points.earn", {"at": "9999-12-31T23:59:59+14:00"}),
    ("points.adjust", {"delta": 2**63}),
    ("points.adjust", {"delta": -(2**63) - 1}),
    ("points.adjust", {"reason": LONG}),
    ("points.redeem", {"points": 2**63 - 1, "coupon_ids": None, "cash_fen": 2**63 - 1}),
    ("coupon.issue", {"code": "C" * 17}),
    ("coupon.issue", {"value": 2**64}),
    ("coupon.issue", {"signed_code": NUL}),
    ("coupon.redeem", {"coupon_id": "c" * 200}),
    ("coupon.redeem", {"discount_fen": 2**63}),
    ("gift.define", {"sku": "G" * 1000}),
    ("gift.define", {"name_zh": NUL}),
    ("gift.define", {"points_price": 2**63}),
    ("coupon_template.define", {"code": "T" * 65}),
    ("event.create", {"code": "E" * 65}),
    ("event.create", {"place": NUL}),
    ("event.create", {"capacity": 2**63}),
    ("event.register", {"code": "LCE" + "A" * 100}),
    ("event.register", {"member_id": None, "guest_name": NUL}),
    ("event.sign_in", {"nonce": LONG}),
    ("event.sign_in", {"member_id": None, "registration_id": "r" * 100}),
    ("stock.receive", {"quantity": 2**62, "on_hand_after": 2**62}),
    ("stock.count", {"counted": 2**63}),
    ("stock.adjust", {"reason": NUL}),
    ("conflict.resolve", {"reason": NUL}),
    ("conflict.resolve", {"conflict_id": "k" * 100}),
    ("nps.record", {"comment": LONG}),
]


def test_a_bad_field_is_its_own_operations_rejection_and_the_rest_applies(world):
    counter = world.counter()
    member_id = world.member(counter)
    ctx = payloads.context(member_id=member_id, store_id=counter.store_id)
    failures = []
    for op_type, fields in BAD_PAYLOAD_FIELDS:
        bad = counter.op(op_type, payloads.every_type(ctx)[op_type] | fields)
        before, after = honest_visit(counter, member_id), honest_visit(counter, member_id)
        answer = counter.push(before, bad, after)
        if answer.status_code != 200:
            failures.append((op_type, fields_repr(fields), answer.status_code, answer.text[:120]))
            counter.next_seq = next_seq(world, counter)
            continue
        got = [(r["result"], r["code"]) for r in answer.json()["results"]]
        if len(got) != 3 or got[0][0] != "applied" or got[2][0] != "applied":
            failures.append((op_type, fields_repr(fields), got))
        elif got[1][0] != "rejected":
            failures.append((op_type, fields_repr(fields), "accepted", got[1]))
    assert failures == [], "\n".join(map(repr, failures))


# (what replaces the honest envelope's fields)
BAD_ENVELOPES = [
    {"device_time": "0001-01-01T00:00:00+00:00"},
    {"device_time": "9999-12-31T23:59:59+00:00"},
    {"device_time": "not a time"},
    {"seq": 2**63},
    {"seq": 2**64},
    {"version": 2**31},
    {"version": 2**63},
    {"id": "x" * 36},
    {"id": "'; DROP TABLE operation; --" + " " * 9},
    {"store_id": "s" * 10_000},
    {"staff_id": NUL},
    {"staff_id": "\ud800"},
    {"staff_id": "s" * 1000},
    {"type": "points." + "x" * 100},
    {"type": NUL},
    {"payload_hash": "Z" * 64},
    {"payload_hash": "\x00" * 64},
    {"device_id": "d" * 1000},
    {"payload": "[]"},
    {"payload": "1e999"},
    {"payload": '{"member_id":' * 5000},
]


def test_a_bad_envelope_is_refused_without_a_server_error_and_the_queue_goes_on(world):
    counter = world.counter()
    member_id = world.member(counter)
    failures = []
    for fields in BAD_ENVELOPES:
        op = honest_visit(counter, member_id) | fields
        op.setdefault("seq", None)
        if "payload" in fields and "payload_hash" not in fields:
            op["payload_hash"] = digest(fields["payload"])
        answer = counter.push(op)
        if answer.status_code >= 500:
            failures.append((fields_repr(fields), answer.status_code, answer.text[:120]))
        elif answer.status_code == 200:
            results = answer.json()["results"]
            if any(r["result"] == "applied" for r in results):
                failures.append((fields_repr(fields), "applied", results))
        elif answer.status_code != 422:
            failures.append((fields_repr(fields), answer.status_code, answer.text[:120]))
        counter.next_seq = next_seq(world, counter)
        result = counter.send("member.visit", visit_payload(member_id))
        if result["result"] != "applied":
            failures.append((fields_repr(fields), "blocked", result))
    assert failures == [], "\n".join(map(repr, failures))


def test_a_wild_device_clock_header_is_no_server_error(world):
    counter = world.counter()
    member_id = world.member(counter)
    for header in (
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z",
        "garbage",
        "2026-13-45T99:00:00Z",
        "1" * 400,
    ):
        answer = counter.push(honest_visit(counter, member_id), headers={"X-Device-Time": header})
        assert answer.status_code in (200, 422), (header, answer.status_code, answer.text)
        counter.next_seq = next_seq(world, counter)


def test_a_request_body_past_the_schema_is_a_422_not_a_500(world):
    counter = world.counter()
    for body in ({"operations": "x"}, {"operations": [1]}, [], {"operations": [{}]}, None):
        answer = post_json(world.http, "/v1/push", body, counter.auth)
        assert answer.status_code == 422, (body, answer.status_code)
    answer = world.http.post(
        "/v1/push",
        content=b"\xff\xfe{",
        headers={**counter.auth, "Content-Type": "application/json"},
    )
    assert answer.status_code in (400, 422)
    assert world.http.get("/v1/pull?after=-1", headers=counter.auth).status_code == 422
    assert world.http.get(f"/v1/pull?after={2**64}", headers=counter.auth).status_code < 500


def visit_payload(member_id: str) -> dict:
    return {"visit_id": new_id(), "member_id": member_id, "source": "scan", "at": payloads.AT}


def honest_visit(counter, member_id: str) -> dict:
    return counter.op("member.visit", visit_payload(member_id))


def next_seq(world, counter) -> int:
    return (
        world.central.scalar("SELECT last_seq FROM device WHERE id = :d", d=counter.device_id) + 1
    )


def fields_repr(fields: dict) -> str:
    return repr(
        {k: (v[:20] + "…" if isinstance(v, str) and len(v) > 20 else v) for k, v in fields.items()}
    )[:200]
