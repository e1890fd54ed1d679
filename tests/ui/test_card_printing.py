"""A printed member card: Chinese embedded, and its QR code scans back to a valid code."""

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import QSize, Qt
from PySide6.QtPdf import QPdfDocument

from services.core.errors import LoyaltyError
from services.members import accounts as members
from services.members import check_in
from services.members.accounts import NewMember
from tests.ui.driving import sign_in_as


def decode_pdf_qr(path, tmp_path) -> list[str]:
    document = QPdfDocument()
    document.load(str(path))
    assert document.pageCount() == 1
    size = document.pagePointSize(0)
    assert (round(size.width()), round(size.height())) == (243, 153)  # 85.6 x 54 mm
    image = document.render(0, QSize(1012, 638))
    png = tmp_path / "card.png"
    image.save(str(png))
    rendered = Image.open(png).convert("RGBA")
    paper = Image.new("RGBA", rendered.size, "white")  # the render is transparent where blank
    paper.alpha_composite(rendered)
    return [
        r.text
        for r in zxingcpp.read_barcodes(paper.convert("L"), formats=zxingcpp.BarcodeFormat.QRCode)
    ]


@pytest.fixture
def shown_member(qtbot, make_window, counter, monkeypatch):
    offered = []
    monkeypatch.setattr("ui.card_printing.offer_pdf", lambda path, *a: offered.append(path))
    member = members.register_member(
        counter.runtime.writer(),
        counter.manager,
        counter.runtime.now(),
        NewMember("欧阳晨欣", "13600001111", 2, 29),
    )
    window = make_window()
    sign_in_as(qtbot, window, "王经理", counter.manager_pin)
    qtbot.waitUntil(lambda: window.top.currentWidget() is window.workspace)
    page = window.pages["checkin"]
    qtbot.keyClicks(page.scan_input, member.member_no)
    qtbot.keyClick(page.scan_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.card.isVisible())
    return page, offered, member


def test_ctrl_p_prints_a_card_whose_qr_checks_the_member_in(qtbot, shown_member, counter, tmp_path):
    page, offered, member = shown_member
    qtbot.keyClick(page.scan_input, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(offered))
    pdf = offered[0].read_bytes()
    assert b"/FontFile2" in pdf, "the Chinese font must be embedded, not substituted"
    texts = decode_pdf_qr(offered[0], tmp_path)
    assert len(texts) == 1 and texts[0].startswith("LCM")
    result = check_in.check_in(
        counter.runtime.writer(), counter.manager, counter.runtime.now(), texts[0]
    )
    assert result.card.id == member.id


def test_reissuing_revokes_the_printed_card(qtbot, shown_member, counter, tmp_path):
    page, offered, member = shown_member
    qtbot.keyClick(page.scan_input, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(offered) == 1)
    old = decode_pdf_qr(offered[0], tmp_path)[0]
    page.reissue_button.click()
    qtbot.waitUntil(lambda: len(offered) == 2)
    new = decode_pdf_qr(offered[1], tmp_path)[0]
    with pytest.raises(LoyaltyError) as refused:
        check_in.check_in(counter.runtime.writer(), counter.manager, counter.runtime.now(), old)
    assert refused.value.code == "qr.revoked"
    ok = check_in.check_in(counter.runtime.writer(), counter.manager, counter.runtime.now(), new)
    assert ok.card.id == member.id
