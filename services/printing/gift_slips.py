"""The gift redemption slip as a PDF for an 80 mm receipt printer, Chinese embedded.

The page is as tall as its lines: a receipt printer cuts where the page ends.
"""

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from services.printing.fonts import draw_text, fit_text, pdf_font_name, string_width

SLIP_WIDTH = 80 * mm
MARGIN = 5 * mm
LINE = 5.2 * mm
BODY_SIZE = 9


@dataclass(frozen=True)
class SlipText:
    """Everything printed, already in the reader's language: (label, value) rows."""

    store_name: str
    title: str
    gift_name: str
    rows: tuple[tuple[str, str], ...]
    footer: str


def render_gift_slip(slip: SlipText, path: Path) -> Path:
    """Written atomically, so a crash never leaves half a slip to print."""
    height = (len(slip.rows) + 9) * LINE
    tmp = path.with_suffix(".part")
    canvas = Canvas(
        str(tmp), initialFontName=pdf_font_name(), pagesize=(SLIP_WIDTH, height), pageCompression=1
    )
    canvas.setTitle(slip.title)
    _draw(canvas, slip, height)
    canvas.showPage()
    canvas.save()
    tmp.replace(path)
    return path


def _draw(canvas: Canvas, slip: SlipText, height: float) -> None:
    centre = SLIP_WIDTH / 2
    y = height - MARGIN - 4 * mm
    canvas.setFillColor(HexColor("#102a43"))
    draw_text(
        canvas, centre, y, fit_text(slip.store_name, 12, SLIP_WIDTH - 2 * MARGIN), 12, "centre"
    )
    y -= LINE
    draw_text(canvas, centre, y, slip.title, 10, "centre")
    y -= LINE * 0.8
    _rule(canvas, y)
    y -= LINE * 1.4
    draw_text(
        canvas, centre, y, fit_text(slip.gift_name, 14, SLIP_WIDTH - 2 * MARGIN), 14, "centre"
    )
    y -= LINE * 0.9
    _rule(canvas, y)
    y -= LINE
    for label, value in slip.rows:
        draw_text(canvas, MARGIN, y, label, BODY_SIZE)
        room = SLIP_WIDTH - 2 * MARGIN - string_width(label, BODY_SIZE) - 3 * mm
        draw_text(
            canvas, SLIP_WIDTH - MARGIN, y, fit_text(value, BODY_SIZE, room), BODY_SIZE, "right"
        )
        y -= LINE
    _rule(canvas, y + LINE * 0.4)
    y -= LINE * 0.6
    draw_text(canvas, centre, y, fit_text(slip.footer, 8, SLIP_WIDTH - 2 * MARGIN), 8, "centre")


def _rule(canvas: Canvas, y: float) -> None:
    canvas.setStrokeColor(HexColor("#9fb3c8"))
    canvas.setDash(2, 2)
    canvas.line(MARGIN, y, SLIP_WIDTH - MARGIN, y)
    canvas.setDash()
