"""The door's pure rules: what a scanner typed, who may enter, who wins a draw."""

from datetime import UTC, datetime, timedelta

import pytest

from common.codec import ALPHABET
from services.rules import events as r

NOW = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)


def facts(**kw) -> r.DoorFacts:
    base = dict(
        now=NOW,
        window=(NOW - timedelta(hours=1), NOW + timedelta(hours=1)),
        already=False,
        is_member=True,
        tier="bronze",
        min_tier=None,
        registered=True,
        invitation_only=False,
        signed_in=0,
        capacity=10,
    )
    return r.DoorFacts(**(base | kw))


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("]Q1LCEABC", "LCEABC"),
        ("\x02LCEABC\x03\r\n", "LCEABC"),
        ("  lcmxyz\t", "lcmxyz"),
        ("#LCMABC", "LCMABC"),
        ("]d2hello", "hello"),
        ("13800138000", "13800138000"),
        ("\x1d", ""),
    ],
)
def test_clean_scan_strips_what_scanners_add(raw, clean):
    assert r.clean_scan(raw) == clean


def test_a_prefix_far_into_the_text_is_not_taken_for_ours():
    assert r.clean_scan("some words here LCE0000") == "some words here LCE0000"


def test_ticket_codes_are_layout_safe_random_and_read_in_any_case():
    codes = {r.new_ticket_code() for _ in range(500)}
    assert len(codes) == 500
    for code in codes:
        body = code[len(r.TICKET_PREFIX) :]
        assert len(code) == r.TICKET_LENGTH and set(body) <= set(ALPHABET)
        assert not set(code) & set("YZ+/=IO")
        assert r.normalize_ticket(code.lower()) == code
    assert r.normalize_ticket("LCE" + "Y" * 16) is None  # Y moves between layouts
    assert r.normalize_ticket("LCE" + "0" * 15) is None
    assert r.normalize_ticket("lce " + "o" * 16) == "LCE" + "0" * 16  # O typed for 0


def test_default_window_opens_an_hour_early_and_closes_at_the_end():
    start, end = NOW, NOW + timedelta(hours=2)
    assert r.signin_window(start, end) == (start - timedelta(hours=1), end)
    opens = NOW - timedelta(minutes=10)
    assert r.signin_window(start, end, opens, None) == (opens, end)


@pytest.mark.parametrize(
    ("kw", "outcome"),
    [
        ({}, r.ADMITTED),
        ({"already": True, "signed_in": 10}, r.ALREADY),
        ({"now": NOW + timedelta(hours=1)}, r.OUTSIDE_WINDOW),  # the window is half-open
        ({"now": NOW - timedelta(hours=2)}, r.OUTSIDE_WINDOW),
        ({"min_tier": "gold", "tier": "silver"}, r.WRONG_TIER),
        ({"min_tier": "gold", "tier": "platinum"}, r.ADMITTED),
        ({"min_tier": "gold", "is_member": False, "tier": None}, r.ADMITTED),  # invited guest
        ({"registered": False, "invitation_only": True}, r.NOT_REGISTERED),
        ({"registered": False}, r.ADMITTED),  # a member walking into an open event
        ({"registered": False, "is_member": False}, r.NOT_REGISTERED),
        ({"signed_in": 10}, r.FULL),
        ({"signed_in": 10, "override": True}, r.ADMITTED),
    ],
)
def test_door_verdict(kw, outcome):
    assert r.door_verdict(facts(**kw)) == outcome


def test_draw_is_reproducible_order_free_and_seed_dependent():
    people = [f"m:{i}" for i in range(50)]
    first = r.draw_winners("seed-1", people, 5)
    assert first == r.draw_winners("seed-1", list(reversed(people)), 5)
    assert len(set(first)) == 5 and set(first) <= set(people)
    assert r.draw_winners("seed-1", people, 3) == first[:3]
    assert first != r.draw_winners("seed-2", people, 5)
    with pytest.raises(ValueError):
        r.draw_winners("s", people, 0)


def test_repeat_filter_counts_a_held_code_once():
    f = r.RepeatFilter(2.0)
    assert not f.is_repeat("LCEAAA", 0.0)
    assert f.is_repeat("lceaaa", 1.5)
    assert f.is_repeat("LCEAAA", 3.0)  # still held: each read restarts the window
    assert not f.is_repeat("LCEAAA", 5.5)
    assert not f.is_repeat("LCEBBB", 5.6)


def test_event_problems():
    end = NOW + timedelta(hours=1)
    assert r.event_problem(NOW, NOW, 10, 0, None, None) == "event.bad_window"
    assert r.event_problem(NOW, end, 0, 0, None, None) == "event.bad_numbers"
    assert r.event_problem(NOW, end, 10, -1, None, None) == "event.bad_numbers"
    assert r.event_problem(NOW, end, 10, 0, end, NOW) == "event.bad_signin_window"
    assert r.event_problem(NOW, end, 10, 5, None, None) is None
