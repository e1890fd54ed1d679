"""A rule-set version with a start date applies from that store-local day, not before."""

from datetime import date

from services.rules import points as rules


def _version(n: int, starts_on: str | None, per_yuan: int) -> rules.RuleSet:
    body = {"version": n, "points_per_yuan": per_yuan}
    return rules.rules_from_dict(body | ({"starts_on": starts_on} if starts_on else {}))


def test_the_newest_started_version_is_in_force():
    sets = [_version(2, None, 2), _version(3, "2026-04-01", 3), _version(4, "2026-05-01", 4)]
    assert rules.rules_in_force(sets, date(2026, 3, 31)).version == 2
    assert rules.rules_in_force(sets, date(2026, 4, 1)).version == 3
    assert rules.rules_in_force(sets, date(2026, 5, 1)).points_per_yuan == 4


def test_before_any_start_the_defaults_apply():
    sets = [_version(2, "2026-04-01", 3)]
    assert rules.rules_in_force(sets, date(2026, 3, 1)) is rules.DEFAULT_RULES
    assert rules.rules_in_force([], date(2026, 3, 1)) is rules.DEFAULT_RULES


def test_a_start_date_is_read_from_its_json_form():
    assert _version(2, "2026-04-01", 3).starts_on == date(2026, 4, 1)
    assert _version(2, None, 3).starts_on is None
