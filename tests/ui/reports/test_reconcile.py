"""Reports → POS reconciliation as a manager uses it: a generated export of the day imported,
every planted line shown under its kind, the error rate against 0.5%, a line explained
(an audit row with who, where, when and why), the list exported as CSV that parses back,
the store's column names saved, and the day printed on A4 with Chinese that pdftotext
reads back."""

import csv
import json

import pytest
from PySide6.QtCore import Qt

from services import points
from tests.factories import earn, register
from tests.pdfs import pdf_text
from tests.ui.driving import sign_in_as
from tests.ui.reports.helpers import MANAGER, local_day, open_reports, raw
from ui.workers import wait_for_background

REASON = "收银机断网 手工单已补录"
# What the export plants, one line of each kind: (kind, receipt, POS fen, loyalty fen).
PLANTED = [
    ("earn_without_sale", "R-3", None, 3000),
    ("amount_differs", "R-2", 2000, 2050),
    ("refund_pos_only", "R-4", 4000, 0),
    ("refund_loyalty_only", "R-5", 0, 2500),
    ("member_sale_without_points", "R-9", 9900, None),
]


def export_file(folder, header=("receipt", "amount", "kind", "member"), encoding="utf-8-sig"):
    """The till's export of the day: 200 sales, of which R-1..R-5 earned at the counter."""
    rows = [
        ["R-1", "10.00", "sale", "LCM1"],
        ["R-2", "20.00", "sale", "LCM1"],  # typed 20.50 at the counter
        ["R-4", "40.00", "sale", "LCM1"],
        ["R-4", "-40.00", "refund", ""],  # refunded at the till only
        ["R-5", "50.00", "sale", "LCM1"],
        ["R-9", "99.00", "sale", "LCM7"],  # a member's sale nobody earned on
    ]
    rows += [[f"W-{n:03d}", "5.00", "sale", ""] for n in range(195)]  # walk-in customers
    path = folder / "pos-day.csv"
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows([list(header), *rows])
    return path


@pytest.fixture
def day_of_earns(counter):
    member = register(counter)
    for receipt, fen in (("R-1", 1000), ("R-2", 2050), ("R-3", 3000), ("R-4", 4000)):
        earn(counter, member.id, receipt, fen)
    earn(counter, member.id, "R-5", 5000)
    rt = counter.runtime
    points.refund(rt.writer(), counter.manager, rt.now(), "R-5", 2500)
    return member


@pytest.fixture
def tab(qtbot, make_window, counter, day_of_earns):
    return open_tab(qtbot, make_window("en"), counter)


def open_tab(qtbot, window, counter):
    sign_in_as(qtbot, window, MANAGER, counter.manager_pin)
    qtbot.waitUntil(lambda: window.top.currentWidget() is window.workspace)
    page = open_reports(qtbot, window)
    page.tabs.setCurrentWidget(page.reconcile_tab)
    return page.reconcile_tab


def shown(tab) -> dict[str, list[list[str]]]:
    """Group heading -> its lines as the tree shows them."""
    groups = {}
    for g in range(tab.tree.topLevelItemCount()):
        group = tab.tree.topLevelItem(g)
        groups[group.text(0)] = [
            [group.child(i).text(c) for c in range(4)] for i in range(group.childCount())
        ]
    return groups


def imported(qtbot, tab, path) -> None:
    tab.import_file(path)
    qtbot.waitUntil(lambda: tab.result is not None and not tab.busy.isVisible())


def select(tab, receipt: str) -> None:
    for g in range(tab.tree.topLevelItemCount()):
        group = tab.tree.topLevelItem(g)
        for i in range(group.childCount()):
            if group.child(i).text(0) == receipt:
                tab.tree.setCurrentItem(group.child(i))
                return
    raise AssertionError(receipt)


def explain(qtbot, tab, receipt: str) -> None:
    select(tab, receipt)
    tab.reason.setText(REASON)
    tab._explain()
    qtbot.waitUntil(lambda: bool(tab.reasons))


def test_an_imported_export_shows_every_planted_line_under_its_kind(qtbot, tab, tmp_path):
    imported(qtbot, tab, export_file(tmp_path))
    assert shown(tab) == {
        "Earns with no POS sale (1)": [["R-3", "", "30.00", ""]],
        "Amounts that differ (1)": [["R-2", "20.00", "20.50", ""]],
        "Refunded at the POS only (1)": [["R-4", "40.00", "0.00", ""]],
        "Refunded in loyalty only (1)": [["R-5", "0.00", "25.00", ""]],
        "Member sales with no points (1)": [["R-9", "99.00", "", ""]],
    }
    found = {(m.kind, m.receipt, m.pos_fen, m.loyalty_fen) for m in tab.result.mismatches}
    assert found == set(PLANTED)
    # 5 lines over 200 till sales: 2.50%, above the 0.5% target.
    assert tab.rate.text() == "Error rate 2.50% (target at most 0.50%): above target"
    assert "Sales on the POS 200" in tab.summary.text()
    assert tab.csv_button.isEnabled() and tab.print_button.isEnabled()


def test_a_line_explained_is_audited_and_shown(qtbot, tab, counter, tmp_path):
    imported(qtbot, tab, export_file(tmp_path))
    select(tab, "R-3")
    tab.reason.setText(REASON)  # typed through an input method
    qtbot.keyClick(tab.reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.reasons.get(("earn_without_sale", "R-3")) == REASON)
    assert shown(tab)["Earns with no POS sale (1)"] == [["R-3", "", "30.00", REASON]]
    assert tab.chosen() == ("earn_without_sale", "R-3")  # the same line stays chosen
    [row] = raw(
        counter,
        "SELECT staff_id, device_id, store_id, at, subject, reason FROM audit_log"
        " WHERE action = 'reconcile.explained'",
    )
    day = local_day(counter)
    assert row[:3] == (
        counter.manager.staff_id,
        counter.identity.device_id,
        counter.identity.store_id,
    )
    assert row[4:] == (f"reconcile:{day.isoformat()}:earn_without_sale:R-3", REASON)
    assert tab.reason.text() == ""


def test_explaining_needs_a_line_and_a_reason(qtbot, tab, counter, tmp_path):
    imported(qtbot, tab, export_file(tmp_path))
    tab.tree.setCurrentItem(tab.tree.topLevelItem(0))  # a group, not a line
    tab._explain()
    assert "Choose a line" in tab.message.text()
    select(tab, "R-2")
    tab._explain()  # no reason typed
    qtbot.waitUntil(lambda: "reason" in tab.message.text().lower())
    explained = "SELECT count(*) FROM audit_log WHERE action = 'reconcile.explained'"
    assert raw(counter, explained) == [(0,)]


def test_the_exported_csv_parses_back_to_the_lines_shown(qtbot, tab, tmp_path):
    imported(qtbot, tab, export_file(tmp_path))
    explain(qtbot, tab, "R-2")
    target = tmp_path / "out.csv"
    tab.export_to(target)
    qtbot.waitUntil(lambda: "Saved" in tab.note.text())
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: a spreadsheet in Chinese reads it right
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines()))
    assert rows[0] == ["kind", "receipt", "pos_fen", "loyalty_fen", "explained"]
    assert rows[1:] == [
        ["earn_without_sale", "R-3", "", "3000", ""],
        ["amount_differs", "R-2", "2000", "2050", REASON],
        ["refund_pos_only", "R-4", "4000", "", ""],
        ["refund_loyalty_only", "R-5", "", "2500", ""],
        ["member_sale_without_points", "R-9", "9900", "", ""],
    ]


def test_the_stores_column_names_are_saved_and_read_the_tills_headers(
    qtbot, tab, counter, tmp_path
):
    path = export_file(tmp_path, ("小票号", "实收金额", "类型", "会员卡号"), "gb18030")
    imported_before = tab.result
    tab.import_file(path)
    qtbot.waitUntil(lambda: "no column named receipt" in tab.message.text())
    assert tab.result is imported_before is None
    for name, header in zip(
        ("receipt", "amount", "kind", "member"),
        ("小票号", "实收金额", "类型", "会员卡号"),
        strict=True,
    ):
        tab.columns.fields[name].setText(header)
    qtbot.mouseClick(tab.columns.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "saved" in tab.note.text())
    assert tab.ctx.settings.pos_export_columns["receipt"] == "小票号"
    imported(qtbot, tab, path)
    assert len(tab.result.mismatches) == len(PLANTED)


def test_the_printed_day_has_the_chinese_labels_and_every_line(
    qtbot, make_window, counter, day_of_earns, monkeypatch, tmp_path
):
    offered = []
    monkeypatch.setattr(
        "ui.pages.report_reconcile.offer_pdf", lambda path, *a: offered.append(path)
    )
    tab = open_tab(qtbot, make_window("zh_CN"), counter)
    imported(qtbot, tab, export_file(tmp_path))
    explain(qtbot, tab, "R-3")
    qtbot.mouseClick(tab.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(offered))
    [path] = offered
    assert path.parent == counter.runtime.data_dir / "prints"
    text = pdf_text(path)
    for label in ("POS 对账", "积分无对应收银销售", "金额不一致", "差错率", "说明", "测试门店"):
        assert label in text, (label, text)
    for _kind, receipt, *_ in PLANTED:
        assert receipt in text
    assert REASON in text and "2.50%" in text and MANAGER in text
    assert wait_for_background(5000)


def test_a_cashier_is_refused_the_reconciliation(qtbot, make_window, counter, tmp_path):
    cashier = counter.make_cashier()
    window = make_window("en")
    sign_in_as(qtbot, window, cashier.staff_name, counter.cashier_pin)
    qtbot.waitUntil(lambda: window.top.currentWidget() is window.workspace)
    tab = window.pages["reports"].reconcile_tab  # the page is a manager's: reached anyway
    tab.import_file(export_file(tmp_path))
    qtbot.waitUntil(lambda: bool(tab.message.text()))
    assert "manager" in tab.message.text().lower(), tab.message.text()
    assert tab.result is None


def test_the_finished_day_is_sent_to_head_office_with_the_next_sync(qtbot, tab, counter, tmp_path):
    imported(qtbot, tab, export_file(tmp_path))
    explain(qtbot, tab, "R-2")
    qtbot.mouseClick(tab.report_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "head office" in tab.note.text())
    [(payload,)] = raw(counter, "SELECT payload FROM outbox WHERE op_type = 'pos.reconciliation'")
    sent = json.loads(payload)
    assert (sent["sales"], sent["error_bp"], sent["explained"]) == (200, 250, 1)
    lines = {(line["kind"], line["receipt"]): line["reason"] for line in sent["lines"]}
    assert lines == {(k, r): (REASON if r == "R-2" else None) for k, r, *_ in PLANTED}


def test_the_next_person_to_sign_in_does_not_see_the_import(
    qtbot, make_window, counter, day_of_earns, tmp_path
):
    cashier = counter.make_cashier()
    tab = open_tab(qtbot, make_window("en"), counter)
    imported(qtbot, tab, export_file(tmp_path))
    window = tab.window()
    window.switch_user()
    sign_in_as(qtbot, window, cashier.staff_name, counter.cashier_pin)
    qtbot.waitUntil(lambda: tab.result is None)
    assert tab.tree.topLevelItemCount() == 0 and not tab.csv_button.isEnabled()


def test_an_answer_for_a_day_no_longer_chosen_is_dropped(qtbot, tab, tmp_path, monkeypatch):
    """The manager imports today's export and picks yesterday before today's match is done:
    yesterday's list stays, not today's arriving last under yesterday's date."""
    import threading

    import services.pos

    today, real = tab._day(), services.pos.review_file
    gate = threading.Event()

    def held_back(uow, actor, now, day, *rest):
        if day == today:
            assert gate.wait(10)
        return real(uow, actor, now, day, *rest)

    monkeypatch.setattr(services.pos, "review_file", held_back)
    tab.import_file(export_file(tmp_path))
    tab.day.setDate(tab.day.date().addDays(-1))
    qtbot.waitUntil(lambda: tab.result is not None and not tab.busy.isVisible())
    yesterdays = tab.result
    assert not any(line.receipt == "R-3" for line in yesterdays.mismatches)  # no earns then
    gate.set()
    assert wait_for_background(5000)
    qtbot.wait(50)  # the late answer's callback, had it been delivered
    assert tab.result is yesterdays and "Earns with no POS sale (1)" not in shown(tab)
