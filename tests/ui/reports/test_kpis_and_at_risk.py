"""Reports (F8): the KPIs of a period, and the members at risk with a win-back coupon."""

from PySide6.QtWidgets import QLabel

from tests.ui.reports.helpers import cells, manager_window, open_reports, raw, settle

# (d) KPIs --------------------------------------------------------------------------------------


def test_the_kpis_count_who_bought_in_the_period_and_chart_the_tiers(qtbot, close_tab):
    _window, page, _tab = close_tab
    page.tabs.setCurrentWidget(page.kpi_tab)
    kpi = page.kpi_tab
    qtbot.waitUntil(lambda: kpi.kpis is not None)
    active = kpi.findChild(QLabel, "kpi_active")
    # 陈安娜 and 王博 bought in the last 30 days; 周老 bought 40 days ago; 蔡明 never
    assert active.text() == "2"
    assert kpi.cards["new_members"].text() == "3"
    [series] = kpi.tier_chart.series()
    [bars] = series.barSets()
    assert [bars.at(i) for i in range(bars.count())] == [4.0, 0.0, 0.0, 0.0]  # all bronze

    before = kpi.kpis
    kpi.first.setDate(kpi.last.date().addDays(1))
    qtbot.waitUntil(lambda: kpi.message.isVisible())
    assert kpi.message.objectName() == "kpiMessage"
    assert "end after it starts" in kpi.message.text()
    settle(qtbot)
    assert kpi.kpis is before and active.text() == "2"  # the last figures stay
    assert len(kpi.tier_chart.series()) == 1

    kpi.first.setDate(kpi.last.date())  # a valid period again: the message goes
    qtbot.waitUntil(lambda: kpi.kpis is not before)
    assert not kpi.message.isVisible()
    assert active.text() == "2"


# (e) members at risk and the win-back coupon ---------------------------------------------------


def test_members_at_risk_get_a_win_back_coupon_once_six_months_quiet(
    qtbot, make_window, counter, clock, at_risk, offered
):
    window = manager_window(qtbot, make_window, counter)
    page = open_reports(qtbot, window)
    page.tabs.setCurrentWidget(page.risk_tab)
    tab = page.risk_tab
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1)
    row = cells(tab.table)[0]
    assert tab.table.objectName() == "riskTable"
    assert row[:3] == [at_risk.member_no, "陈安娜", "138****8000"]
    assert row[-1] == "2,000.00"  # spend in the half-year before
    # both last bought 100 days ago, once in 90 days, under 5,000 yuan in the year: dormant
    assert tab.segments.text() == "Segments: Dormant 2"

    tab.winback_button.click()  # nothing chosen yet
    assert "Choose members" in tab.message.text()
    tab.table.selectRow(0)
    tab.winback_button.click()  # 100 days quiet: too early for a win-back coupon
    qtbot.waitUntil(lambda: "given: 0" in tab.message.text())
    assert raw(counter, "SELECT count(*) FROM coupon")[0][0] == 0

    clock.advance(days=90)  # 190 days quiet
    tab.winback_button.click()
    qtbot.waitUntil(lambda: "given: 1" in tab.message.text())
    coupons = raw(counter, "SELECT source, member_id, status FROM coupon")
    assert coupons == [("winback", at_risk.id, "issued")]
    qtbot.waitUntil(lambda: bool(offered))  # the coupon slip, offered for printing
    assert offered[0].name.startswith("coupons-") and offered[0].suffix == ".pdf"
    ops = [r[0] for r in raw(counter, "SELECT op_type FROM outbox")]
    assert ops.count("coupon.issue") == 1

    tab.winback_button.click()  # the same lapse: no second coupon
    qtbot.waitUntil(lambda: "given: 0" in tab.message.text())
    assert raw(counter, "SELECT count(*) FROM coupon")[0][0] == 1
