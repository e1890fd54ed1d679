"""A day's POS reconciliation as a broken or hostile counter might report it: every field out
of range or out of step with the others is refused with a stable code and nothing stored;
another store's day is refused; the centre's error rate is its own, whatever the counter
says; and a report replaces the kept one of its day only when finished later."""

import json

import pytest

from common.ids import new_id
from tests.central.hostile import payloads
from tests.central.hostile.state import snapshot

BAD = "op.bad_payload"


def counts(**kw) -> dict:
    return payloads.reconciliation("x")["counts"] | kw


def line(i: int, **kw) -> dict:
    return payloads.reconciliation("x")["lines"][i] | kw


# (what is changed, the code it is refused with)
HOSTILE = {
    "day_not_a_date": ({"day": "2026-02-30"}, BAD),
    "day_in_year_1": ({"day": "0001-01-01"}, BAD),
    "made_at_no_offset": ({"made_at": "2026-03-01T10:00:00"}, BAD),
    "sales_negative": ({"sales": -1}, BAD),
    "sales_float": ({"sales": 200.0}, BAD),
    "sales_too_many": ({"sales": 10**9 + 1}, BAD),
    "sales_as_text": ({"sales": "200"}, BAD),
    "earns_bool": ({"earns": True}, BAD),
    "matched_over_earns": ({"matched": 4}, BAD),
    "unmatched_earns_miscounted": ({"counts": counts(earn_without_sale=0)}, BAD),
    "a_kind_left_out": (
        {"counts": {k: v for k, v in counts().items() if k != "refund_pos_only"}},
        BAD,
    ),
    "an_unknown_kind": ({"counts": counts(bribes=0)}, BAD),
    "more_lines_than_counted": ({"counts": counts(member_sale_without_points=0)}, BAD),
    "fewer_lines_than_counted": ({"counts": counts(member_sale_without_points=2)}, BAD),
    "more_member_sales_than_unmatched": (
        {"sales": 2, "counts": counts(member_sale_without_points=1)},
        BAD,
    ),
    "explained_miscounted": ({"explained": 0}, BAD),
    "explained_over_lines": ({"explained": 4}, BAD),
    "error_rate_negative": ({"error_bp": -1}, BAD),
    "error_rate_past_int64": ({"error_bp": 2**63}, BAD),
    "a_line_twice": (
        {
            "lines": [line(0), line(1), line(2), line(0)],
            "earns": 4,
            "counts": counts(earn_without_sale=2),
        },
        BAD,
    ),
    "a_line_of_no_kind": ({"lines": [line(0, kind="gift"), line(1), line(2)]}, BAD),
    "amounts_that_do_not_differ": (
        {"lines": [line(0), line(1, pos_fen=2550), line(2)]},
        BAD,
    ),
    "an_earn_without_sale_with_a_sale": ({"lines": [line(0, pos_fen=1), line(1), line(2)]}, BAD),
    "amount_in_float_fen": ({"lines": [line(0, loyalty_fen=5.5), line(1), line(2)]}, BAD),
    "amount_negative": ({"lines": [line(0, loyalty_fen=-500), line(1), line(2)]}, BAD),
    "amount_past_the_limit": ({"lines": [line(0, loyalty_fen=10**12 + 1), line(1), line(2)]}, BAD),
    "receipt_with_a_control_character": (
        {"lines": [line(0, receipt="R\x00"), line(1), line(2)]},
        BAD,
    ),
    "receipt_too_long": ({"lines": [line(0, receipt="R" * 65), line(1), line(2)]}, BAD),
    "reason_too_long": ({"lines": [line(0), line(1, reason="长" * 201), line(2)]}, BAD),
    "lines_past_the_bound": (
        {
            "lines": [line(0, receipt=f"R{i}") for i in range(151)],
            "earns": 153,
            "counts": counts(earn_without_sale=151),
            "explained": 0,
        },
        BAD,
    ),
    "an_unknown_field": ({"comment": "hi"}, BAD),
    "store_not_an_id": ({"store_id": "T001"}, BAD),
    "a_day_not_yet_come": ({"day": "2099-01-01"}, "pos.reconciliation_in_future"),
    "made_in_the_future": (
        {"made_at": "2099-01-01T00:00:00+08:00"},
        "pos.reconciliation_in_future",
    ),
    "made_before_its_day": (
        {"made_at": "2026-02-28T10:00:00+08:00"},
        "pos.reconciliation_in_future",
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_report_is_refused_and_nothing_is_stored(world, name):
    change, code = HOSTILE[name]
    counter = world.counter()
    before = snapshot(world.central)
    body = payloads.reconciliation(counter.store_id) | change
    result = counter.send("pos.reconciliation", body)
    assert (result["result"], result["code"]) == ("rejected", code), name
    assert snapshot(world.central) == before


def store_of_its_own(world):
    """A counter of a store no other test of the module reports for (one centre serves them
    all, and a store's day keeps one report)."""
    return world.counter("P" + new_id()[-8:].upper())


def test_the_honest_report_is_valid_and_stored_with_the_centres_rate(world):
    counter = store_of_its_own(world)
    result = counter.send("pos.reconciliation", payloads.reconciliation(counter.store_id))
    assert (result["result"], result["code"]) == ("applied", None)
    row = kept(world, counter)
    assert (row["sales"], row["mismatches"], row["explained"], row["error_bp"]) == (200, 3, 1, 150)
    assert row["store_id"] == counter.centre_store_id  # the id the centre knows the store by
    assert json.loads(row["lines"])[1]["reason"] == "收银员输错金额"


def test_another_stores_day_is_refused(world):
    counter = world.counter()
    other = world.counter("T002")
    before = snapshot(world.central)
    for store in (other.store_id, other.centre_store_id):
        result = counter.send("pos.reconciliation", payloads.reconciliation(store))
        assert (result["result"], result["code"]) == ("rejected", "pos.reconciliation_wrong_store")
    assert snapshot(world.central) == before


def test_an_inflated_or_hidden_error_rate_is_not_believed(world):
    counter = store_of_its_own(world)
    for claimed in (0, 9_999_999):
        body = payloads.reconciliation(counter.store_id, error_bp=claimed, made_at=later(claimed))
        result = counter.send("pos.reconciliation", body)
        assert (result["result"], result["code"]) == ("applied", "pos.error_rate_differs")
        row = kept(world, counter)
        assert (row["error_bp"], row["claimed_bp"]) == (150, claimed)


def later(seconds: int) -> str:
    return f"2026-03-01T1{min(seconds, 9)}:00:00+08:00"


def test_the_report_finished_last_is_kept_whatever_arrives_last(world):
    counter = store_of_its_own(world)
    first = payloads.reconciliation(counter.store_id, made_at="2026-03-01T20:00:00+08:00")
    assert counter.send("pos.reconciliation", first)["result"] == "applied"
    newer = payloads.reconciliation(
        counter.store_id, made_at="2026-03-01T21:00:00+08:00", explained=0
    )
    newer["lines"][1].pop("reason")
    assert counter.send("pos.reconciliation", newer)["code"] is None
    assert kept(world, counter)["report_id"] == newer["report_id"]
    # Finished earlier (an offline counter syncing late), or at the same moment: recorded only.
    for made_at in ("2026-03-01T20:30:00+08:00", "2026-03-01T13:00:00Z"):
        older = payloads.reconciliation(counter.store_id, made_at=made_at)
        result = counter.send("pos.reconciliation", older)
        assert (result["result"], result["code"]) == ("applied", "pos.reconciliation_older")
        assert kept(world, counter)["report_id"] == newer["report_id"]
    assert kept(world, counter)["explained"] == 0


def kept(world, counter) -> dict:
    [row] = world.central.rows(
        "SELECT * FROM pos_reconciliation WHERE store_id = :s", s=counter.centre_store_id
    )
    return dict(row._mapping)
