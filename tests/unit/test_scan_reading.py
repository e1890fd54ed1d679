"""The scanner's decisions without Qt: what a burst of keys is, whether it is a read, and
which page takes it."""

import pytest

from services.core.scanning import (
    COUPON,
    MEMBER,
    OTHER,
    TICKET,
    BurstReader,
    Read,
    complete_read,
    kind_of,
    page_for,
)
from services.rules.permissions import Role

CODE = "LCM05EPPDNC06H3NREQPVQ0127M2HCS3K91"


def typed(text: str, gap_s: float, start: float = 100.0) -> BurstReader:
    reader = BurstReader()
    for i, key in enumerate(text):
        reader.key(key, start + i * gap_s)
    return reader


def test_keys_at_scanner_speed_make_one_burst():
    assert typed(CODE, 0.005).text() == CODE


def test_a_persons_pace_never_adds_up():
    reader = typed(CODE, 0.15)
    assert len(reader) == 1 and reader.text() == CODE[-1]
    assert not reader.is_ours()


def test_a_burst_is_ours_from_its_prefix_even_behind_a_stray_key():
    assert typed("]Q1LCM", 0.005).is_ours()
    assert typed("qlcm", 0.005).is_ours()  # Caps Lock reads the same
    assert not typed("1391234", 0.005).is_ours()
    assert not typed("LC", 0.005).is_ours()


def test_once_ours_a_hiccup_does_not_cut_the_read():
    reader = typed(CODE[:10], 0.005)
    assert reader.is_ours()
    at = 100.0 + 10 * 0.005 + 0.2  # the counter was busy for 200 ms
    assert reader.continues(at)
    reader.key(CODE[10], at)
    assert reader.text() == CODE[:11]


def test_a_slow_key_before_we_know_starts_again():
    reader = typed("13", 0.005)
    assert not reader.continues(100.0 + 0.2)


@pytest.mark.parametrize(
    ("text", "kind"),
    [(CODE, MEMBER), ("lcc123", COUPON), ("LCE2222", TICKET), ("R-1001", OTHER), ("", OTHER)],
)
def test_kinds_by_prefix(text, kind):
    assert kind_of(text) == kind


def test_our_code_is_a_read_wherever_it_was_typed():
    raw = "\x02]Q1" + CODE + "\x03"
    expected = Read(CODE, MEMBER)
    assert complete_read(raw, in_text_field=True, scan_field=False, by_enter=True) == expected
    assert complete_read(raw, in_text_field=True, scan_field=False, by_enter=False) == expected
    assert complete_read(raw, in_text_field=False, scan_field=False, by_enter=True) == expected


def test_other_text_belongs_to_the_focused_field():
    # a receipt number scanned into the receipt field, a mobile typed fast: left there
    assert complete_read("R-20261123-01", True, False, True) is None
    assert complete_read("13912345678", True, False, False) is None
    # in a scan field, Enter lets the field submit it itself; no Enter: the scanner's read
    assert complete_read("13912345678", True, True, True) is None
    assert complete_read("13912345678", True, True, False) == Read("13912345678", OTHER)
    # where no text field listens it is a read (from 4 characters)
    assert complete_read("R-1001", False, False, True) == Read("R-1001", OTHER)
    assert complete_read("R-1", False, False, True) is None


def test_a_short_burst_is_never_a_code():
    assert complete_read("LCM0", True, False, True) is None


@pytest.mark.parametrize(
    ("kind", "page", "role", "target"),
    [
        (TICKET, "points", Role.CASHIER, "events"),
        (COUPON, "points", Role.CASHIER, "points"),
        (COUPON, "checkin", Role.CASHIER, "coupons"),
        (COUPON, "gifts", Role.MANAGER, "coupons"),
        (MEMBER, "gifts", Role.CASHIER, "checkin"),
        (MEMBER, "events", Role.CASHIER, "checkin"),  # a cashier's card scan is no walk-in
        (MEMBER, "events", Role.MANAGER, "checkin"),
        (MEMBER, "events", Role.EVENT_STAFF, "events"),  # the door's own work
        (MEMBER, "members", Role.CASHIER, "checkin"),
        (OTHER, "points", Role.CASHIER, "points"),  # a receipt number
        (OTHER, "events", Role.EVENT_STAFF, "events"),
        (OTHER, "coupons", Role.CASHIER, "checkin"),
    ],
)
def test_each_read_goes_to_the_page_that_takes_it(kind, page, role, target):
    assert page_for(kind, page, role) == target
