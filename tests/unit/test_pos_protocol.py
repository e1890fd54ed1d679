"""The till's messages with the centre, without a database: the day's reconciliation as the
counter builds it passes the schema the centre checks (a busy day included), its rate is
rounded up, and a store's receipt patterns pass the change schema exactly when the counter's
own editor would keep them."""

import json
from datetime import UTC, date, datetime

import pytest

from common.ids import new_id
from services.pos import PRESETS, reconcile
from services.pos.day_report import reconciliation_payload
from services.pos.reconcile import LoyaltyEarn, PosRow
from services.protocol import ProtocolError, limits, validate_change, validate_payload
from services.protocol.operations.pos import MISMATCH_KINDS
from services.rules.reconcile import error_basis_points

NOW = datetime(2026, 3, 1, 14, 0, tzinfo=UTC)


def test_the_protocols_kinds_are_the_reconciliations():
    assert MISMATCH_KINDS == reconcile.KINDS


@pytest.mark.parametrize(
    ("lines", "sales", "bp"),
    [(0, 0, 0), (0, 5000, 0), (1, 200, 50), (1, 201, 50), (1, 199, 51), (3, 0, 30_000)],
)
def test_the_error_rate_is_basis_points_rounded_up(lines, sales, bp):
    assert error_basis_points(lines, sales) == bp


def busy_day() -> reconcile.Reconciliation:
    """5,000 sales; 400 earns without a sale, 30 amounts that differ, 20 member sales
    without points."""
    pos = [PosRow(f"S{i}", 1000 + i, False, i < 20) for i in range(5000)]
    earns = [LoyaltyEarn(f"S{i}", 1000 + i + (i < 50) * 7, 0, "m") for i in range(20, 4020)]
    earns += [LoyaltyEarn(f"X{i}", 500, 0, "m") for i in range(400)]
    return reconcile.reconcile(pos, earns)


def test_a_busy_days_report_is_valid_and_lists_the_unexplained_lines_first():
    result = busy_day()
    explained = {("earn_without_sale", f"X{i}"): "补录" for i in range(300)}
    body = reconciliation_payload(new_id(), new_id(), date(2026, 3, 1), NOW, result, explained)
    validate_payload("pos.reconciliation", 1, body)
    assert body["counts"] == {
        "earn_without_sale": 400,
        "amount_differs": 30,
        "refund_pos_only": 0,
        "refund_loyalty_only": 0,
        "member_sale_without_points": 20,
    }
    assert (body["sales"], body["earns"], body["explained"], body["error_bp"]) == (
        5000,
        4400,
        300,
        900,
    )
    assert len(body["lines"]) == limits.MAX_RECONCILE_ITEMS
    assert all(line["reason"] is None for line in body["lines"])  # 150 of 150 unexplained
    assert len(json.dumps(body, ensure_ascii=False)) < limits.MAX_PAYLOAD_CHARS


def test_a_quiet_days_report_lists_every_line_with_its_reason():
    pos = [PosRow("R1", 1000, False, False), PosRow("R2", 800, False, True)]
    earns = [LoyaltyEarn("R1", 1200, 0, "m")]
    result = reconcile.reconcile(pos, earns)
    explained = {("amount_differs", "R1"): "会员价"}
    body = reconciliation_payload(new_id(), new_id(), date(2026, 3, 1), NOW, result, explained)
    validate_payload("pos.reconciliation", 1, body)
    assert body["lines"] == [
        {
            "kind": "member_sale_without_points",
            "receipt": "R2",
            "pos_fen": 800,
            "loyalty_fen": None,
            "reason": None,
        },
        {
            "kind": "amount_differs",
            "receipt": "R1",
            "pos_fen": 1000,
            "loyalty_fen": 1200,
            "reason": "会员价",
        },
    ]


def patterns_change(patterns) -> dict:
    return {
        "store_id": new_id(),
        "version": 1,
        "patterns": patterns,
        "by": "总部",
        "at": NOW.isoformat(),
    }


def test_every_preset_passes_the_change_schema():
    validate_change("receipt_patterns", patterns_change(list(PRESETS.values())))


@pytest.mark.parametrize(
    ("patterns", "field"),
    [
        ([{"name": "x", "kind": "regex", "expression": "(?P<receipt>[0-9]+"}], "patterns.0"),
        ([{"name": "x", "kind": "regex", "expression": "(?P<total>[0-9]+)"}], "patterns.0"),
        ([PRESETS["json"], PRESETS["json"]], "patterns.1"),
        ([PRESETS["json"] | {"script": "rm"}], "patterns.0"),
        ([PRESETS["fapiao"] | {"separator": ",,"}], "patterns.0"),
        ([], "patterns"),
        ([PRESETS["json"]] * 9, "patterns"),
        ([PRESETS["json"] | {"amount_unit": 1.5}], "patterns.0.amount_unit"),
    ],
)
def test_a_pattern_the_counter_would_refuse_is_refused_by_the_change_schema(patterns, field):
    with pytest.raises(ProtocolError) as refused:
        validate_change("receipt_patterns", patterns_change(patterns))
    assert refused.value.code == "change.bad_body"
    assert refused.value.field.startswith(field)
