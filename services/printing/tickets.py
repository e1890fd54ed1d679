"""Event tickets as PDF: eight to an A4 sheet with cut lines, each with its QR code.

Text arrives in the reader's language (`TicketText`); this module only lays it out.
"""

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from services.printing.fonts import draw_text, fit_text, pdf_font_name
from services.printing.qr import draw_qr

COLUMNS, ROWS = 2, 4
MARGIN = 10 * mm
BRAND = HexColor("#0f766e")
INK = HexColor("#102a43")
MUTED = HexColor("#486581")


@dataclass(frozen=True)
class TicketText:
    store_name: str
    event_name: str
    place: str
    when: str  # the event's date and hours, formatted for the reader
    attendee: str
    kind: str  # "Invitation" / "Walk-in" ...
    code: str  # the ticket's secret: the QR code, and printed for typing by hand
    note: str  # "Show this code at the door"


def render_tickets(tickets: list[TicketText], path: Path) -> Path:
    """Written atomically: a crash never leaves half a sheet to print."""
    if not tickets:
        raise ValueError("no tickets to print")
    per_page = COLUMNS * ROWS
    cell_w = (A4[0] - 2 * MARGIN) / COLUMNS
    cell_h = (A4[1] - 2 * MARGIN) / ROWS
    tmp = path.with_suffix(".part")
    canvas = Canvas(str(tmp), initialFontName=pdf_font_name(), pagesize=A4, pageCompression=1)
    canvas.setTitle(tickets[0].event_name)
    for index, ticket in enumerate(tickets):
        slot = index % per_page
        if slot == 0 and index:
            canvas.showPage()
        if slot == 0:
            _cut_lines(canvas, cell_w, cell_h)
        col, row = slot % COLUMNS, slot // COLUMNS
        x = MARGIN + col * cell_w
        y = A4[1] - MARGIN - (row + 1) * cell_h
        _draw(canvas, ticket, x, y, cell_w, cell_h)
    canvas.showPage()
    canvas.save()
    tmp.replace(path)
    return path


def _draw(canvas: Canvas, t: TicketText, x: float, y: float, w: float, h: float) -> None:
    pad = 5 * mm
    qr = h - 2 * pad - 6 * mm
    text_w = w - qr - 3 * pad
    canvas.setFillColor(BRAND)
    canvas.rect(x, y + h - 3 * mm, w, 3 * mm, stroke=0, fill=1)
    top = y + h - pad - 5 * mm
    canvas.setFillColor(MUTED)
    draw_text(canvas, x + pad, top, fit_text(t.store_name, 8, text_w), 8)
    canvas.setFillColor(INK)
    draw_text(canvas, x + pad, top - 7 * mm, fit_text(t.event_name, 13, text_w), 13)
    canvas.setFillColor(MUTED)
    draw_text(canvas, x + pad, top - 13 * mm, fit_text(t.when, 8, text_w), 8)
    draw_text(canvas, x + pad, top - 18 * mm, fit_text(t.place, 8, text_w), 8)
    canvas.setFillColor(INK)
    draw_text(canvas, x + pad, top - 27 * mm, fit_text(t.attendee, 12, text_w), 12)
    canvas.setFillColor(BRAND)
    draw_text(canvas, x + pad, top - 33 * mm, fit_text(t.kind, 8, text_w), 8)
    canvas.setFillColor(MUTED)
    draw_text(canvas, x + pad, y + pad + 4 * mm, fit_text(t.note, 7, text_w), 7)
    grouped = " ".join(t.code[i : i + 4] for i in range(0, len(t.code), 4))
    draw_text(canvas, x + pad, y + pad, grouped, 8)
    draw_qr(canvas, t.code, x + w - pad - qr, y + pad + 3 * mm, qr)


def _cut_lines(canvas: Canvas, cell_w: float, cell_h: float) -> None:
    canvas.setStrokeColor(HexColor("#9fb3c8"))
    canvas.setDash(3, 3)
    for c in range(COLUMNS + 1):
        canvas.line(MARGIN + c * cell_w, MARGIN, MARGIN + c * cell_w, A4[1] - MARGIN)
    for r in range(ROWS + 1):
        canvas.line(MARGIN, MARGIN + r * cell_h, A4[0] - MARGIN, MARGIN + r * cell_h)
    canvas.setDash()
