"""Every operation type the counter records has a schema (and, tests/central/test_protocol_push.py,
a centre handler or a record-only entry); the protocol's enums are the counter's own."""

import ast
from pathlib import Path

from models.coupons import COUPON_SOURCES
from models.events import REGISTRATION_KINDS, SIGNIN_METHODS
from models.gifts import ADJUST_CAUSES, MOVE_KINDS
from services.protocol import OPERATION_TYPES, fields
from services.rules.coupons import KINDS as COUPON_KINDS
from services.rules.points import TIER_ORDER

SERVICES = Path(__file__).resolve().parents[2] / "services"
RECORDERS = ("record_operation", "insert_operation")
# The f-string types: what each placeholder can be (services/coupons/use.py `_close`,
# services/gifts/stock.py `_record`: a gift redemption's move is sent as gift.redeem).
EXPANSIONS = {
    "coupon.": ("void_redemption", "revoke"),
    "stock.": tuple(k for k in MOVE_KINDS if k != "redeem"),
}


def recorded_types() -> set[str]:
    """The type argument of every record_operation/insert_operation call in services/."""
    found: set[str] = set()
    for path in SERVICES.rglob("*.py"):
        if path.name == "journal.py":  # where they are defined: the type is a parameter
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name not in RECORDERS or len(node.args) < 4:
                continue
            arg = node.args[3]
            if isinstance(arg, ast.Constant):
                found.add(arg.value)
            elif isinstance(arg, ast.JoinedStr):
                prefix = arg.values[0].value
                assert prefix in EXPANSIONS, f"{path.name}: f-string type {prefix}..."
                found |= {prefix + tail for tail in EXPANSIONS[prefix]}
            else:
                raise AssertionError(f"{path.name}:{node.lineno}: a type this test cannot read")
    return found


def test_every_type_the_counter_records_has_a_schema():
    recorded = recorded_types()
    assert len(recorded) > 30  # the scan found the calls
    assert sorted(recorded - OPERATION_TYPES) == []


def test_the_protocols_enums_are_the_counters():
    assert fields.TIERS == TIER_ORDER
    assert fields.COUPON_SOURCES == COUPON_SOURCES
    assert fields.REGISTRATION_KINDS == REGISTRATION_KINDS
    assert fields.SIGNIN_METHODS == SIGNIN_METHODS
    assert fields.ADJUST_CAUSES == ADJUST_CAUSES
    literals = {
        fields.Tier: TIER_ORDER,
        fields.CouponKind: COUPON_KINDS,
        fields.CouponSource: COUPON_SOURCES,
        fields.RegistrationKind: REGISTRATION_KINDS,
        fields.SignInMethod: SIGNIN_METHODS,
        fields.AdjustCause: ADJUST_CAUSES,
    }
    for literal, values in literals.items():
        assert literal.__args__ == tuple(values)
