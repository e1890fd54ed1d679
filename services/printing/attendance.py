"""The attendance report as an A4 PDF: the event, its numbers, and every attendee by line.

Text arrives in the reader's language; this module lays it out over as many pages as
the list needs, repeating the column heads.
"""

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from services.printing.fonts import draw_text, fit_text, pdf_font_name

MARGIN = 15 * mm
LINE = 6 * mm
INK = HexColor("#102a43")
MUTED = HexColor("#486581")
RULE = HexColor("#d9e2ec")
# Column starts as fractions of the printable width: name, no., mobile, kind, time, counter, pts
COLUMNS = (0.0, 0.22, 0.42, 0.57, 0.68, 0.86, 0.94)


@dataclass(frozen=True)
class AttendanceText:
    title: str
    subtitle: str  # place and time
    totals: tuple[tuple[str, str], ...]  # (label, value)
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    footer: str


def render_attendance(report: AttendanceText, path: Path) -> Path:
    tmp = path.with_suffix(".part")
    canvas = Canvas(str(tmp), initialFontName=pdf_font_name(), pagesize=A4, pageCompression=1)
    canvas.setTitle(report.title)
    width = A4[0] - 2 * MARGIN
    y = _head(canvas, report, first=True)
    page = 1
    for row in report.rows:
        if y < MARGIN + 2 * LINE:
            _foot(canvas, report, page)
            canvas.showPage()
            page += 1
            y = _head(canvas, report, first=False)
        canvas.setFillColor(INK)
        _columns(canvas, row, y, width, 8.5)
        canvas.setStrokeColor(RULE)
        canvas.line(MARGIN, y - 1.8 * mm, MARGIN + width, y - 1.8 * mm)
        y -= LINE
    _foot(canvas, report, page)
    canvas.showPage()
    canvas.save()
    tmp.replace(path)
    return path


def _head(canvas: Canvas, report: AttendanceText, first: bool) -> float:
    width = A4[0] - 2 * MARGIN
    y = A4[1] - MARGIN - 4 * mm
    canvas.setFillColor(INK)
    draw_text(canvas, MARGIN, y, fit_text(report.title, 15, width), 15)
    y -= 6 * mm
    canvas.setFillColor(MUTED)
    draw_text(canvas, MARGIN, y, fit_text(report.subtitle, 9, width), 9)
    y -= 8 * mm
    if first:
        step = width / max(len(report.totals), 1)
        for i, (label, value) in enumerate(report.totals):
            canvas.setFillColor(MUTED)
            draw_text(canvas, MARGIN + i * step, y, fit_text(label, 8, step - 2 * mm), 8)
            canvas.setFillColor(INK)
            draw_text(canvas, MARGIN + i * step, y - 6 * mm, value, 14)
        y -= 14 * mm
    canvas.setFillColor(MUTED)
    _columns(canvas, report.headers, y, width, 8)
    canvas.setStrokeColor(INK)
    canvas.line(MARGIN, y - 2 * mm, MARGIN + width, y - 2 * mm)
    return y - LINE


def _columns(canvas: Canvas, cells, y: float, width: float, size: float) -> None:
    for i, cell in enumerate(cells):
        start = COLUMNS[i] * width
        end = (COLUMNS[i + 1] if i + 1 < len(COLUMNS) else 1.0) * width
        draw_text(canvas, MARGIN + start, y, fit_text(str(cell), size, end - start - 2 * mm), size)


def _foot(canvas: Canvas, report: AttendanceText, page: int) -> None:
    canvas.setFillColor(MUTED)
    draw_text(canvas, MARGIN, MARGIN - 6 * mm, f"{report.footer}  ·  {page}", 7)
