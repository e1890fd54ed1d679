"""The printed reconciliation on its own: a day with more lines than a page holds runs onto
further pages, every line and its explanation (long Chinese ones wrapped, not cut) read back
by pdftotext, each page numbered and headed with the store, the day and the column headers."""

from services.printing.reconcile_page import (
    ReconcileSection,
    ReconcileText,
    _wrap,
    render_reconcile_page,
)
from tests.pdfs import pdf_text

LONG = "收银机当天下午断网两小时，期间的销售由店员手工登记，次日已与收银记录逐笔核对并补录"


def day_text(lines: int, explained: str = LONG) -> ReconcileText:
    rows = [
        [f"R2026030100{n:03d}", "1,234.50", "1,235.50", explained if n % 4 == 0 else ""]
        for n in range(lines)
    ]
    return ReconcileText(
        title="POS 对账 · 2026/3/1",
        store_line="测试门店 · 1",
        made_line="2026/3/1 22:10 由 王经理 打印",
        summary=[("收银机销售笔数", "5,000"), ("不符条目", str(lines))],
        rate_line="差错率 2.40%（目标不超过 0.50%）：超标",
        within_target=False,
        headers=["小票号", "收银机金额", "积分系统金额", "说明"],
        sections=[ReconcileSection(f"金额不一致 ({lines})", rows)],
        none_line="当天的销售与积分全部相符。",
        page_word="第 %1 页，共 %2 页",
    )


def test_a_long_day_runs_onto_numbered_pages_with_every_line(tmp_path):
    path = render_reconcile_page(day_text(120), tmp_path / "day.pdf")
    text = pdf_text(path)
    pages = text.split("\f")[:-1]
    assert len(pages) >= 3
    assert f"第 1 页，共 {len(pages)} 页" in pages[0]
    assert f"第 {len(pages)} 页，共 {len(pages)} 页" in pages[-1]
    for n in range(120):
        assert f"R2026030100{n:03d}" in text
    assert "差错率 2.40%" in pages[0]
    for page in pages:  # each page says what it is and what its columns are
        assert "POS 对账 · 2026/3/1" in page and "测试门店 · 1" in page
        for header in ("小票号", "收银机金额", "积分系统金额", "说明"):
            assert header in page
        assert "金额不一致 (120)" in page
    assert not path.with_suffix(".part").exists()


def test_every_kind_heading_has_its_first_line_beside_it(tmp_path):
    # Lines enough to end a page right where the second kind's heading would start.
    for count in range(20, 110):
        text = day_text(count, explained="")
        second = ReconcileSection("有积分无收银销售 (1)", [["R9", "", "3.00", ""]])
        text = ReconcileText(**{**text.__dict__, "sections": [*text.sections, second]})
        pages = pdf_text(render_reconcile_page(text, tmp_path / "day.pdf")).split("\f")[:-1]
        heading = next(p for p in pages if "有积分无收银销售" in p)
        assert "R9" in heading, count


def test_a_long_explanation_wraps_between_characters_and_whole_latin_words():
    words = ["checked", "against", "the", "till", "log"]
    lines = _wrap(LONG + " " + " ".join(words), 9.5, 200)
    assert len(lines) > 2
    assert "".join(lines).replace(" ", "") == LONG + "".join(words)  # nothing lost
    latin = [w for line in lines for w in line.split() if w.isascii()]
    assert latin == words  # no Latin word cut across two lines


def test_a_day_without_lines_says_so(tmp_path):
    empty = day_text(0)
    empty = ReconcileText(**{**empty.__dict__, "sections": []})
    text = pdf_text(render_reconcile_page(empty, tmp_path / "none.pdf"))
    assert "当天的销售与积分全部相符。" in text
