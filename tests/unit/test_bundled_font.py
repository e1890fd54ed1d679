"""The bundled CJK font: licensed, small, TrueType, and holding every character the counter
can print (GB 2312 and whatever the translations and sources say)."""

import unicodedata
from pathlib import Path

from reportlab.pdfbase.ttfonts import TTFontFile

from resources import resource_path

ROOT = Path(__file__).resolve().parents[2]
FONT = resource_path("fonts", "CounterSansSC-Regular.ttf")
# What resources/fonts/build_font.py puts in; a new character there means a rebuild.
SOURCES = ("resources/i18n/*.ts", "ui/**/*.py", "services/**/*.py", "models/**/*.py")


def characters_of_the_sources() -> set[str]:
    """Letters, digits, punctuation, currency and maths signs: what words are made of.
    Pictographs (✔) are screen-only and come from the system's symbol fonts."""
    chars: set[str] = set()
    for pattern in SOURCES:
        for path in ROOT.glob(pattern):
            chars.update(ch for ch in path.read_text(encoding="utf-8") if ord(ch) > 0x7F)
    return {ch for ch in chars if ch.isprintable() and _is_text(ch)}


def _is_text(ch: str) -> bool:
    category = unicodedata.category(ch)
    return category[0] in "LNP" or category in ("Sc", "Sm", "Zs")


def gb2312() -> set[str]:
    chars = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


def font_characters() -> set[str]:
    # reportlab reads the file as it will embed it: this fails on CFF outlines.
    return {chr(cp) for cp in TTFontFile(str(FONT)).charToGlyph}


def test_the_font_is_truetype_small_and_open_licensed():
    assert FONT.stat().st_size < 5_000_000
    licence = resource_path("fonts", "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert FONT.read_bytes()[:4] == b"\x00\x01\x00\x00"  # TrueType outlines, not OTTO


def test_every_character_the_counter_prints_is_in_the_font():
    have = font_characters()
    assert len(gb2312()) == 7445 and not gb2312() - have
    assert {chr(c) for c in range(0x20, 0x7F)} <= have
    missing = sorted(characters_of_the_sources() - have)
    assert not missing, f"run resources/fonts/build_font.py: the font lacks {''.join(missing)}"


def test_pdfs_draw_latin_and_chinese_in_the_bundled_font(monkeypatch):
    from services.printing import fonts

    assert fonts.text_runs("会员 M-0001，¥120") == [(fonts.FONT_NAME, "会员 M-0001，¥120")]
    rare = "\U00020000"  # CJK extension B: in no font the counter ships
    monkeypatch.setattr(fonts, "fallback_font_name", lambda: None)
    assert fonts.text_runs(f"张{rare}") == [(fonts.FONT_NAME, f"张{rare}")]  # never Helvetica
