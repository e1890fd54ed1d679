"""The day's reconciliation travels from the counter to the centre with exactly-once sync,
on SQLite and PostgreSQL: the manager finishes a day, the counter journals it, the centre
keeps it with its own error rate; a later finish of the same day replaces it."""

import json
from datetime import date

from services.pos import report_reconciliation
from services.pos.day_check import explain, explanations, reconcile_day
from tests.factories import earn, register
from tests.integration.sync_helpers import outbox

MAPPING = {"receipt": "receipt", "amount": "amount", "member": "member"}
DAY = date(2026, 3, 1)  # the counters' clock starts at 10:00 of it in Asia/Shanghai
# R-0 matches; R-1 differs (25.00 at the till, 25.50 earned); R-2 was never rung up;
# R-9 is a member's sale that earned nothing: 3 lines in 3 sales.
EXPORT = b"receipt,amount,member\nR-0,10.00,LCM1\nR-1,25.00,LCM1\nR-9,8.00,LCM2\n"


def explain_line(counter, kind: str, receipt: str, reason: str) -> None:
    rt = counter.runtime
    explain(rt.writer(), counter.manager, rt.now(), DAY, kind, receipt, reason)


def finish(counter):
    """What the manager's reconciliation screen does when the manager finishes."""
    rt = counter.runtime
    result = reconcile_day(rt.reader(), counter.manager, DAY, EXPORT, "day.csv", MAPPING)
    reasons = explanations(rt.reader(), DAY)
    return report_reconciliation(rt.writer(), counter.manager, rt.now(), DAY, result, reasons)


def test_a_finished_day_reaches_the_centre_once_with_the_centres_rate(central, make_counter):
    central.create_store()
    counter = make_counter()
    member = register(counter)
    for n, fen in enumerate((1000, 2550, 9999)):
        earn(counter, member.id, f"R-{n}", fen)
    explain_line(counter, "amount_differs", "R-1", "收银员少收五角")
    first = finish(counter)
    assert counter.cycle().ok
    assert outbox(counter)[-1][3:] == ("applied", "pos.reconciliation", None)
    assert counter.cycle().ok  # sent again after a lost answer would be a duplicate: none left
    [row] = central.rows("SELECT * FROM pos_reconciliation")
    row = row._mapping
    assert (row["sales"], row["earns"], row["matched"], row["mismatches"]) == (3, 3, 2, 3)
    assert (row["error_bp"], row["claimed_bp"], row["explained"]) == (10_000, 10_000, 1)
    assert row["op_id"] == first.id and str(row["day"]) == DAY.isoformat()
    counts = json.loads(row["counts"])
    assert counts["earn_without_sale"] == counts["amount_differs"] == 1
    assert counts["member_sale_without_points"] == 1
    lines = {line["receipt"]: line for line in json.loads(row["lines"])}
    assert lines["R-1"] == {
        "kind": "amount_differs",
        "receipt": "R-1",
        "pos_fen": 2500,
        "loyalty_fen": 2550,
        "reason": "收银员少收五角",
    }
    assert lines["R-2"]["pos_fen"] is None and lines["R-2"]["reason"] is None
    assert (
        central.scalar("SELECT count(*) FROM operation WHERE op_type = 'pos.reconciliation'") == 1
    )

    # The manager explains another line and finishes the day again: the newer report wins.
    counter.clock.advance(hours=2)
    explain_line(counter, "earn_without_sale", "R-2", "补录的手工单")
    second = finish(counter)
    assert counter.cycle().ok
    [row] = central.rows("SELECT op_id, explained FROM pos_reconciliation")
    assert tuple(row) == (second.id, 2)
