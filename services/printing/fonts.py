"""A font for PDFs that has Chinese glyphs, embedded so every printer and viewer shows them.

reportlab embeds TrueType outlines only, so OpenType/CFF fonts such as Noto Sans CJK do
not qualify. Bundled fonts come first, then well-known system fonts; the last resort is
reportlab's built-in STSong-Light, which viewers substitute rather than embed.
"""

from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from resources import resource_path

FONT_NAME = "CounterCJK"
FALLBACK_CID_FONT = "STSong-Light"

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


def font_candidates() -> list[tuple[Path, int]]:
    bundled = sorted(resource_path("fonts").glob("*.tt[fc]"))
    return [(p, 0) for p in bundled] + [(Path(p), i) for p, i in SYSTEM_CANDIDATES]


@cache
def pdf_font_name() -> str:
    """Registers the first usable CJK TrueType font once; returns the name to draw with."""
    for path, index in font_candidates():
        if not path.is_file():
            continue
        try:
            pdfmetrics.registerFont(TTFont(FONT_NAME, str(path), subfontIndex=index))
        except (TTFError, OSError):
            continue
        return FONT_NAME
    pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_CID_FONT))
    return FALLBACK_CID_FONT


def font_is_embedded() -> bool:
    return pdf_font_name() == FONT_NAME


LATIN_FONT = "Helvetica"


def text_runs(text: str) -> list[tuple[str, str]]:
    """(font, segment) pairs: CJK fonts such as Droid Sans Fallback lack Latin letters,
    so characters the CJK font does not have are drawn in Helvetica."""
    cjk = pdf_font_name()
    if cjk != FONT_NAME:
        return [(cjk, text)] if text else []
    glyphs = pdfmetrics.getFont(FONT_NAME).face.charToGlyph
    runs: list[tuple[str, str]] = []
    for ch in text:
        font = cjk if (ord(ch) in glyphs and not ch.isascii()) else LATIN_FONT
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
