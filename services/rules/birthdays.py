"""Birthdays are month and day; the year is optional and only checked for plausibility."""

import calendar

OLDEST_AGE = 120


def birthday_problem(month: int, day: int, year: int | None, this_year: int) -> str | None:
    if not 1 <= month <= 12:
        return "birthday.bad_month"
    if year is not None and not this_year - OLDEST_AGE <= year <= this_year:
        return "birthday.bad_year"
    # 29 February is a real birthday even when no year is given.
    days = calendar.monthrange(year if year is not None else 2000, month)[1]
    if not 1 <= day <= days:
        return "birthday.bad_day"
    return None
