"""Events at the door, as pure functions: what a scan says, who may enter, who wins a draw.

Plain values in, plain values out: the counter and the central system call the same
functions, so a re-run of a draw at the centre gives the same winners.
"""

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from common.codec import ALPHABET, encode_base32
from services.rules.points import TIER_ORDER

TICKET_PREFIX = "LCE"
TICKET_SYMBOLS = 16  # 80 random bits: unguessable, and short enough to type from paper
TICKET_LENGTH = len(TICKET_PREFIX) + TICKET_SYMBOLS
KNOWN_PREFIXES = ("LCM", "LCE", "LCC")  # member card, event ticket, coupon
# How far into a read a scanner's own prefix may push the code (AIM ids, STX, a stray key).
MAX_STRAY_PREFIX = 8
DEFAULT_OPENS_BEFORE = timedelta(hours=1)
REPEAT_WINDOW_S = 2.0

# What the door says, in the order the checks are made.
ADMITTED = "admitted"
ALREADY = "already_signed_in"
OUTSIDE_WINDOW = "outside_window"
WRONG_TIER = "wrong_tier"
NOT_REGISTERED = "not_registered"
FULL = "full"
OUTCOMES = (ADMITTED, ALREADY, OUTSIDE_WINDOW, WRONG_TIER, NOT_REGISTERED, FULL)

_AIM_ID = re.compile(r"^\][A-Za-z][0-9A-Za-z]")  # ]Q1, ]C0, ]d2 ...: symbology identifiers
_TICKET_BODY = re.compile(f"[{ALPHABET}]{{{TICKET_SYMBOLS}}}")


def clean_scan(text: str) -> str:
    """What a scanner typed, without its decorations: control characters (STX/ETX, CR,
    LF, tab, GS), an AIM symbology identifier, and any stray characters before one of our
    own code prefixes. Text that is none of ours comes back only trimmed."""
    kept = text if text.isprintable() else "".join(ch for ch in text if ch.isprintable())
    kept = kept.strip()
    kept = _AIM_ID.sub("", kept, count=1).strip()
    upper = kept.upper()
    starts = [i for p in KNOWN_PREFIXES if 0 <= (i := upper.find(p)) <= MAX_STRAY_PREFIX]
    if starts:
        kept = kept[min(starts) :]
    return kept


def new_ticket_code() -> str:
    # 80 random bits are exactly 16 symbols of 5 bits, each uniform over the alphabet: one
    # draw of randomness instead of one per symbol.
    return TICKET_PREFIX + encode_base32(secrets.token_bytes(TICKET_SYMBOLS * 5 // 8))


def looks_like_ticket(text: str) -> bool:
    return text[: len(TICKET_PREFIX)].upper() == TICKET_PREFIX


def normalize_ticket(text: str) -> str | None:
    """The canonical (upper-case) ticket code, or None when it cannot be one of ours.
    Lower case is accepted (a scanner's Caps Lock); O and I are read as 0 and 1 for a
    person typing a code from paper."""
    code = text.strip().upper().replace("-", "").replace(" ", "")
    if len(code) != TICKET_LENGTH or not looks_like_ticket(code):
        return None
    body = code[len(TICKET_PREFIX) :].replace("O", "0").replace("I", "1")
    return TICKET_PREFIX + body if _TICKET_BODY.fullmatch(body) else None


def signin_window(
    starts_at: datetime,
    ends_at: datetime,
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
) -> tuple[datetime, datetime]:
    """When the door takes sign-ins: by default from an hour before the start to the end."""
    return (opens_at or starts_at - DEFAULT_OPENS_BEFORE, closes_at or ends_at)


def tier_allows(tier: str | None, min_tier: str | None) -> bool:
    if min_tier is None:
        return True
    if tier is None:
        return False
    return TIER_ORDER.index(tier) >= TIER_ORDER.index(min_tier)


@dataclass(frozen=True)
class DoorFacts:
    """What the door knows about one scan, gathered by the service."""

    now: datetime
    window: tuple[datetime, datetime]
    already: bool
    is_member: bool
    tier: str | None
    min_tier: str | None
    registered: bool
    invitation_only: bool
    signed_in: int
    capacity: int
    override: bool = False


def door_verdict(f: DoorFacts) -> str:
    """One outcome of OUTCOMES. A second scan is told first (the person is inside anyway);
    a guest with a ticket was invited by name, so a tier applies to members only; an open
    event takes a member who is not registered as a walk-in; a manager's override lets one
    more in when the event is full."""
    if f.already:
        return ALREADY
    if not f.window[0] <= f.now < f.window[1]:
        return OUTSIDE_WINDOW
    if f.is_member and not tier_allows(f.tier, f.min_tier):
        return WRONG_TIER
    if not f.registered and (f.invitation_only or not f.is_member):
        return NOT_REGISTERED
    if f.signed_in >= f.capacity and not f.override:
        return FULL
    return ADMITTED


def event_problem(
    starts_at: datetime,
    ends_at: datetime,
    capacity: int,
    attendance_points: int,
    opens_at: datetime | None,
    closes_at: datetime | None,
) -> str | None:
    if ends_at <= starts_at:
        return "event.bad_window"
    if not 0 < capacity <= 100_000 or not 0 <= attendance_points <= 100_000:
        return "event.bad_numbers"
    opens, closes = signin_window(starts_at, ends_at, opens_at, closes_at)
    if closes <= opens:
        return "event.bad_signin_window"
    return None


# lucky draw ---------------------------------------------------------------------------


def edit_problem(source: str, ends_at: datetime, now: datetime) -> str | None:
    """Why a counter may not correct this event, or None: the chain's events are changed at
    the centre, and one that is over is history."""
    if source == "central":
        return "event.from_centre"
    if ends_at <= now:
        return "event.over"
    return None


def new_draw_seed() -> str:
    return secrets.token_hex(16)


def draw_winners(seed: str, entrants: list[str], count: int) -> list[str]:
    """The `count` entrants whose SHA-256(seed ":" key) is smallest, in that order.

    Deterministic and language-independent: anyone with the seed and the entrant list
    (both recorded) gets the same winners; the order of the list does not matter.
    """
    if count < 1:
        raise ValueError("a draw has at least one winner")
    ranked = sorted(
        set(entrants), key=lambda key: hashlib.sha256(f"{seed}:{key}".encode()).digest()
    )
    return ranked[:count]


def entrants_hash(entrants: list[str]) -> str:
    return hashlib.sha256("\n".join(sorted(entrants)).encode()).hexdigest()


# repeated reads -----------------------------------------------------------------------


class RepeatFilter:
    """A scanner may read the same code twice while it is held in front of it: identical
    reads within `window_s` count once. Times are passed in (seconds, monotonic)."""

    def __init__(self, window_s: float = REPEAT_WINDOW_S) -> None:
        self.window_s = window_s
        self._last_text: str | None = None
        self._last_at = float("-inf")

    def is_repeat(self, text: str, at: float) -> bool:
        key = text.upper()
        repeat = key == self._last_text and at - self._last_at < self.window_s
        self._last_text, self._last_at = key, at
        return repeat
