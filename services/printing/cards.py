"""The member card as a PDF at ID-1 card size (85.6 x 54 mm), Chinese embedded."""

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import HexColor, white
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from services.printing.fonts import draw_text, fit_text, pdf_font_name
from services.printing.qr import draw_qr

CARD_WIDTH = 85.6 * mm
CARD_HEIGHT = 54 * mm
TIER_COLOURS = {
    "bronze": "#9a6b3f",
    "silver": "#7d8a96",
    "gold": "#b8860b",
    "platinum": "#3f4c5a",
}


@dataclass(frozen=True)
class CardText:
    """Everything printed on the card, already in the reader's language."""

    store_name: str
    title: str
    member_name: str
    member_no: str
    tier: str
    tier_label: str
    code: str


def render_member_cards(cards: list[CardText], path: Path) -> Path:
    """One card per page; `path` is written atomically so a crash leaves no half file."""
    tmp = path.with_suffix(".part")
    canvas = Canvas(
        str(tmp),
        initialFontName=pdf_font_name(),
        pagesize=(CARD_WIDTH, CARD_HEIGHT),
        pageCompression=1,
    )
    canvas.setTitle(cards[0].title if cards else "")
    for card in cards:
        _draw_card(canvas, card)
        canvas.showPage()
    canvas.save()
    tmp.replace(path)
    return path


def _draw_card(canvas: Canvas, card: CardText) -> None:
    colour = HexColor(TIER_COLOURS.get(card.tier, "#0f766e"))
    band = 13 * mm
    canvas.setFillColor(colour)
    canvas.rect(0, CARD_HEIGHT - band, CARD_WIDTH, band, stroke=0, fill=1)
    canvas.setFillColor(white)
    draw_text(canvas, 5 * mm, CARD_HEIGHT - 6.5 * mm, fit_text(card.store_name, 10, 50 * mm), 10)
    draw_text(canvas, 5 * mm, CARD_HEIGHT - 10.5 * mm, card.title, 7)
    draw_text(canvas, CARD_WIDTH - 5 * mm, CARD_HEIGHT - 8 * mm, card.tier_label, 9, "right")

    qr_size = 33 * mm
    draw_qr(canvas, card.code, CARD_WIDTH - qr_size - 4 * mm, 4 * mm, qr_size)

    canvas.setFillColor(HexColor("#102a43"))
    draw_text(canvas, 5 * mm, 26 * mm, fit_text(card.member_name, 16, 40 * mm), 16)
    canvas.setFillColor(HexColor("#486581"))
    draw_text(canvas, 5 * mm, 19 * mm, card.member_no, 8.5)
    canvas.setStrokeColor(colour)
    canvas.setLineWidth(1.2)
    canvas.line(5 * mm, 15 * mm, 40 * mm, 15 * mm)
