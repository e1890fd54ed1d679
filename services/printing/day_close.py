"""The day's close on paper: an 80 mm slip for the till drawer, or an A4 page for the file.

Words arrive in the reader's language (`CloseText`); this module lays them out.
"""

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from services.printing.fonts import draw_text, fit_text, pdf_font_name

SLIP_WIDTH = 80 * mm
INK = HexColor("#102a43")
MUTED = HexColor("#486581")
RULE = HexColor("#9fb3c8")


@dataclass(frozen=True)
class CloseText:
    title: str  # "日结单 · 2026-03-10"
    store_line: str  # store · counter
    made_line: str  # printed at ... by ...
    headers: list[str]  # first is the person column
    rows: list[list[str]]  # one per staff member, then the total row last
    footer: list[str]  # points expired, operations waiting to sync, ...


def render_close_slip(text: CloseText, path: Path) -> Path:
    """One block per staff member (a slip is too narrow for a table)."""
    line = 5 * mm
    figures = len(text.headers) - 1
    height = (30 + len(text.rows) * (figures + 2) * 5 + len(text.footer) * 5 + 10) * mm
    canvas = Canvas(
        str(path.with_suffix(".part")),
        initialFontName=pdf_font_name(),
        pagesize=(SLIP_WIDTH, height),
    )
    canvas.setTitle(text.title)
    x, right = 5 * mm, SLIP_WIDTH - 5 * mm
    y = height - 10 * mm
    canvas.setFillColor(INK)
    draw_text(canvas, SLIP_WIDTH / 2, y, fit_text(text.title, 13, right - x), 13, "centre")
    y -= 6 * mm
    canvas.setFillColor(MUTED)
    for small in (text.store_line, text.made_line):
        draw_text(canvas, SLIP_WIDTH / 2, y, fit_text(small, 8, right - x), 8, "centre")
        y -= 4.5 * mm
    for row in text.rows:
        y -= 2 * mm
        _rule(canvas, x, right, y + 3.5 * mm)
        canvas.setFillColor(INK)
        draw_text(canvas, x, y, fit_text(row[0], 10, right - x), 10)
        y -= line
        for label, value in zip(text.headers[1:], row[1:], strict=True):
            canvas.setFillColor(MUTED)
            draw_text(canvas, x + 2 * mm, y, fit_text(label, 9, 45 * mm), 9)
            canvas.setFillColor(INK)
            draw_text(canvas, right, y, value, 9, "right")
            y -= 4.5 * mm
    _rule(canvas, x, right, y + 2 * mm)
    canvas.setFillColor(MUTED)
    for note in text.footer:
        y -= line
        draw_text(canvas, x, y, fit_text(note, 8.5, right - x), 8.5)
    return _save(canvas, path)


def render_close_page(text: CloseText, path: Path) -> Path:
    """A table on A4: staff down the side, figures across."""
    width, height = A4
    margin = 18 * mm
    canvas = Canvas(str(path.with_suffix(".part")), initialFontName=pdf_font_name(), pagesize=A4)
    canvas.setTitle(text.title)
    y = height - margin
    canvas.setFillColor(INK)
    draw_text(canvas, margin, y, text.title, 18)
    y -= 8 * mm
    canvas.setFillColor(MUTED)
    draw_text(canvas, margin, y, text.store_line, 10)
    y -= 5 * mm
    draw_text(canvas, margin, y, text.made_line, 9)
    y -= 12 * mm
    first = 30 * mm
    column = (width - 2 * margin - first) / (len(text.headers) - 1)
    _table_row(canvas, text.headers, margin, y, first, column, 7.5, MUTED)
    _rule(canvas, margin, width - margin, y - 2.5 * mm)
    for index, row in enumerate(text.rows):
        y -= 8 * mm
        last = index == len(text.rows) - 1
        if last:
            _rule(canvas, margin, width - margin, y + 5 * mm)
        _table_row(canvas, row, margin, y, first, column, 10, INK)
    y -= 14 * mm
    canvas.setFillColor(MUTED)
    for note in text.footer:
        draw_text(canvas, margin, y, note, 10)
        y -= 6 * mm
    return _save(canvas, path)


def _table_row(canvas, cells, x, y, first, column, size, colour) -> None:
    canvas.setFillColor(colour)
    draw_text(canvas, x, y, fit_text(cells[0], size, first - 2 * mm), size)
    for i, cell in enumerate(cells[1:]):
        right = x + first + (i + 1) * column - 2 * mm
        draw_text(canvas, right, y, fit_text(cell, size, column - 3 * mm), size, "right")


def _rule(canvas, x1, x2, y) -> None:
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(x1, y, x2, y)
    canvas.restoreState()


def _save(canvas: Canvas, path: Path) -> Path:
    canvas.save()
    path.with_suffix(".part").replace(path)  # atomic: no half file under the real name
    return path
