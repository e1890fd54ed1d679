import pytest

from services.rules.birthdays import birthday_problem

THIS_YEAR = 2026


@pytest.mark.parametrize(
    ("month", "day", "year"),
    [(2, 29, None), (2, 29, 2024), (12, 31, None), (1, 1, 1990), (4, 30, None), (6, 15, 1906)],
)
def test_real_birthdays(month, day, year):
    assert birthday_problem(month, day, year, THIS_YEAR) is None


@pytest.mark.parametrize(
    ("month", "day", "year"),
    [(4, 31, None), (2, 29, 2023), (2, 30, None), (6, 0, None), (1, 32, None)],
)
def test_days_that_do_not_exist(month, day, year):
    assert birthday_problem(month, day, year, THIS_YEAR) == "birthday.bad_day"


@pytest.mark.parametrize("month", [0, 13, -1])
def test_bad_month(month):
    assert birthday_problem(month, 1, None, THIS_YEAR) == "birthday.bad_month"


@pytest.mark.parametrize("year", [THIS_YEAR + 1, THIS_YEAR - 121, 0])
def test_implausible_year(year):
    assert birthday_problem(1, 1, year, THIS_YEAR) == "birthday.bad_year"
