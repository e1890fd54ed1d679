"""The typed sync protocol (services.protocol): every field rule refused with its code and the
field it blames; payload text without NaN, Infinity or duplicate keys; change bodies a counter
could not apply refused before they are published."""

import pytest

from services.protocol import (
    CHANGE_KINDS,
    OPERATION_TYPES,
    ProtocolError,
    change_schemas,
    limits,
    payload_schemas,
    validate_change,
    validate_payload,
)

ID = "01900000-0000-7000-8000-000000000001"
OTHER = "01900000-0000-7000-8000-000000000002"
AT = "2026-03-01T10:00:00+08:00"

EARN = {
    "purchase_id": ID,
    "receipt_no": "R0001",
    "member_id": OTHER,
    "gross_fen": 12_345,
    "discount_fen": 0,
    "points_cash_fen": 0,
    "coupon_id": None,
    "coupon_fen": 0,
    "paid_fen": 12_345,
    "categories": {"electronics": 10_000},
    "points": 143,
    "base": 123,
    "multiplier": 1,
    "category_bonus": 20,
    "promotion_bonus": 0,
    "tier": "bronze",
    "birthday_month": False,
    "rule_version": 1,
    "at": AT,
}
MEMBER = {
    "member_id": ID,
    "member_no": "S1-1-000001",
    "name": "王芳",
    "mobile": "13800138000",
    "birth_month": 2,
    "birth_day": 29,
    "birth_year": 1990,
    "consent_marketing": True,
    "note": None,
    "home_store_id": OTHER,
}
EVENT = {
    "id": ID,
    "code": "GALA",
    "name": "年会",
    "place": "总部",
    "starts_at": "2026-03-01T18:00:00+08:00",
    "ends_at": "2026-03-01T21:00:00+08:00",
    "capacity": 100,
}


def refused(op_type: str, body, version: int = 1) -> ProtocolError:
    with pytest.raises(ProtocolError) as caught:
        validate_payload(op_type, version, body)
    return caught.value


def test_a_valid_payload_is_returned_as_it_was_sent():
    assert validate_payload("points.earn", 1, EARN) is EARN
    assert validate_payload("member.register", 1, MEMBER) is MEMBER


# (what, field, value, field blamed)
EARN_FAULTS = [
    ("a bool for an int", "gross_fen", True, "gross_fen"),
    ("a float", "gross_fen", 123.0, "gross_fen"),
    ("a numeric string", "gross_fen", "12345", "gross_fen"),
    ("2**64", "gross_fen", 2**64, "gross_fen"),
    ("2**63", "points", 2**63, "points"),
    ("a negative amount", "discount_fen", -1, "discount_fen"),
    ("more than any purchase", "paid_fen", limits.MAX_FEN + 1, "paid_fen"),
    ("a rule version of 0", "rule_version", 0, "rule_version"),
    ("a tier that is not one", "tier", "diamond", "tier"),
    ("a short id", "purchase_id", "p1", "purchase_id"),
    ("an id with a NUL", "purchase_id", ID[:-1] + "\x00", "purchase_id"),
    ("a receipt with a space", "receipt_no", "R 1", "receipt_no"),
    ("a receipt of 65 characters", "receipt_no", "R" * 65, "receipt_no"),
    ("a time without an offset", "at", "2026-03-01T10:00:00", "at"),
    ("a time in 1999", "at", "1999-12-31T23:59:59+00:00", "at"),
    ("a time in 2101", "at", "2101-01-01T00:00:00+00:00", "at"),
    ("a time in month 13", "at", "2026-13-01T00:00:00+00:00", "at"),
    ("30 February", "at", "2026-02-30T00:00:00+00:00", "at"),
    ("an offset of 15 hours", "at", "2026-03-01T00:00:00+15:00", "at"),
    ("a time as a number", "at", 1_772_000_000, "at"),
    ("a category with a negative amount", "categories", {"food": -1}, "categories.food"),
    ("a category amount as a float", "categories", {"food": 1.5}, "categories.food"),
    ("a nested category", "categories", {"food": {"a": 1}}, "categories.food"),
    ("too many categories", "categories", {f"c{i}": 1 for i in range(65)}, "categories"),
    ("a list for the categories", "categories", [1], "categories"),
    ("a bool as a number", "birthday_month", 0, "birthday_month"),
]


@pytest.mark.parametrize(
    ("what", "field", "value", "blamed"), EARN_FAULTS, ids=[f[0] for f in EARN_FAULTS]
)
def test_each_field_rule_of_an_earn_is_refused_naming_the_field(what, field, value, blamed):
    error = refused("points.earn", EARN | {field: value})
    assert (error.code, error.field) == ("op.bad_payload", blamed), what


MEMBER_FAULTS = [
    ("birth month 13", {"birth_month": 13}, "birth_month"),
    ("birth month 0", {"birth_month": 0}, "birth_month"),
    ("birth day 32", {"birth_day": 32}, "birth_day"),
    ("30 February", {"birth_month": 2, "birth_day": 30}, "birth_day"),
    ("31 April", {"birth_month": 4, "birth_day": 31}, "birth_day"),
    ("born in 1800", {"birth_year": 1800}, "birth_year"),
    ("an empty name", {"name": ""}, "name"),
    ("a 10,000-character name", {"name": "王" * 10_000}, "name"),
    ("a name with a NUL", {"name": "王\x00芳"}, "name"),
    ("a name with a line break", {"name": "王\n芳"}, "name"),
    ("a name with a bidi override", {"name": "王\u202e芳"}, "name"),
    ("a name with half a surrogate pair", {"name": "王\ud800"}, "name"),
    ("a mobile with letters", {"mobile": "1380013800a"}, "mobile"),
    ("a mobile of 12 digits", {"mobile": "138001380001"}, "mobile"),
    ("a note of 2,001 characters", {"note": "x" * 2001}, "note"),
    ("consent as 1", {"consent_marketing": 1}, "consent_marketing"),
    ("an unknown field", {"is_admin": True}, "is_admin"),
]


@pytest.mark.parametrize(
    ("what", "change", "blamed"), MEMBER_FAULTS, ids=[f[0] for f in MEMBER_FAULTS]
)
def test_each_field_rule_of_a_registration_is_refused_naming_the_field(what, change, blamed):
    error = refused("member.register", MEMBER | change)
    assert (error.code, error.field) == ("op.bad_payload", blamed), what


def test_a_missing_required_field_is_named():
    body = dict(EARN)
    del body["member_id"]
    assert refused("points.earn", body).field == "member_id"


def test_a_nullable_field_the_counter_added_later_may_be_absent():
    body = {k: v for k, v in EARN.items() if k not in ("base", "multiplier", "coupon_id")}
    assert validate_payload("points.earn", 1, body) is body


def test_cross_field_rules_name_the_field_they_blame():
    event = {k: v for k, v in EVENT.items() if k != "id"} | {"event_id": ID}
    late = event | {"ends_at": "2026-03-01T17:00:00+08:00"}
    assert refused("event.create", late).field == "ends_at"
    coupon = {
        "coupon_id": ID,
        "code": "C123",
        "kind": "percent_off",
        "value": 101,
        "min_spend_fen": 0,
        "offline_ok": True,
        "source": "manual",
        "valid_from": AT,
        "expires_at": "2026-04-01T10:00:00+08:00",
        "signed_code": "LCC" + "A" * 100,
    }
    assert validate_payload("coupon.issue", 1, coupon | {"value": 10})
    assert refused("coupon.issue", coupon).field == "value"
    registration = {
        "registration_id": ID,
        "event_id": OTHER,
        "member_id": None,
        "guest_name": None,
        "guest_mobile": None,
        "code": "LCE" + "A" * 16,
        "kind": "invited",
        "at": AT,
    }
    assert refused("event.register", registration).field == "guest_name"


def test_an_unknown_type_and_an_unknown_version_have_their_own_codes():
    assert (refused("member.teleport", {}).code, refused("member.teleport", {}).field) == (
        "op.unknown_type",
        "type",
    )
    assert refused("points.earn", EARN, version=2).code == "op.unsupported_version"
    assert refused("points.earn", [EARN]).code == "op.bad_payload"


# payload text ----------------------------------------------------------------------------


# change bodies ---------------------------------------------------------------------------


def test_an_event_without_a_place_cannot_be_published():
    without = {k: v for k, v in EVENT.items() if k != "place"}
    with pytest.raises(ProtocolError) as caught:
        validate_change("event", without)
    assert (caught.value.code, caught.value.field) == ("change.bad_body", "place")
    assert validate_change("event", EVENT) is EVENT


CHANGE_FAULTS = [
    (
        "member",
        "birth month 13",
        {
            "id": ID,
            "member_no": "M1",
            "name": "王",
            "mobile": "13800138000",
            "birth_month": 13,
            "birth_day": 1,
            "tier": "gold",
            "balance": 0,
        },
        "birth_month",
    ),
    (
        "coupon_revoked",
        "NaN as a value",
        {
            "coupon_id": ID,
            "code": "C1",
            "kind": "amount_off",
            "value": float("nan"),
            "min_spend_fen": 0,
            "offline_ok": True,
            "source": "points",
            "valid_from": AT,
            "expires_at": "2026-04-01T10:00:00+08:00",
            "signed_code": "LCC1",
        },
        "value",
    ),
    ("rules", "a field the counter's RuleSet does not have", {"version": 2, "points": 1}, "points"),
    (
        "rules",
        "a promotion ending before it starts",
        {
            "version": 2,
            "promotions": [{"code": "P", "starts_on": "2026-05-02", "ends_on": "2026-05-01"}],
        },
        "promotions.0.ends_on",
    ),
    (
        "gift",
        "a price of 0",
        {
            "id": ID,
            "sku": "MUG",
            "name_zh": "杯",
            "name_en": "Mug",
            "points_price": 0,
        },
        "points_price",
    ),
    (
        "store",
        "a name of 121 characters",
        {
            "id": ID,
            "code": "S1",
            "name": "店" * 121,
            "timezone": "Asia/Shanghai",
        },
        "name",
    ),
    (
        "trusted_key",
        "a key that is not hex",
        {
            "key_id": "0011aabb",
            "public_key": "zz" * 32,
            "owner": "central",
        },
        "public_key",
    ),
    (
        "conflict",
        "a detail holding an object",
        {
            "id": ID,
            "kind": "coupon.redeemed_twice",
            "subject": ID,
            "op_id": OTHER,
            "stores": [],
            "detail": {"a": {"b": 1}},
            "status": "open",
            "opened_at": AT,
        },
        "detail.a.str",
    ),
]


@pytest.mark.parametrize(
    ("kind", "what", "body", "blamed"), CHANGE_FAULTS, ids=[f[1] for f in CHANGE_FAULTS]
)
def test_a_change_body_a_counter_could_not_apply_is_refused(kind, what, body, blamed):
    with pytest.raises(ProtocolError) as caught:
        validate_change(kind, body)
    assert caught.value.code == "change.bad_body", what
    assert caught.value.field is not None and caught.value.field.startswith(blamed.split(".")[0])


def test_an_unknown_change_kind_is_refused():
    with pytest.raises(ProtocolError) as caught:
        validate_change("note", {})
    assert caught.value.code == "change.unknown_kind"


def test_every_type_and_kind_has_a_json_schema_without_loose_ends():
    schemas = payload_schemas()
    assert {key.rsplit(".v", 1)[0] for key in schemas} == set(OPERATION_TYPES)
    for key, schema in schemas.items():
        assert schema.get("additionalProperties") is False, key
    assert set(change_schemas()) == set(CHANGE_KINDS)
