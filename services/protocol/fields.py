"""The field types every schema is built from: strict (no bool for an int, no float, no
numeric string), bounded (services/protocol/limits.py), and storable by both databases.

Times and dates stay text on the wire: a field checks the text and keeps it, so a validated
body is the body that was sent, and its hash does not change.
"""

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints

from common.tiers import TIERS
from services.protocol import limits

# No C0/C1 control characters, no zero-width, bidi or line/paragraph separators, no BOM.
# Lone surrogates are refused by pydantic itself (`string_unicode`): UTF-8 cannot hold them.
_PLAIN = r"^[^\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]*$"
# ISO 8601 with seconds and an offset, years 2000-2100: what `datetime.isoformat()` writes.
# The patterns spell the years of limits.MIN_YEAR..MAX_YEAR; a change there must reach here.
if (limits.MIN_YEAR, limits.MAX_YEAR) != (2000, 2100):
    raise ImportError("services/protocol/fields.py: the time patterns spell years 2000-2100")
_TIMESTAMP = (
    r"^(20[0-9]{2}|2100)-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?"
    r"(Z|[+-](0[0-9]|1[0-4]):[0-5][0-9])$"
)
_DATE = r"^(20[0-9]{2}|2100)-[0-9]{2}-[0-9]{2}$"


def _real_time(text: str) -> str:
    datetime.fromisoformat(text)  # a 31 February or hour 25 matched the pattern: refuse it
    return text


def _real_date(text: str) -> str:
    date.fromisoformat(text)
    return text


def text(most: int, least: int = 1) -> type[str]:
    """Plain text (a name, a reason) of `least`..`most` characters."""
    return Annotated[str, StringConstraints(min_length=least, max_length=most, pattern=_PLAIN)]


def word(pattern: str, most: int) -> type[str]:
    """Text of a fixed shape (a code, a hash), as a whole match of `pattern`."""
    return Annotated[str, StringConstraints(max_length=most, pattern=f"^(?:{pattern})$")]


def whole(least: int, most: int) -> type[int]:
    return Annotated[int, Field(strict=True, ge=least, le=most)]


Id = Annotated[
    str,
    StringConstraints(
        min_length=limits.ID_LENGTH,
        max_length=limits.ID_LENGTH,
        pattern=r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
    ),
]
Timestamp = Annotated[
    str, StringConstraints(max_length=40, pattern=_TIMESTAMP), AfterValidator(_real_time)
]
Day = Annotated[str, StringConstraints(max_length=10, pattern=_DATE), AfterValidator(_real_date)]

Int64 = whole(limits.INT64_MIN, limits.INT64_MAX)
Fen = whole(0, limits.MAX_FEN)
Points = whole(0, limits.MAX_POINTS)
PositivePoints = whole(1, limits.MAX_POINTS)
PointsDelta = whole(-limits.MAX_POINTS, limits.MAX_POINTS)
Quantity = whole(-limits.MAX_QUANTITY, limits.MAX_QUANTITY)
Count = whole(0, limits.MAX_QUANTITY)
RuleVersion = whole(1, limits.MAX_RULE_VERSION)
Multiplier = whole(0, 1000)
Month = whole(1, 12)
DayOfMonth = whole(1, 31)
BirthYear = whole(limits.MIN_BIRTH_YEAR, limits.MAX_BIRTH_YEAR)
Bool = Annotated[bool, Field(strict=True)]

Name = text(limits.NAME_MAX)
Reason = text(limits.REASON_MAX)
Reference = text(limits.REFERENCE_MAX)
Description = text(limits.DESCRIPTION_MAX, least=0)
Note = text(limits.NOTE_MAX, least=0)
Comment = text(limits.COMMENT_MAX, least=0)
Label = text(limits.NAME_MAX, least=0)
Code = text(limits.CODE_MAX)  # member numbers, event codes, store codes, nonces, seeds
AsciiCode = word(r"[\x21-\x7e]{1,64}", limits.CODE_MAX)  # receipt numbers, SKUs, coupon sources
Token = word(r"[a-z][a-z0-9_]*", limits.TOKEN_MAX)  # an enum-like word the centre stores
Mobile = word(r"[0-9]{11}", limits.MOBILE_LENGTH)
Sku = word(r"[A-Z0-9][A-Z0-9-]{0,63}", limits.CODE_MAX)
CouponCode = word(r"[0-9A-Za-z-]{1,16}", limits.COUPON_CODE_MAX)
TicketCode = word(r"[0-9A-Za-z]{1,32}", limits.TICKET_CODE_MAX)
SignedCode = word(r"[\x21-\x7e]{1,1000}", limits.SIGNED_CODE_MAX)
Hash = word(r"[0-9a-f]{64}", limits.HASH_LENGTH)
KeyId = word(r"[0-9a-f]{8}", limits.KEY_ID_LENGTH)
PublicKey = word(r"[0-9a-f]{64}", limits.PUBLIC_KEY_LENGTH)
Category = text(limits.CATEGORY_MAX)
ImageName = word(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,119}", limits.NAME_MAX)

# The enums (the counter's models hold the same tuples; tests/unit/test_protocol_registry.py
# proves they agree, since this package may not import the database models). The tiers are
# common.tiers, as everywhere.
Tier = Literal[TIERS]
CouponKind = Literal["amount_off", "percent_off", "gift"]
COUPON_SOURCES = ("points", "birthday", "winback", "tier", "manual", "event", "elsewhere")
CouponSource = Literal["points", "birthday", "winback", "tier", "manual", "event", "elsewhere"]
REGISTRATION_KINDS = ("invited", "walk_in")
RegistrationKind = Literal["invited", "walk_in"]
SIGNIN_METHODS = ("member_qr", "ticket", "walk_in")
SignInMethod = Literal["member_qr", "ticket", "walk_in"]
ADJUST_CAUSES = ("damaged", "lost", "found")
AdjustCause = Literal["damaged", "lost", "found"]
Stacking = Literal["max", "multiply"]
ConflictStatus = Literal["open", "resolved"]


class FieldProblem(ValueError):
    """A check across fields (an end before its start): names the field it blames."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field


def after(earlier: str | None, later: str | None, field: str) -> None:
    """`later` must come after `earlier` when both are given (both checked timestamps)."""
    if earlier is None or later is None:
        return
    if datetime.fromisoformat(later) <= datetime.fromisoformat(earlier):
        raise FieldProblem(field, "not after the start")


def member_or_guest(member_id: str | None, guest_name: str | None) -> None:
    """A registration is a member's or a named guest's, never both or neither."""
    if (member_id is None) == (guest_name is None):
        raise FieldProblem("guest_name", "a member or a guest, not both")
