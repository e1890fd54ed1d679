"""Coupons as PDF: one per 80 mm receipt-printer slip, or eight to an A4 sheet with cut lines.

Text arrives already in the reader's language (`CouponText`); this module only lays it
out. Long runs report progress and can be cancelled between coupons.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import HexColor, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from services.printing.fonts import draw_text, fit_text, pdf_font_name, string_width
from services.printing.qr import draw_qr

RECEIPT_WIDTH = 80 * mm
RECEIPT_HEIGHT = 128 * mm
SHEET_COLUMNS, SHEET_ROWS = 2, 4
SHEET_MARGIN = 10 * mm
BRAND = HexColor("#0f766e")
INK = HexColor("#102a43")
MUTED = HexColor("#486581")

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class PrintCancelled(Exception):
    """The person at the counter stopped a long print run; no file was left behind."""


@dataclass(frozen=True)
class CouponText:
    """Everything printed on one coupon, already in the reader's language."""

    store_name: str
    title: str
    value: str  # "¥10", "9折" ...: the biggest thing on the coupon
    condition: str  # "满300元可用" / "No minimum spend"
    validity: str
    holder: str  # masked member name, or "bearer coupon"
    code: str  # the short code, for typing when a scanner fails
    payload: str  # the signed text in the QR code
    terms: str


def render_receipt_coupons(
    coupons: list[CouponText],
    path: Path,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Path:
    """One coupon per slip, sized for an 80 mm receipt printer."""

    def draw(canvas: Canvas, coupon: CouponText, index: int) -> None:
        _draw_receipt(canvas, coupon)
        canvas.showPage()

    return _render(coupons, path, (RECEIPT_WIDTH, RECEIPT_HEIGHT), draw, progress, cancelled)


def render_sheet_coupons(
    coupons: list[CouponText],
    path: Path,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Path:
    """Eight coupons to an A4 page, with dashed lines to cut along."""
    per_page = SHEET_COLUMNS * SHEET_ROWS
    cell_w = (A4[0] - 2 * SHEET_MARGIN) / SHEET_COLUMNS
    cell_h = (A4[1] - 2 * SHEET_MARGIN) / SHEET_ROWS

    def draw(canvas: Canvas, coupon: CouponText, index: int) -> None:
        slot = index % per_page
        if slot == 0:
            _draw_cut_lines(canvas, cell_w, cell_h)
        col, row = slot % SHEET_COLUMNS, slot // SHEET_COLUMNS
        x = SHEET_MARGIN + col * cell_w
        y = A4[1] - SHEET_MARGIN - (row + 1) * cell_h
        _draw_sheet_cell(canvas, coupon, x, y, cell_w, cell_h)
        if slot == per_page - 1 or index == len(coupons) - 1:
            canvas.showPage()

    return _render(coupons, path, A4, draw, progress, cancelled)


def _render(coupons, path: Path, size, draw, progress, cancelled) -> Path:
    tmp = path.with_suffix(".part")
    canvas = Canvas(str(tmp), initialFontName=pdf_font_name(), pagesize=size, pageCompression=1)
    canvas.setTitle(coupons[0].title if coupons else "")
    try:
        for index, coupon in enumerate(coupons):
            if cancelled is not None and cancelled():
                raise PrintCancelled
            draw(canvas, coupon, index)
            if progress is not None:
                progress(index + 1, len(coupons))
        canvas.save()
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(path)  # atomic: a crash leaves no half-written file under the real name
    return path


def _draw_receipt(canvas: Canvas, c: CouponText) -> None:
    w, h, pad = RECEIPT_WIDTH, RECEIPT_HEIGHT, 5 * mm
    canvas.setFillColor(BRAND)
    canvas.rect(0, h - 14 * mm, w, 14 * mm, stroke=0, fill=1)
    canvas.setFillColor(white)
    draw_text(canvas, w / 2, h - 9 * mm, fit_text(c.store_name, 12, w - 2 * pad), 12, "centre")
    canvas.setFillColor(INK)
    draw_text(canvas, w / 2, h - 22 * mm, fit_text(c.title, 12, w - 2 * pad), 12, "centre")
    canvas.setFillColor(BRAND)
    draw_text(canvas, w / 2, h - 37 * mm, c.value, 34, "centre")
    canvas.setFillColor(INK)
    draw_text(canvas, w / 2, h - 44 * mm, fit_text(c.condition, 10, w - 2 * pad), 10, "centre")
    qr = 40 * mm
    draw_qr(canvas, c.payload, (w - qr) / 2, h - 88 * mm, qr)
    draw_text(canvas, w / 2, h - 93 * mm, c.code, 11, "centre")
    canvas.setFillColor(MUTED)
    draw_text(canvas, w / 2, h - 100 * mm, fit_text(c.validity, 9, w - 2 * pad), 9, "centre")
    draw_text(canvas, w / 2, h - 105 * mm, fit_text(c.holder, 9, w - 2 * pad), 9, "centre")
    _draw_wrapped(canvas, c.terms, pad, h - 112 * mm, w - 2 * pad, 7)
    _dashed(canvas, 0, 2 * mm, w, 2 * mm)


def _draw_sheet_cell(canvas: Canvas, c: CouponText, x: float, y: float, w: float, h: float):
    pad = 5 * mm
    canvas.setFillColor(BRAND)
    canvas.rect(x + 2 * mm, y + h - 11 * mm, w - 4 * mm, 9 * mm, stroke=0, fill=1)
    canvas.setFillColor(white)
    draw_text(canvas, x + pad, y + h - 7.8 * mm, fit_text(c.store_name, 10, w - 2 * pad), 10)
    qr = 34 * mm
    text_w = w - qr - 3 * pad
    canvas.setFillColor(INK)
    draw_text(canvas, x + pad, y + h - 18 * mm, fit_text(c.title, 10, text_w), 10)
    canvas.setFillColor(BRAND)
    draw_text(canvas, x + pad, y + h - 31 * mm, fit_text(c.value, 28, text_w), 28)
    canvas.setFillColor(INK)
    draw_text(canvas, x + pad, y + h - 37 * mm, fit_text(c.condition, 8.5, text_w), 8.5)
    canvas.setFillColor(MUTED)
    draw_text(canvas, x + pad, y + h - 42 * mm, fit_text(c.validity, 8, text_w), 8)
    draw_text(canvas, x + pad, y + h - 46.5 * mm, fit_text(c.holder, 8, text_w), 8)
    draw_qr(canvas, c.payload, x + w - qr - pad, y + h - 14 * mm - qr, qr)
    canvas.setFillColor(INK)
    draw_text(canvas, x + w - pad - qr / 2, y + h - 18.5 * mm - qr, c.code, 8.5, "centre")
    canvas.setFillColor(MUTED)
    _draw_wrapped(canvas, c.terms, x + pad, y + 10 * mm, w - 2 * pad, 6.5, max_lines=2)


def _draw_cut_lines(canvas: Canvas, cell_w: float, cell_h: float) -> None:
    for col in range(SHEET_COLUMNS + 1):
        x = SHEET_MARGIN + col * cell_w
        _dashed(canvas, x, SHEET_MARGIN, x, A4[1] - SHEET_MARGIN)
    for row in range(SHEET_ROWS + 1):
        y = SHEET_MARGIN + row * cell_h
        _dashed(canvas, SHEET_MARGIN, y, A4[0] - SHEET_MARGIN, y)


def _dashed(canvas: Canvas, x1: float, y1: float, x2: float, y2: float) -> None:
    canvas.saveState()
    canvas.setStrokeColor(HexColor("#9fb3c8"))
    canvas.setLineWidth(0.5)
    canvas.setDash(3, 3)
    canvas.line(x1, y1, x2, y2)
    canvas.restoreState()


def _draw_wrapped(canvas, text: str, x: float, y: float, width: float, size: float, max_lines=4):
    """Breaks by width, character by character: Chinese has no spaces to break at."""
    lines, line = [], ""
    for ch in text:
        if string_width(line + ch, size) > width:
            lines.append(line)
            line = ch.lstrip()
        else:
            line += ch
    lines.append(line)
    for i, part in enumerate(lines[:max_lines]):
        draw_text(canvas, x, y - i * size * 1.3, part, size)
