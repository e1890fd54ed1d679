"""At the till, commas in an amount are taken only as thousands separators: "1,2,3" and
"12,34" are refused with the rule, not read as 123 or 1,234 yuan."""

import pytest

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
