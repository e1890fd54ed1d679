"""Reads back what was sent to a receipt printer: the printed lines, QR codes and cuts.

Understands the commands escpos_printer sends (and python-escpos's cut), so a test can
check what a slip says and the README can show a picture of one; `render_png` draws the
paper as a 203 dpi thermal printer would, with the bundled font and zxing-cpp's QR.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import zxingcpp
from PIL import Image, ImageDraw, ImageFont

from resources import resource_path

DOTS = {80: 576, 58: 384}  # printable dots across the paper at 203 dpi
MARGIN_DOTS = 24
CHAR_DOTS = 12  # font A: a half-width character is 12 x 24 dots
LINE_DOTS = 30


@dataclass(frozen=True)
class PrintedLine:
    text: str
    align: str = "left"
    big: bool = False
    bold: bool = False


@dataclass(frozen=True)
class PrintedQr:
    data: str
    module_dots: int
    align: str = "centre"


@dataclass(frozen=True)
class Cut:
    pass


Printed = PrintedLine | PrintedQr | Cut
ALIGNS = {0: "left", 1: "centre", 2: "right", 48: "left", 49: "centre", 50: "right"}


def read_back(data: bytes, encoding: str = "gb18030") -> list[Printed]:
    """What the printer would put on paper, in order."""
    out: list[Printed] = []
    align, big, bold = "left", False, False
    text = bytearray()
    qr_data, module = b"", 3
    i = 0
    while i < len(data):
        b = data[i]
        if b == 0x0A:
            out.append(PrintedLine(text.decode(encoding, errors="replace"), align, big, bold))
            text.clear()
            i += 1
        elif b == 0x1B:  # ESC
            cmd = data[i + 1 : i + 2]
            if cmd == b"@":
                align, big, bold = "left", False, False
                i += 2
            elif cmd == b"a":
                align = ALIGNS.get(data[i + 2], "left")
                i += 3
            elif cmd == b"E":
                bold = data[i + 2] & 1 == 1
                i += 3
            elif cmd == b"d":  # feed n lines
                out.extend(PrintedLine("", align) for _ in range(data[i + 2]))
                i += 3
            else:
                i += 3
        elif b == 0x1D:  # GS
            cmd = data[i + 1 : i + 2]
            if cmd == b"!":
                big = data[i + 2] & 0x11 == 0x11
                i += 3
            elif cmd == b"V":
                out.append(Cut())
                i += 3 if data[i + 2] in (0, 1, 48, 49) else 4
            elif cmd == b"(":
                size = data[i + 3] | data[i + 4] << 8
                body = data[i + 5 : i + 5 + size]
                if data[i + 2 : i + 3] == b"k" and body[:1] == b"1":
                    fn = body[1]
                    if fn == 67:
                        module = body[2]
                    elif fn == 80:
                        qr_data = body[3:]
                    elif fn == 81:
                        out.append(PrintedQr(qr_data.decode("ascii"), module, align))
                i += 5 + size
            else:
                i += 3
        elif b == 0x10 and data[i + 1 : i + 2] == b"\x04":  # DLE EOT n: a status query
            i += 3
        elif b == 0x1C:  # FS: & and . switch Chinese mode, ! sets its size
            i += 3 if data[i + 1 : i + 2] == b"!" else 2
        else:
            text.append(b)
            i += 1
    return out


def printed_text(data: bytes, encoding: str = "gb18030") -> list[str]:
    return [p.text for p in read_back(data, encoding) if isinstance(p, PrintedLine)]


def printed_qr_codes(data: bytes) -> list[str]:
    return [p.data for p in read_back(data) if isinstance(p, PrintedQr)]


def render_png(data: bytes, path: Path, paper_mm: int = 80, encoding: str = "gb18030") -> Path:
    """The slip as a strip of thermal paper, one pixel a printer dot: characters sit in the
    printer's cells (12 x 24 dots, double for a Chinese character), so spacing is true."""
    items = read_back(data, encoding)
    width = DOTS[paper_mm] + 2 * MARGIN_DOTS
    height = MARGIN_DOTS * 2 + sum(_height(item) for item in items)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    y = MARGIN_DOTS
    for item in items:
        if isinstance(item, PrintedLine):
            _draw_line(image, item, y, width, encoding)
        elif isinstance(item, PrintedQr):
            code = zxingcpp.create_barcode(item.data, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
            qr = Image.fromarray(code.to_image(scale=item.module_dots, add_quiet_zones=True))
            image.paste(qr, ((width - qr.width) // 2, y))
        else:
            for x in range(0, width, 16):
                draw.line((x, y + 10, x + 8, y + 10), fill=160)
        y += _height(item)
    image.save(path)
    return path


def _draw_line(image: Image.Image, line: PrintedLine, y: int, width: int, encoding: str) -> None:
    scale = 2 if line.big else 1
    cells = [(ch, _cells(ch, encoding)) for ch in line.text]
    used = sum(n for _ch, n in cells) * CHAR_DOTS * scale
    x = {
        "left": MARGIN_DOTS,
        "centre": (width - used) // 2,
        "right": width - MARGIN_DOTS - used,
    }[line.align]
    for ch, n in cells:
        glyph = _glyph(ch, n, line.bold)
        if scale > 1:
            glyph = glyph.resize((glyph.width * 2, glyph.height * 2), Image.Resampling.LANCZOS)
        image.paste(0, (x, y), glyph)
        x += n * CHAR_DOTS * scale


def _cells(ch: str, encoding: str) -> int:
    try:
        return 1 if len(ch.encode(encoding)) == 1 else 2
    except UnicodeEncodeError:
        return 2


@cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(resource_path("fonts", "CounterSansSC-Regular.ttf")), size)


@cache
def _glyph(ch: str, cells: int, bold: bool) -> Image.Image:
    """A character as the printer's font has it: a half-width one is drawn in a 24-dot
    square and squeezed into its 12-dot cell, as font A's narrow letters are."""
    mask = Image.new("L", (24, LINE_DOTS), 0)
    draw = ImageDraw.Draw(mask)
    draw.text(
        (12, 14), ch, font=_font(22), fill=255, anchor="mm", stroke_width=int(bold), stroke_fill=255
    )
    if cells == 1:
        mask = mask.resize((CHAR_DOTS, LINE_DOTS), Image.Resampling.LANCZOS)
    return mask


def _height(item: Printed) -> int:
    if isinstance(item, PrintedLine):
        return LINE_DOTS * 2 if item.big else LINE_DOTS
    if isinstance(item, PrintedQr):
        code = zxingcpp.create_barcode(item.data, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
        return code.to_image(scale=item.module_dots, add_quiet_zones=True).shape[0] + 8
    return 24
