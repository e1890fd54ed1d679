"""The font every PDF draws with: the bundled CJK TrueType font, embedded as a subset.

reportlab embeds TrueType outlines only, so OpenType/CFF fonts such as Noto Sans CJK do
not qualify; resources/fonts/CounterSansSC-Regular.ttf is Noto Sans CJK SC converted to
TrueType (resources/fonts/build_font.py). It has Latin letters too, so a PDF needs no font
of the machine it is printed on. A character the bundled font lacks (a rare name) is
drawn in the first CJK TrueType font the machine has, if any.
"""

from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from resources import resource_path

FONT_NAME = "CounterCJK"
FALLBACK_FONT_NAME = "CounterCJKFallback"
BUNDLED_FONT = "CounterSansSC-Regular.ttf"
LATIN_FONT = "Helvetica"

SYSTEM_CANDIDATES = (
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    ("C:/Windows/Fonts/msyh.ttc", 0),
    ("C:/Windows/Fonts/simhei.ttf", 0),
    ("/System/Library/Fonts/STHeiti Medium.ttc", 0),
    ("/Library/Fonts/Arial Unicode.ttf", 0),
)


def bundled_font_path() -> Path:
    return resource_path("fonts", BUNDLED_FONT)


@cache
def pdf_font_name() -> str:
    """Registers the bundled font once; returns the name to draw with."""
    pdfmetrics.registerFont(TTFont(FONT_NAME, str(bundled_font_path())))
    return FONT_NAME


def font_is_embedded() -> bool:
    return pdf_font_name() == FONT_NAME


@cache
def _glyphs(font_name: str) -> frozenset[int]:
    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


@cache
def fallback_font_name() -> str | None:
    """A machine's CJK TrueType font, registered only when a character needs it."""
    for path, index in SYSTEM_CANDIDATES:
        if not Path(path).is_file():
            continue
        try:
            pdfmetrics.registerFont(TTFont(FALLBACK_FONT_NAME, path, subfontIndex=index))
        except (TTFError, OSError):
            continue
        return FALLBACK_FONT_NAME
    return None


def font_for(ch: str) -> str:
    main = pdf_font_name()
    if ord(ch) in _glyphs(main):
        return main
    fallback = fallback_font_name()
    if fallback is not None and ord(ch) in _glyphs(fallback):
        return fallback
    return main if not ch.isascii() else LATIN_FONT


def text_runs(text: str) -> list[tuple[str, str]]:
    """(font, segment) pairs: the bundled font, unless it lacks a character."""
    runs: list[tuple[str, str]] = []
    for ch in text:
        font = font_for(ch)
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + ch)
        else:
            runs.append((font, ch))
    return runs


def string_width(text: str, size: float) -> float:
    return sum(pdfmetrics.stringWidth(seg, font, size) for font, seg in text_runs(text))


def fit_text(text: str, size: float, width: float) -> str:
    """Shortens with an ellipsis instead of running into whatever is beside the text."""
    if string_width(text, size) <= width:
        return text
    while text and string_width(text + "…", size) > width:
        text = text[:-1]
    return text + "…"


def draw_text(canvas, x: float, y: float, text: str, size: float, align: str = "left") -> None:
    """Draws mixed Chinese and Latin text; align is left, right or centre of x."""
    width = string_width(text, size)
    x -= {"left": 0, "right": width, "centre": width / 2}[align]
    for font, segment in text_runs(text):
        canvas.setFont(font, size)
        canvas.drawString(x, y, segment)
        x += pdfmetrics.stringWidth(segment, font, size)
