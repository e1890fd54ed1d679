"""Every printed kind read back by poppler on a machine with no font at all.

fontconfig is pointed at an empty folder (FONTCONFIG_FILE), so poppler can substitute
nothing: the Chinese text is found only if the PDF carries its own font, every font in
the PDF must be embedded, the page must render ink, and each QR code, read by zxing-cpp
from poppler's raster, must be a code the counter accepts.
"""

import os
import shutil
import subprocess
from datetime import timedelta
from functools import partial
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from services import points
from services.coupons import issue as coupons
from services.coupons import views as coupon_views
from services.events import registrations
from services.events import reports as event_reports
from services.events.planning import EventSpec, create_event
from services.events.signin import sign_in
from services.members import accounts as members
from services.members import check_in
from services.printing.attendance import AttendanceText, render_attendance
from services.printing.cards import CardText, render_member_cards
from services.printing.coupons import CouponText, render_receipt_coupons, render_sheet_coupons
from services.printing.day_close import CloseText, render_close_page, render_close_slip
from services.printing.gift_slips import SlipText, render_gift_slip
from services.printing.tickets import TicketText, render_tickets
from tests.factories import register as factories_register

pytestmark = pytest.mark.skipif(
    shutil.which("pdftoppm") is None,
    reason="poppler-utils is not installed (.ci/run installs it)",
)

NAME = "欧阳晨欣"
register = partial(factories_register, name=NAME)


@pytest.fixture
def fontless(tmp_path) -> dict[str, str]:
    """An environment whose fontconfig knows no font."""
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        f"<fontconfig><dir>{empty}</dir><cachedir>{tmp_path / 'fc-cache'}</cachedir>"
        "</fontconfig>\n",
        encoding="utf-8",
    )
    return {**os.environ, "FONTCONFIG_FILE": str(conf), "FONTCONFIG_PATH": str(tmp_path)}


def poppler(env, tool: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [tool, *args], env=env, capture_output=True, text=True, check=True, timeout=60
    )


def pdf_text(env, pdf: Path) -> str:
    return " ".join(poppler(env, "pdftotext", "-enc", "UTF-8", str(pdf), "-").stdout.split())


def assert_fonts_embedded(env, pdf: Path) -> None:
    lines = poppler(env, "pdffonts", str(pdf)).stdout.splitlines()[2:]
    assert lines, "the PDF draws no text"
    # columns: name type [type] encoding emb sub uni object-id gen
    assert all(line.split()[-5] == "yes" for line in lines), "\n".join(lines)


def rendered(env, pdf: Path, out: Path) -> list[Path]:
    """pdftoppm at 150 dpi; poppler says nothing of missing fonts or language packs."""
    done = poppler(env, "pdftoppm", "-r", "150", "-png", str(pdf), str(out / pdf.stem))
    assert "font" not in done.stderr.lower() and "language pack" not in done.stderr, done.stderr
    return sorted(out.glob(f"{pdf.stem}-*.png"))


def ink(png: Path) -> float:
    """The share of dark pixels: a page whose text did not render is nearly blank."""
    with Image.open(png) as image:
        grey = image.convert("L")
        dark = sum(grey.histogram()[:128])
        return dark / (grey.width * grey.height)


def scanned(png: Path) -> list[str]:
    with Image.open(png) as image:
        return [
            r.text
            for r in zxingcpp.read_barcodes(
                image.convert("L"), formats=zxingcpp.BarcodeFormat.QRCode
            )
        ]


def check(env, pdf: Path, out: Path, *words: str) -> list[Path]:
    assert_fonts_embedded(env, pdf)
    text = pdf_text(env, pdf)
    for word in words:
        assert " ".join(word.split()) in text, f"{word!r} not in {text!r}"
    pngs = rendered(env, pdf, out)
    assert pngs and all(ink(png) > 0.002 for png in pngs)
    return pngs


# kinds with a QR code ----------------------------------------------------------------------


def test_member_card_reads_back_and_its_qr_checks_the_member_in(counter, fontless, tmp_path):
    member = register(counter)
    card = members.printable_card(
        counter.runtime.writer(), counter.manager, counter.runtime.now(), member.id
    )
    text = CardText(
        card.store_name,
        "会员卡",
        card.member_name,
        card.member_no,
        card.tier,
        "铜卡会员",
        card.code,
    )
    pdf = render_member_cards([text], tmp_path / "card.pdf")

    (png,) = check(fontless, pdf, tmp_path, NAME, "会员卡", "铜卡会员", card.member_no)
    (decoded,) = scanned(png)
    found = check_in.look_up(
        counter.runtime.reader(), counter.manager, counter.runtime.now(), decoded
    )
    assert found.card is not None and found.card.id == member.id


def coupon_texts(counter) -> tuple[str, list[CouponText]]:
    member = register(counter)
    now = counter.runtime.now()
    points.earn(counter.runtime.writer(), counter.manager, now, member.id, "R-SEED", 20000, {}, 0)
    issued = coupons.exchange_points(counter.runtime.writer(), counter.manager, now, member.id, 200)
    printable = coupon_views.printable_coupons(
        counter.runtime.writer(), counter.manager, now, [c.coupon_id for c in issued]
    )
    texts = [
        CouponText(
            p.store_name,
            p.title_zh,
            f"¥{p.value // 100}",
            "无门槛",
            f"有效期至 {p.expires_at.date().isoformat()}",
            f"仅限会员 {p.holder} 使用",
            p.code,
            p.payload,
            "每券限用一次，不找零，不兑换现金。",
        )
        for p in printable
    ]
    return member.id, texts


@pytest.mark.parametrize("render", [render_receipt_coupons, render_sheet_coupons])
def test_coupons_read_back_and_each_qr_pays(counter, fontless, tmp_path, render):
    member_id, texts = coupon_texts(counter)
    pdf = render(texts, tmp_path / "coupons.pdf")

    pngs = check(fontless, pdf, tmp_path, texts[0].title, "无门槛", "仅限会员", texts[0].code)
    decoded = [code for png in pngs for code in scanned(png)]
    assert sorted(decoded) == sorted(t.payload.upper() for t in texts)
    for n, code in enumerate(decoded):
        sale = points.earn(
            counter.runtime.writer(),
            counter.manager,
            counter.runtime.now(),
            member_id,
            f"R-{n}",
            5000,
            {},
            0,
            coupon_text=code,
        )
        assert sale.quote.coupon_fen > 0


def test_tickets_read_back_and_each_qr_signs_in(counter, fontless, tmp_path):
    now = counter.runtime.now()
    event_id = create_event(
        counter.runtime.writer(),
        counter.manager,
        now,
        EventSpec("EV-PDF", "夏日会员日", "一楼中庭", now, now + timedelta(hours=5), 100),
    )
    member = register(counter)
    registrations.register_member_for_event(
        counter.runtime.writer(), counter.manager, now, event_id, member.id
    )
    (ticket,) = event_reports.printable_tickets(counter.runtime.reader(), event_id)
    text = TicketText(
        ticket.store_name,
        ticket.event_name,
        ticket.place,
        "今天 10:00–15:00",
        ticket.attendee,
        "受邀会员",
        ticket.code,
        "入场时请出示此码",
    )
    pdf = render_tickets([text], tmp_path / "tickets.pdf")

    (png,) = check(fontless, pdf, tmp_path, "夏日会员日", "一楼中庭", NAME, "受邀会员")
    (decoded,) = scanned(png)
    result = sign_in(counter.runtime.writer(), counter.manager, now, event_id, decoded, "n-1")
    assert result.outcome == "admitted" and result.attendee.member_id == member.id


# slips and reports -------------------------------------------------------------------------


def test_gift_slip_and_points_receipt_read_back(fontless, tmp_path):
    for kind, title, name in (("gift", "礼品兑换单", "保温杯"), ("points", "积分小票", "小票 R-1")):
        slip = SlipText("测试门店", title, name, (("会员", NAME), ("实付", "¥120.00")), "谢谢惠顾")
        pdf = render_gift_slip(slip, tmp_path / f"{kind}.pdf")
        check(fontless, pdf, tmp_path, "测试门店", title, name, NAME, "¥120.00", "谢谢惠顾")


def test_day_close_slip_and_page_read_back(fontless, tmp_path):
    close = CloseText(
        "日结单 · 2026-03-10",
        "测试门店 · 1号收银台",
        "打印于 18:05 · 王经理",
        ["员工", "发放积分", "兑换积分"],
        [[NAME, "340", "500"], ["合计", "340", "500"]],
        ["过期积分：123"],
    )
    for render in (render_close_slip, render_close_page):
        pdf = render(close, tmp_path / f"{render.__name__}.pdf")
        check(fontless, pdf, tmp_path, "日结单", "测试门店", NAME, "发放积分", "过期积分：123")


def test_attendance_report_reads_back(fontless, tmp_path):
    report = AttendanceText(
        "夏日会员日 · 签到表",
        "一楼中庭 · 2026-03-10",
        (("已签到", "1"),),
        ("姓名", "会员号", "手机", "类型", "时间", "收银台", "积分"),
        ((NAME, "M-1", "138****8000", "受邀", "10:05", "1号", "10"),),
        "打印于 18:05",
    )
    pdf = render_attendance(report, tmp_path / "attendance.pdf")
    check(fontless, pdf, tmp_path, "签到表", NAME, "受邀")
