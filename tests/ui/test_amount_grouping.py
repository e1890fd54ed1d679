"""At the till, commas in an amount are taken only as thousands separators: "1,2,3" and
"12,34" are refused with the rule, not read as 123 or 1,234 yuan; a refund that takes an
upgrade back says so."""

import pytest
from PySide6.QtCore import Qt

from tests.ui.test_points_page import (  # noqa: F401  (the points_page fixture)
    earn,
    points_page,
    purchases,
)


@pytest.mark.parametrize("amount", ["1,2,3", "12,34"])
def test_misplaced_commas_are_refused_with_the_rule(qtbot, points_page, counter, amount):  # noqa: F811
    page = points_page
    earn(qtbot, page, amount, "R-1")
    qtbot.waitUntil(lambda: page.earn_error.isVisible())
    assert "1,234.56" in page.earn_error.text()  # the message shows where commas go
    assert purchases(counter) == 0


def test_grouped_thousands_are_taken(qtbot, points_page, counter):  # noqa: F811
    page = points_page
    earn(qtbot, page, "1,234.56", "R-2")
    qtbot.waitUntil(lambda: "R-2" in page.slip.text())
    assert "1234 points earned" in page.slip.text()
    assert purchases(counter) == 1


def test_refunding_the_upgrading_purchase_says_the_tier_it_leaves(qtbot, points_page):  # noqa: F811
    page = points_page
    earn(qtbot, page, "2,100", "R-3")  # crosses 2,000 yuan: silver at once
    qtbot.waitUntil(lambda: "R-3" in page.slip.text())
    page.tabs.setCurrentIndex(1)
    qtbot.keyClicks(page.refund_receipt, "R-3")
    qtbot.keyClick(page.refund_receipt, Qt.Key.Key_Return)
    qtbot.keyClicks(page.refund_amount, "2,100")
    qtbot.keyClick(page.refund_amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "taken back" in page.refund_result.text())
    assert "Tier now Bronze." in page.refund_result.text()
    qtbot.waitUntil(lambda: page.ctx.member.tier == "bronze")
