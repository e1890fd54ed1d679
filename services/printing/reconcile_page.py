"""The day's reconciliation against the till's export on A4: the store and day, the counts,
the error rate against its target, then every line that does not match, grouped by kind,
with a manager's explanation where one was given. As many pages as the lines need.

Words arrive in the reader's language (`ReconcileText`); this module lays them out.
"""

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from services.printing.day_close import INK, MUTED, RULE
from services.printing.fonts import draw_text, fit_text, pdf_font_name, string_width

ALERT = HexColor("#b42318")
GOOD = HexColor("#1d7a46")
MARGIN = 18 * mm
LINE = 6 * mm
BODY = 9.5
# Columns of a line: receipt, the till's amount, the counter's amount, the explanation.
RECEIPT_W, AMOUNT_W = 52 * mm, 26 * mm
SECTION_GAP = 5 * mm  # air between one kind's last line and the next kind's heading


@dataclass(frozen=True)
class ReconcileSection:
    heading: str  # "积分无对应收银销售（3）"
    rows: list[list[str]]  # receipt, POS amount, loyalty amount, explanation ("" if none)


@dataclass(frozen=True)
class ReconcileText:
    title: str  # "POS 对账 · 2026-03-01"
    store_line: str  # store · counter
    made_line: str  # printed at ... by ...
    summary: list[tuple[str, str]]  # label, figure
    rate_line: str  # "差错率 0.42%（目标 ≤ 0.5%）"
    within_target: bool
    headers: list[str]  # receipt, POS amount, loyalty amount, explanation
    sections: list[ReconcileSection]
    none_line: str  # said when nothing differs
    page_word: str  # "第 %1 页，共 %2 页"


def render_reconcile_page(text: ReconcileText, path: Path) -> Path:
    pages = _layout(text)
    width, height = A4
    canvas = Canvas(str(path.with_suffix(".part")), initialFontName=pdf_font_name(), pagesize=A4)
    canvas.setTitle(text.title)
    for number, page in enumerate(pages, start=1):
        if number > 1:
            canvas.showPage()
        y = _header(canvas, text, height, first=number == 1)
        for draw in page:
            y = draw(canvas, y)
        canvas.setFillColor(MUTED)
        footer = text.page_word.replace("%1", str(number)).replace("%2", str(len(pages)))
        draw_text(canvas, width - MARGIN, 10 * mm, footer, 8, "right")
    canvas.save()
    path.with_suffix(".part").replace(path)  # atomic: no half file under the real name
    return path


def _layout(text: ReconcileText) -> list[list]:
    """The drawing steps, cut into pages: each step draws at y and returns the next y. A page
    that opens inside a kind's lines repeats its heading and the column headers first, and a
    heading never sits alone at the foot of a page."""
    head_h = 16 * mm + SECTION_GAP
    # (height, draw, the height that must fit beside it, the heading a new page repeats)
    steps: list[tuple[float, object, float, object]] = [
        (LINE * len(text.summary) + 14 * mm, _summary(text), 0, None)
    ]
    if not text.sections:
        steps.append((LINE, _plain(text.none_line, INK), 0, None))
    width = A4[0] - 2 * MARGIN - RECEIPT_W - 2 * AMOUNT_W - 4 * mm
    for section in text.sections:
        head = _section_head(section.heading, text.headers)
        rows = [_wrap(row[3], BODY, width) or [""] for row in section.rows]
        heights = [LINE + (len(lines) - 1) * 4.5 * mm for lines in rows]
        steps.append((head_h, head, heights[0] if heights else 0, None))
        for row, lines, height in zip(section.rows, rows, heights, strict=True):
            steps.append((height, _row(row, lines), 0, head))
    pages: list[list] = [[]]
    left = A4[1] - MARGIN - 40 * mm - 20 * mm
    for height, draw, with_next, repeat in steps:
        if height + with_next > left and pages[-1]:
            pages.append([])
            left = A4[1] - MARGIN - 40 * mm
            if repeat is not None:
                pages[-1].append(repeat)
                left -= head_h
        pages[-1].append(draw)
        left -= height
    return pages


def _header(canvas, text: ReconcileText, height: float, first: bool) -> float:
    y = height - MARGIN
    canvas.setFillColor(INK)
    draw_text(canvas, MARGIN, y, text.title, 18 if first else 12)
    y -= 8 * mm if first else 6 * mm
    canvas.setFillColor(MUTED)
    draw_text(canvas, MARGIN, y, text.store_line, 10)
    if not first:
        return y - 10 * mm
    y -= 5 * mm
    draw_text(canvas, MARGIN, y, text.made_line, 9)
    return y - 12 * mm


def _summary(text: ReconcileText):
    def draw(canvas, y: float) -> float:
        for label, figure in text.summary:
            canvas.setFillColor(MUTED)
            draw_text(canvas, MARGIN, y, label, 10.5)
            canvas.setFillColor(INK)
            draw_text(canvas, MARGIN + 90 * mm, y, figure, 10.5, "right")
            y -= LINE
        y -= 2 * mm
        canvas.setFillColor(GOOD if text.within_target else ALERT)
        draw_text(canvas, MARGIN, y, text.rate_line, 12.5)
        return y - 12 * mm

    return draw


def _plain(words: str, colour):
    def draw(canvas, y: float) -> float:
        canvas.setFillColor(colour)
        draw_text(canvas, MARGIN, y, words, BODY)
        return y - LINE

    return draw


def _section_head(heading: str, headers: list[str]):
    def draw(canvas, y: float) -> float:
        y -= SECTION_GAP
        canvas.setFillColor(INK)
        draw_text(canvas, MARGIN, y, heading, 12)
        y -= 6.5 * mm
        _cells(canvas, headers, [headers[3]], y, MUTED, 8.5)
        _rule(canvas, y - 2 * mm)
        return y - 7.5 * mm

    return draw


def _row(row: list[str], lines: list[str]):
    def draw(canvas, y: float) -> float:
        _cells(canvas, row, lines, y, INK, BODY)
        return y - LINE - (len(lines) - 1) * 4.5 * mm

    return draw


def _cells(canvas, cells: list[str], note: list[str], y: float, colour, size: float) -> None:
    canvas.setFillColor(colour)
    x = MARGIN
    draw_text(canvas, x, y, fit_text(cells[0], size, RECEIPT_W - 3 * mm), size)
    x += RECEIPT_W
    for cell in cells[1:3]:
        x += AMOUNT_W
        draw_text(canvas, x - 3 * mm, y, fit_text(cell, size, AMOUNT_W - 4 * mm), size, "right")
    for index, line in enumerate(note):
        draw_text(canvas, x + 4 * mm, y - index * 4.5 * mm, line, size)


def _wrap(words: str, size: float, width: float) -> list[str]:
    """Lines no wider than `width`: cut between Chinese characters, between Latin words."""
    lines, current = [], ""
    for ch in words:
        if not current or string_width(current + ch, size) <= width:
            current += ch
            continue
        cut = current.rfind(" ") if ch.isascii() and ch.isalnum() else -1
        if cut > 0 and current[cut + 1 :].isascii():  # a Latin word moves down whole
            lines.append(current[:cut])
            current = current[cut + 1 :] + ch
        else:
            lines.append(current.rstrip())
            current = ch.lstrip()
    if current:
        lines.append(current)
    return lines


def _rule(canvas, y: float) -> None:
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, y, A4[0] - MARGIN, y)
    canvas.restoreState()
