"""Scanning, without Qt: what a keyboard-wedge scanner typed (a burst of keys far faster
than a person), what the read is (member card, coupon, ticket, anything else), which page
takes it; and reading QR codes from camera frames (zxing-cpp), for counters without a
hand scanner.

The Qt side (ui/scanner.py) feeds keys and their times in and routes what comes out; the
decisions are here so they can be tested without a window.
"""

from collections.abc import Callable
from dataclasses import dataclass

import zxingcpp
from PIL import Image

from services.rules.events import MAX_STRAY_PREFIX, REPEAT_WINDOW_S, RepeatFilter, clean_scan
from services.rules.permissions import Role

__all__ = [
    "REPEAT_WINDOW_S",
    "BurstReader",
    "Read",
    "RepeatFilter",
    "clean_scan",
    "complete_read",
    "decode_qr_codes",
    "kind_of",
    "page_for",
]

MAX_GAP_S = 0.05  # scanners type a key every 1-20 ms; people every 100 ms or more
# Once a burst is known to be one of our codes, a busy moment of the counter (a key waiting
# while a list is redrawn) must not cut it in two.
HELD_GAP_S = 0.3
MIN_BURST = 8  # fewer keys than this are a person typing, never a scan
MIN_TAIL = 4  # a read typed where no text field listens: at least this long
MAX_LENGTH = 2000  # longer input is a paste accident, not a code

# Our prefix comes within the first keys (after a scanner's own prefix) or not at all.
PREFIX_WITHIN = MAX_STRAY_PREFIX + 3
MEMBER, COUPON, TICKET, OTHER = "member", "coupon", "ticket", "other"
_PREFIXES = {"LCM": MEMBER, "LCC": COUPON, "LCE": TICKET}


def kind_of(text: str) -> str:
    """What a cleaned read is, by its prefix; OTHER for a receipt or a number."""
    return _PREFIXES.get(text[:3].upper(), OTHER)


@dataclass(frozen=True)
class Read:
    """A scan as the counter understands it: the cleaned text and what it is."""

    text: str
    kind: str


class BurstReader:
    """Collects keys that came at scanner speed. A slow key starts a new burst, so a
    person's typing never adds up to a read. Times are seconds (monotonic), passed in."""

    def __init__(self, max_gap_s: float = MAX_GAP_S) -> None:
        self.max_gap_s = max_gap_s
        self._keys: list[str] = []
        self._last = float("-inf")
        self._ours = False

    def key(self, text: str, at: float) -> bool:
        """Adds a key; True when it starts a new burst."""
        fresh = not self.continues(at)
        if fresh:
            self._keys.clear()
            self._ours = False
        self._last = at
        self._keys.append(text)
        return fresh

    def continues(self, at: float) -> bool:
        """A key at `at` (an Enter) still belongs to the burst."""
        return at - self._last <= (HELD_GAP_S if self._ours else self.max_gap_s)

    def text(self) -> str:
        return "".join(self._keys)[:MAX_LENGTH]

    def __len__(self) -> int:
        return len(self._keys)

    def is_ours(self) -> bool:
        """The burst so far is one of our codes: a person does not type LCM at this speed,
        so it can be kept out of the focused field from here on."""
        if not self._ours and len(self._keys) <= PREFIX_WITHIN:
            cleaned = clean_scan(self.text())
            self._ours = len(cleaned) >= 3 and kind_of(cleaned) != OTHER
        return self._ours

    def clear(self) -> None:
        self._keys.clear()
        self._last = float("-inf")
        self._ours = False


def complete_read(
    raw: str,
    in_text_field: bool,
    scan_field: bool,
    by_enter: bool,
    is_receipt: Callable[[str], bool] = lambda _text: False,
) -> Read | None:
    """A finished burst as a read, or None when it was typing for the focused field.

    One of our codes, or a till's receipt code in one of the store's patterns, is a read
    wherever it was typed. Anything else (a receipt number, a mobile number) belongs to
    the text field that has focus, unless that field is a scan field and the scanner sent
    no Enter; where no text field listens it is a read.
    """
    text = clean_scan(raw)
    kind = kind_of(text)
    if kind != OTHER:
        return Read(text, kind) if len(raw) >= MIN_BURST else None
    if not text:
        return None
    if len(raw) >= MIN_BURST and is_receipt(text):
        return Read(text, OTHER)
    if not in_text_field:
        return Read(text, OTHER) if len(text) >= MIN_TAIL else None
    if scan_field and not by_enter and len(raw) >= MIN_BURST:
        return Read(text, OTHER)
    return None


def page_for(kind: str, page: str, role: str | None) -> str:
    """Which page takes a read, from what it is and the page in front.

    A ticket is for the door. A coupon goes into the purchase on Points, else to Coupons. A
    member card is a check-in, except on the door for event staff, whose job it is: a
    cashier who scans a card on Events means the customer in front of them, not a walk-in.
    Anything else stays with a page that reads it (a receipt on Points), else Check-in.
    """
    if kind == TICKET:
        return "events"
    if kind == COUPON:
        return "points" if page == "points" else "coupons"
    if kind == MEMBER:
        return "events" if page == "events" and role == Role.EVENT_STAFF else "checkin"
    return page if page in ("points", "events") else "checkin"


def decode_qr_codes(gray: bytes, width: int, height: int, stride: int | None = None) -> list[str]:
    """Texts of the QR codes in an 8-bit grayscale frame; [] when there are none."""
    row = stride or width
    if len(gray) < row * height:
        raise ValueError("frame buffer is smaller than its size says")
    image = Image.frombuffer("L", (width, height), gray, "raw", "L", row, 1)
    results = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    return [r.text for r in results if r.valid]
