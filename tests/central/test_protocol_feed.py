"""What the centre publishes, every counter can apply: the admin's loads refuse a body the
change schemas refuse (naming the field), and the feed itself refuses one, so nothing a counter
would quarantine is ever published."""

import ast
from datetime import UTC, datetime
from pathlib import Path

import pytest

from central import admin
from central.errors import CentralError
from central.feed import PendingChanges
from services.protocol import CHANGE_KINDS, ProtocolError
from tests.central.harness import central  # noqa: F401  (fixture)

NOW = datetime(2026, 3, 1, 2, tzinfo=UTC)
CENTRAL = Path(__file__).resolve().parents[2] / "central"
EVENT = {
    "code": "GALA",
    "name": "年会",
    "place": "总部",
    "starts_at": "2026-03-01T18:00:00+08:00",
    "ends_at": "2026-03-01T21:00:00+08:00",
    "capacity": 100,
}


def changes(central) -> int:  # noqa: F811
    return central.scalar("SELECT count(*) FROM change")


def load(central, kind: str, items: list[dict]) -> int:  # noqa: F811
    with central.session() as s, s.begin():
        return admin.load_reference(s, central.chain, kind, items, NOW)


@pytest.mark.parametrize(
    ("kind", "item", "field"),
    [
        ("event", {k: v for k, v in EVENT.items() if k != "place"}, "place"),
        ("event", EVENT | {"capacity": 0}, "capacity"),
        ("event", EVENT | {"ends_at": "2026-03-01T17:00:00+08:00"}, "ends_at"),
        ("event", EVENT | {"name": "会" * 121}, "name"),
        ("event", EVENT | {"code": "G\x00"}, "code"),
        ("event", EVENT | {"seats": 100}, "seats"),
        (
            "gift",
            {"sku": "MUG", "name_zh": "杯", "name_en": "Mug", "points_price": -5},
            "points_price",
        ),
        ("gift", {"sku": "MUG", "name_zh": "杯", "points_price": 500}, "name_en"),
        (
            "coupon_template",
            {"code": "T", "name_zh": "券", "name_en": "C", "kind": "cash", "value": 1},
            "kind",
        ),
        ("rules", {"version": 2, "points_per_yuan": 2**70}, "points_per_yuan"),
        ("rules", {"version": 2, "tier_multipliers": {"diamond": 3}}, "tier_multipliers"),
    ],
    ids=[
        "an event without a place",
        "an event with no seats",
        "an event ending before it starts",
        "an event name of 121 characters",
        "an event code with a NUL",
        "an event field no counter knows",
        "a gift with a negative price",
        "a gift without an English name",
        "a template of an unknown kind",
        "a rule over 64 bits",
        "a multiplier for a tier that is not one",
    ],
)
def test_a_reference_load_a_counter_could_not_apply_is_refused_naming_the_field(
    central,  # noqa: F811
    kind,
    item,
    field,
):
    central.create_store()
    before = changes(central)
    with pytest.raises(CentralError) as caught:
        load(central, kind, [EVENT | {"code": "OK"}, item] if kind == "event" else [item])
    assert caught.value.code == "reference.invalid"
    assert caught.value.params["field"].split(".")[0] == field
    assert central.scalar("SELECT count(*) FROM reference") == 0  # the whole load refused
    assert changes(central) == before


def test_a_valid_reference_load_is_published(central):  # noqa: F811
    central.create_store()
    before = changes(central)
    assert load(central, "event", [EVENT]) == 1
    assert load(central, "rules", [{"version": 2, "points_per_yuan": 2}]) == 1
    assert changes(central) == before + 2


def test_a_member_import_with_a_row_a_counter_would_refuse_imports_nothing(central):  # noqa: F811
    central.create_store()
    row = {
        "member_no": "M1",
        "name": "王一",
        "mobile": "13900000001",
        "birth_month": "1",
        "birth_day": "2",
        "tier": "gold",
        "balance": "500",
        "home_store": "T001",
    }
    bad = row | {"member_no": "M2", "mobile": "13900000002", "birth_month": "13"}
    with central.session() as s, s.begin(), pytest.raises(CentralError) as caught:
        admin.import_members(s, central.chain, [row, bad], NOW)
    assert (caught.value.code, caught.value.params["field"]) == ("member.invalid", "birth_month")
    assert central.scalar("SELECT count(*) FROM member") == 0


def test_the_feed_refuses_a_body_no_counter_could_apply():
    pending = PendingChanges("chain")
    with pytest.raises(ProtocolError) as caught:
        pending.add(
            "event",
            "GALA",
            {"id": "01900000-0000-7000-8000-000000000001"} | EVENT | {"place": None},
        )
    assert caught.value.field == "place"
    with pytest.raises(ProtocolError):
        pending.add("note", "k", {})
    assert pending.rows == {}


def published_kinds() -> set[str]:
    """The kind of every literal `<changes>.add("kind", ...)` in central/."""
    kinds: set[str] = set()
    for path in CENTRAL.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "attr", None) == "add"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
                and len(node.args) >= 3
            ):
                kinds.add(node.args[0].value)
    return kinds


def test_every_kind_the_centre_publishes_has_a_change_schema():
    kinds = published_kinds() | set(admin.REFERENCE_KINDS)
    assert {"member", "store", "conflict", "used_coupon"} <= kinds  # the scan found them
    assert sorted(kinds - CHANGE_KINDS) == []
