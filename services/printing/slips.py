"""Receipt slips as data: the lines a slip holds, whatever prints it.

The PDF layouts (gift_slips, coupons, day_close, tickets) and the ESC/POS printer take
the same text objects (`SlipText`, `CouponText`, `CloseText`, `TicketText`); the
functions here turn each into the plain list of lines a receipt printer prints top to
bottom, so both paths print the same words in the same order.
"""

from dataclasses import dataclass

from services.printing.coupons import CouponText
from services.printing.day_close import CloseText
from services.printing.gift_slips import SlipText
from services.printing.tickets import TicketText


@dataclass(frozen=True)
class Line:
    text: str
    align: str = "left"  # left, centre, right
    big: bool = False  # double width and height
    bold: bool = False


@dataclass(frozen=True)
class Pair:
    """A label at the left and its value at the right of the same line."""

    label: str
    value: str


@dataclass(frozen=True)
class Rule:
    pass


@dataclass(frozen=True)
class Qr:
    payload: str


Item = Line | Pair | Rule | Qr


@dataclass(frozen=True)
class Slip:
    title: str
    items: tuple[Item, ...]


def gift_slip(s: SlipText) -> Slip:
    """A gift redemption or a points receipt (the same layout)."""
    items: list[Item] = [
        Line(s.store_name, "centre", bold=True),
        Line(s.title, "centre"),
        Rule(),
        Line(s.gift_name, "centre", big=True),
        Rule(),
        *(Pair(label, value) for label, value in s.rows),
        Rule(),
        Line(s.footer, "centre"),
    ]
    return Slip(s.title, tuple(items))


def coupon_slip(c: CouponText) -> Slip:
    return Slip(
        c.title,
        (
            Line(c.store_name, "centre", bold=True),
            Line(c.title, "centre"),
            Line(c.value, "centre", big=True),
            Line(c.condition, "centre"),
            Qr(c.payload),
            Line(c.code, "centre", bold=True),
            Line(c.validity, "centre"),
            Line(c.holder, "centre"),
            Rule(),
            Line(c.terms),
        ),
    )


def close_slip(t: CloseText) -> Slip:
    """One block per staff member, as on the PDF slip: a receipt is too narrow for a table."""
    items: list[Item] = [
        Line(t.title, "centre", big=True),
        Line(t.store_line, "centre"),
        Line(t.made_line, "centre"),
    ]
    for row in t.rows:
        items += [Rule(), Line(row[0], bold=True)]
        items += [Pair(label, value) for label, value in zip(t.headers[1:], row[1:], strict=True)]
    items.append(Rule())
    items += [Line(note) for note in t.footer]
    return Slip(t.title, tuple(items))


def ticket_slip(t: TicketText) -> Slip:
    grouped = " ".join(t.code[i : i + 4] for i in range(0, len(t.code), 4))
    return Slip(
        t.event_name,
        (
            Line(t.store_name, "centre"),
            Line(t.event_name, "centre", big=True),
            Line(t.when, "centre"),
            Line(t.place, "centre"),
            Rule(),
            Line(t.attendee, "centre", bold=True),
            Line(t.kind, "centre"),
            Qr(t.code),
            Line(grouped, "centre"),
            Line(t.note, "centre"),
        ),
    )
