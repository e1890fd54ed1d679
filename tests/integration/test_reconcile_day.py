"""The day's reconciliation against the counter's own earns, and a manager's explanation
kept in the audit log."""

from datetime import date

import pytest
from sqlalchemy import select

from models.journal import AuditEntry
from services import points
from services.core.errors import PermissionDenied, ValidationError
from services.members.accounts import NewMember, register_member
from services.pos.day_check import explain, explanations, reconcile_day
from services.pos.reconcile import export_csv

MAPPING = {"receipt": "receipt", "amount": "amount", "member": "member"}


@pytest.fixture
def day_of_earns(counter, clock):
    rt = counter.runtime
    cashier = counter.make_cashier()
    member = register_member(
        rt.writer(), counter.manager, rt.now(), NewMember("吴芳", "13600001111", 3, 3)
    )
    for n, fen in enumerate((1000, 2550, 9999)):
        points.earn(rt.writer(), cashier, rt.now(), member.id, f"R-{n}", fen, {})
    clock.advance(days=1)  # tomorrow's earn is not today's
    points.earn(rt.writer(), cashier, rt.now(), member.id, "R-NEXT", 500, {})
    return cashier


def today(counter) -> date:
    return date(2026, 3, 1)  # the test clock's start, 10:00 in the store's Asia/Shanghai


def test_the_day_is_matched_to_the_counters_earns(counter, day_of_earns):
    export = "receipt,amount,member\nR-0,10.00,LCM1\nR-1,25.00,LCM1\nR-9,8.00,LCM2\n"
    result = reconcile_day(
        counter.runtime.reader(), counter.manager, today(counter), export.encode(), "d.csv", MAPPING
    )
    found = {(m.kind, m.receipt) for m in result.mismatches}
    assert found == {
        ("amount_differs", "R-1"),  # 25.00 at the till, 25.50 typed
        ("earn_without_sale", "R-2"),
        ("member_sale_without_points", "R-9"),
    }
    assert (result.sales, result.earns, result.matched) == (3, 3, 2)


def test_a_cashier_cannot_reconcile(counter, day_of_earns):
    with pytest.raises(PermissionDenied):
        reconcile_day(
            counter.runtime.reader(),
            day_of_earns,
            today(counter),
            b"receipt,amount\n",
            "d.csv",
            MAPPING,
        )


def test_an_explanation_is_audited_with_who_where_when_and_why(counter, day_of_earns):
    rt, day = counter.runtime, today(counter)
    explain(
        rt.writer(),
        counter.manager,
        rt.now(),
        day,
        "earn_without_sale",
        "R-2",
        "补录的手工单 已核对",
    )
    with rt.reader() as uow:
        row = uow.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "reconcile.explained")
        ).one()
        assert (row.staff_id, row.device_id, row.store_id) == (
            counter.manager.staff_id,
            counter.identity.device_id,
            counter.identity.store_id,
        )
        assert row.at == rt.now() and row.reason == "补录的手工单 已核对"
    reasons = explanations(rt.reader(), day)
    assert reasons == {("earn_without_sale", "R-2"): "补录的手工单 已核对"}
    export = "receipt,amount\nR-0,10.00\nR-1,25.50\n"
    result = reconcile_day(rt.reader(), counter.manager, day, export.encode(), "d.csv", MAPPING)
    lines = export_csv(result, reasons).decode("utf-8-sig").splitlines()
    assert lines[1] == "earn_without_sale,R-2,,9999,补录的手工单 已核对"


def test_an_explanation_needs_a_reason_and_a_manager(counter, day_of_earns):
    rt = counter.runtime
    with pytest.raises(ValidationError) as short:
        explain(rt.writer(), counter.manager, rt.now(), today(counter), "amount_differs", "R-1", "")
    assert short.value.code == "reason.required"
    with pytest.raises(PermissionDenied):
        explain(
            rt.writer(), day_of_earns, rt.now(), today(counter), "amount_differs", "R-1", "因为"
        )
