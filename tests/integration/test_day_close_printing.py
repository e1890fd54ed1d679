"""The day's close on paper: an 80 mm slip and an A4 page, Chinese embedded, every figure
readable back out of the PDF (poppler's pdftotext, pdffonts and pdfinfo do the reading)."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics

from services.printing.day_close import CloseText, render_close_page, render_close_slip
from services.printing.fonts import FONT_NAME, font_is_embedded

TITLE = "日结单 · 2026-03-10"
STORE_LINE = "测试门店 · 1号收银台"
MADE_LINE = "打印于 2026-03-10 18:05 · 王经理"
STAFF = ("李收银", "王经理", "欧阳晨欣")
# Every figure is different, so finding one in the text cannot be luck.
FIGURES = (
    ("340", "500", "7", "11"),
    ("1,000", "100", "3", "13"),
    ("25", "0", "2", "17"),
)
TOTAL = ("合计", "1,365", "600", "12", "41")
FOOTER = ("过期积分：123", "待同步操作：29")


def run_poppler(tool: str, *args: str) -> str:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} (poppler-utils) is not installed")
    done = subprocess.run([tool, *args], capture_output=True, text=True, check=True, timeout=30)
    return done.stdout


def pdf_text(path: Path) -> str:
    return run_poppler("pdftotext", "-layout", "-enc", "UTF-8", str(path), "-")


def page_size_pt(path: Path) -> tuple[float, float]:
    try:
        from pypdf import PdfReader
    except ImportError:
        info = run_poppler("pdfinfo", str(path))
        found = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.MULTILINE)
        assert found, info
        return float(found.group(1)), float(found.group(2))
    box = PdfReader(str(path)).pages[0].mediabox
    return float(box.width), float(box.height)


def embedded_fonts(path: Path) -> list[str]:
    """Names of the fonts pdffonts reports as embedded ("emb" column is yes)."""
    lines = run_poppler("pdffonts", str(path)).splitlines()[2:]  # after the header rule
    names = []
    for line in lines:
        # name type [type...] encoding emb sub uni object-id gen
        fields = line.split()
        if len(fields) >= 7 and fields[-5] == "yes":
            names.append(fields[0])
    return names


@pytest.fixture
def close_text() -> CloseText:
    return CloseText(
        title=TITLE,
        store_line=STORE_LINE,
        made_line=MADE_LINE,
        headers=["员工", "发放积分", "兑换积分", "发放优惠券", "到店"],
        rows=[[name, *figures] for name, figures in zip(STAFF, FIGURES, strict=True)]
        + [list(TOTAL)],
        footer=list(FOOTER),
    )


@pytest.fixture(autouse=True)
def needs_cjk_font():
    if not font_is_embedded():
        pytest.skip("no CJK TrueType font on this machine: the PDF falls back to STSong-Light")


def words(text: str) -> list[str]:
    return text.split()


def flat(text: str) -> str:
    return " ".join(text.split())


def assert_everything_readable(path: Path, close: CloseText) -> None:
    text = pdf_text(path)
    assert flat(close.title) in flat(text), text
    assert flat(close.store_line) in flat(text)
    assert flat(close.made_line) in flat(text)
    tokens = words(text)
    for row in close.rows:
        assert row[0] in tokens, f"{row[0]!r} missing from\n{text}"
        for figure in row[1:]:
            assert figure in tokens, f"figure {figure!r} of {row[0]} missing from\n{text}"
    for note in close.footer:
        assert note in tokens


def assert_cjk_font_embedded(path: Path) -> None:
    face = pdfmetrics.getFont(FONT_NAME).face.name
    face = face.decode() if isinstance(face, bytes) else face
    embedded = embedded_fonts(path)
    # Subsets are named "ABCDEF+FaceName".
    assert any(name.split("+")[-1] == face for name in embedded), (face, embedded)


def assert_written_atomically(path: Path) -> None:
    assert path.is_file()
    assert path.read_bytes().startswith(b"%PDF")
    assert not path.with_suffix(".part").exists()
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_the_slip_is_80_mm_wide_with_every_figure_in_chinese(tmp_path, close_text):
    path = tmp_path / "close-2026-03-10-slip.pdf"
    assert render_close_slip(close_text, path) == path
    assert_written_atomically(path)
    width, height = page_size_pt(path)
    assert width == pytest.approx(80 * mm, abs=0.5)
    # the slip grows with the number of staff: never a fixed A4 length
    assert height > 60 * mm and height != pytest.approx(A4[1], abs=1)
    assert_everything_readable(path, close_text)
    assert_cjk_font_embedded(path)


def test_the_a4_page_has_a_row_per_staff_member_and_the_total(tmp_path, close_text):
    path = tmp_path / "close-2026-03-10-a4.pdf"
    assert render_close_page(close_text, path) == path
    assert_written_atomically(path)
    width, height = page_size_pt(path)
    assert (width, height) == (pytest.approx(A4[0], abs=0.5), pytest.approx(A4[1], abs=0.5))
    assert_everything_readable(path, close_text)
    assert_cjk_font_embedded(path)
    # A table: each staff member's figures sit on the line with their name.
    lines = {line.split()[0]: line.split()[1:] for line in pdf_text(path).splitlines() if line}
    for name, figures in zip(STAFF, FIGURES, strict=True):
        assert lines[name] == list(figures)
    assert lines["合计"] == list(TOTAL[1:])


def test_a_taller_day_makes_a_longer_slip(tmp_path, close_text):
    short = render_close_slip(close_text, tmp_path / "short.pdf")
    more = CloseText(
        close_text.title,
        close_text.store_line,
        close_text.made_line,
        close_text.headers,
        [close_text.rows[0]] * 6 + [close_text.rows[-1]],
        close_text.footer,
    )
    long = render_close_slip(more, tmp_path / "long.pdf")
    assert page_size_pt(long)[0] == pytest.approx(page_size_pt(short)[0])
    assert page_size_pt(long)[1] > page_size_pt(short)[1]
    assert words(pdf_text(long)).count(STAFF[0]) == 6


def test_printing_again_replaces_the_earlier_file(tmp_path, close_text):
    path = tmp_path / "close.pdf"
    path.write_bytes(b"an older, half-written close")
    render_close_page(close_text, path)
    assert_written_atomically(path)
    assert flat(TITLE) in flat(pdf_text(path))
