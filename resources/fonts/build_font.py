"""Makes CounterSansSC-Regular.ttf, the CJK font every printed PDF embeds.

The source is Noto Sans CJK SC Regular (SIL Open Font License 1.1), which ships as
OpenType/CFF; ReportLab embeds TrueType (glyf) outlines only, so the cubic outlines are
converted to quadratic ones with fontTools' cu2qu. The font is cut down to what a counter
prints so the repository stays small:

- ASCII, Latin-1, general punctuation, CJK symbols and punctuation, full-width forms;
- all of GB 2312 (its 6,763 hanzi and 682 symbols), read from Python's own codec;
- every other character found in the translations and the project's source (printed
  templates, messages, demo data), so no label the counter prints can fall out.

The OFL forbids a modified font to keep a Reserved Font Name and asks that it be renamed
when changed, so the result is called "Counter Sans SC".

Run from the repository root after adding characters to the sources (Debian:
`apt-get install fonts-noto-cjk`, `pip install fonttools`):

    python resources/fonts/build_font.py [path/to/NotoSansCJK-Regular.ttc]

tests/unit/test_bundled_font.py fails when a source holds a character the font lacks.
"""

import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).with_name("CounterSansSC-Regular.ttf")
DEFAULT_SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
SC_NAME = "Noto Sans CJK SC"
FAMILY = "Counter Sans SC"
PS_NAME = "CounterSansSC-Regular"
MAX_ERR = 1.0  # font units of 1000 per em: far below a printer's dot
SOURCE_GLOBS = ("resources/i18n/*.ts", "ui/**/*.py", "services/**/*.py", "models/**/*.py")

BLOCKS = (
    (0x20, 0x7E),  # ASCII
    (0xA0, 0xFF),  # Latin-1
    (0x2010, 0x2027),  # dashes, quotes, bullet, ellipsis
    (0x2030, 0x203B),
    (0x20AC, 0x20AC),  # euro sign
    (0x2116, 0x2116),  # numero
    (0x2190, 0x2193),  # arrows
    (0x2460, 0x2473),  # circled numbers
    (0x25A0, 0x25CF),  # squares, triangles, circles used as marks
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0xFF01, 0xFF5E),  # full-width forms
    (0xFFE0, 0xFFE5),  # full-width yuan sign and friends
)


def gb2312_characters() -> set[str]:
    chars = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


def source_characters(root: Path = ROOT) -> set[str]:
    """Every non-ASCII character of the translations and the source: what can be printed."""
    chars: set[str] = set()
    for pattern in SOURCE_GLOBS:
        for path in root.glob(pattern):
            chars.update(ch for ch in path.read_text(encoding="utf-8") if ord(ch) > 0x7F)
    return {ch for ch in chars if ch.isprintable()}


def wanted_characters() -> set[str]:
    chars = {chr(cp) for first, last in BLOCKS for cp in range(first, last + 1)}
    return chars | gb2312_characters() | source_characters()


def open_source(path: Path) -> TTFont:
    if path.suffix.lower() == ".ttc":
        for font in TTCollection(str(path)).fonts:
            if font["name"].getDebugName(1) == SC_NAME:
                return font
        raise SystemExit(f"{SC_NAME} is not in {path}")
    return TTFont(str(path))


def subset_font(font: TTFont, chars: set[str]) -> None:
    options = subset.Options()
    # Substitution features would pull in the Japanese, Korean and traditional forms
    # (locl) and vertical ones; the counter prints horizontal Simplified Chinese.
    options.layout_features = ["kern"]
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 11, 12, 13, 14]
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes={ord(ch) for ch in chars})
    subsetter.subset(font)


def cff_to_glyf(font: TTFont) -> None:
    """Replaces the CFF table by quadratic glyf outlines (what ReportLab can embed)."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in (
        "maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
        "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    maxp.numGlyphs = len(order)
    post = font["post"]
    post.formatType = 3.0  # no glyph names: text is found through cmap
    head = font["head"]
    head.glyphDataFormat = 0
    head.indexToLocFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def rename(font: TTFont) -> None:
    name = font["name"]
    source = name.getDebugName(5) or ""
    for record in list(name.names):
        if record.nameID in (1, 3, 4, 6, 16, 17):
            name.removeNames(nameID=record.nameID)
    name.setName(FAMILY, 1, 3, 1, 0x409)
    name.setName("Regular", 2, 3, 1, 0x409)
    name.setName(f"{PS_NAME};{source}", 3, 3, 1, 0x409)
    name.setName(f"{FAMILY} Regular", 4, 3, 1, 0x409)
    name.setName(PS_NAME, 6, 3, 1, 0x409)
    name.setName(
        f"Subset of {SC_NAME} ({source}) with TrueType outlines, made by "
        "resources/fonts/build_font.py of the loyalty counter.",
        10, 3, 1, 0x409,
    )


def build(source: Path) -> Path:
    font = open_source(source)
    subset_font(font, wanted_characters())
    cff_to_glyf(font)
    rename(font)
    font.save(str(OUT))
    return OUT


if __name__ == "__main__":
    out = build(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE)
    print(f"{out.name}: {out.stat().st_size:,} bytes")
