"""Coupons on paper and back: issue, print as PDF, rasterise as a printer would, scan the
QR codes, then redeem what the scanner read. Services only: no Qt."""

import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from reportlab.pdfbase import pdfmetrics

from services.core.errors import StateError
from services.coupons import campaigns
from services.coupons import issue as coupons
from services.coupons import use as coupon_use
from services.coupons import views as coupon_views
from services.coupons.views import PrintableCoupon
from services.events.planning import EventSpec, create_event
from services.printing.coupons import (
    SHEET_COLUMNS,
    SHEET_ROWS,
    CouponText,
    PrintCancelled,
    render_receipt_coupons,
    render_sheet_coupons,
)
from services.printing.fonts import FONT_NAME, font_is_embedded
from tests.conftest import STORE_NAME
from tests.factories import earn, register

PER_SHEET = SHEET_COLUMNS * SHEET_ROWS

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftoppm") is None or shutil.which("pdffonts") is None,
    reason="poppler-utils (pdftoppm, pdffonts) is not installed: PDFs cannot be rasterised",
)


# helpers -----------------------------------------------------------------------------------


def points_coupons(counter, how_many: int):
    member = register(counter)
    earn(counter, member.id, "R-SEED", how_many * 100 * 100)  # 100 points per coupon
    issued = coupons.exchange_points(
        counter.runtime.writer(),
        counter.manager,
        counter.runtime.now(),
        member.id,
        how_many * 100,
    )
    return member, issued


def event_coupons(counter, how_many: int):
    now = counter.runtime.now()
    event_id = create_event(
        counter.runtime.writer(),
        counter.manager,
        now,
        EventSpec("EV-P", "夏日会员日", "一楼中庭", now, now + timedelta(hours=5), 100),
    )
    template = coupons.templates(counter.runtime.reader(), "event")[0].template_id
    return campaigns.issue_event_batch(
        counter.runtime.writer(), counter.manager, now, template, event_id, how_many
    )


def printable(counter, issued) -> list[PrintableCoupon]:
    return coupon_views.printable_coupons(
        counter.runtime.writer(),
        counter.manager,
        counter.runtime.now(),
        [c.coupon_id for c in issued],
    )


def chinese_text(p: PrintableCoupon) -> CouponText:
    """What ui.coupon_printing.coupon_text says in Chinese, written out without Qt."""
    value = f"¥{p.value // 100}" if p.kind == "amount_off" else "礼品"
    condition = f"满{p.min_spend_fen // 100}元可用" if p.min_spend_fen else "无门槛"
    return CouponText(
        store_name=p.store_name,
        title=p.title_zh,
        value=value,
        condition=condition,
        validity=f"有效期至 {p.expires_at.date().isoformat()}",
        holder=f"仅限会员 {p.holder} 使用" if p.holder else "不记名券",
        code=p.code,
        payload=p.payload,
        terms="每券限用一次，不找零，不兑换现金。过期作废。",
    )


def pages_as_png(pdf: Path, out: Path) -> list[Path]:
    """Rasterised at 150 dpi, about what a cheap office printer puts on paper."""
    prefix = out / pdf.stem
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(prefix)], check=True)
    return sorted(out.glob(f"{pdf.stem}-*.png"))


def scanned(png: Path) -> list[str]:
    with Image.open(png) as image:
        return [
            r.text
            for r in zxingcpp.read_barcodes(
                image.convert("L"), formats=zxingcpp.BarcodeFormat.QRCode
            )
        ]


def pdf_fonts(pdf: Path) -> list[str]:
    listing = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True)
    return listing.stdout.splitlines()[2:]  # after the header and its underline


def refused_code(fn, *args, **kwargs) -> str:
    with pytest.raises(StateError) as caught:
        fn(*args, **kwargs)
    return caught.value.code


# the round trip ----------------------------------------------------------------------------


@needs_poppler
def test_receipt_slips_scan_back_and_each_coupon_redeems_once(counter, db, tmp_path):
    member, issued = points_coupons(counter, 3)
    texts = [chinese_text(p) for p in printable(counter, issued)]
    assert [t.store_name for t in texts] == [STORE_NAME] * 3
    pdf = render_receipt_coupons(texts, tmp_path / "slips.pdf")

    pngs = pages_as_png(pdf, tmp_path)
    assert len(pngs) == 3  # one coupon per slip
    read = [scanned(png) for png in pngs]
    assert read == [[c.payload] for c in issued], "each slip carries exactly its own coupon"

    for n, (decoded,) in enumerate(read):
        result = earn(counter, member.id, f"R-{n}", 5000, coupon=decoded)
        assert result.quote.coupon_fen == 1000 and result.quote.paid_fen == 4000
        assert refused_code(earn, counter, member.id, f"R-{n}-again", 5000, coupon=decoded) == (
            "coupon.used"
        )
    assert db.scalar("SELECT count(*) FROM coupon WHERE status = 'redeemed'") == 3
    assert db.scalar("SELECT count(*) FROM purchase WHERE coupon_fen = 1000") == 3
    assert db.scalar("SELECT count(*) FROM coupon_move WHERE kind = 'print'") == 3


@needs_poppler
def test_an_a4_sheet_holds_eight_and_every_code_on_it_scans(counter, db, tmp_path):
    issued = event_coupons(counter, 10)
    texts = [chinese_text(p) for p in printable(counter, issued)]
    assert all(t.holder == "不记名券" for t in texts)
    pdf = render_sheet_coupons(texts, tmp_path / "sheet.pdf")

    pngs = pages_as_png(pdf, tmp_path)
    assert len(pngs) == 2, "10 coupons at 8 a sheet make two sheets"
    first, second = (sorted(scanned(png)) for png in pngs)
    payloads = [c.payload for c in issued]
    assert first == sorted(payloads[:PER_SHEET])
    assert second == sorted(payloads[PER_SHEET:])

    member = register(counter)
    redeem = coupon_use.redeem_gift_coupon
    writer, now = counter.runtime.writer, counter.runtime.now()
    for decoded in first + second:
        check = redeem(writer(), counter.manager, now, decoded, None, False)
        assert check.claim.kind == "gift"
    assert refused_code(redeem, writer(), counter.manager, now, first[0], member.id, False) == (
        "coupon.used"
    )
    assert db.scalar("SELECT count(*) FROM coupon WHERE status = 'redeemed'") == 10


@needs_poppler
def test_chinese_text_is_drawn_in_an_embedded_cjk_font(counter, tmp_path):
    if not font_is_embedded():
        pytest.skip("no CJK TrueType font on this machine: the STSong fallback is never embedded")
    # The PDF names the font by its face (e.g. DroidSansFallback), not by our alias.
    face = pdfmetrics.getFont(FONT_NAME).face.name.decode()
    _member, issued = points_coupons(counter, 1)
    texts = [chinese_text(p) for p in printable(counter, issued)]
    for render in (render_receipt_coupons, render_sheet_coupons):
        pdf = render(texts, tmp_path / f"{render.__name__}.pdf")
        fonts = pdf_fonts(pdf)
        cjk = [line for line in fonts if f"+{face}" in line.split()[0]]
        assert cjk, f"no subset of {face} in:\n" + "\n".join(fonts)
        # columns: name type encoding emb sub uni object ID
        assert all(line.split()[-5] == "yes" for line in cjk), "\n".join(cjk)
        assert all(line.split()[-4] == "yes" for line in cjk), "subset, not the whole font"


# long runs ---------------------------------------------------------------------------------


def test_progress_climbs_to_the_total(counter, tmp_path):
    issued = event_coupons(counter, 10)
    texts = [chinese_text(p) for p in printable(counter, issued)]
    seen: list[tuple[int, int]] = []
    path = render_sheet_coupons(
        texts, tmp_path / "run.pdf", progress=lambda n, t: seen.append((n, t))
    )
    assert seen == [(n, 10) for n in range(1, 11)]
    assert path.is_file() and not path.with_suffix(".part").exists()


def test_cancelling_a_run_leaves_no_file_behind(counter, tmp_path):
    issued = event_coupons(counter, 10)
    texts = [chinese_text(p) for p in printable(counter, issued)]
    seen: list[tuple[int, int]] = []
    target = tmp_path / "cancelled.pdf"

    with pytest.raises(PrintCancelled):
        render_sheet_coupons(
            texts,
            target,
            progress=lambda n, t: seen.append((n, t)),
            cancelled=lambda: len(seen) >= 3,
        )
    assert seen == [(1, 10), (2, 10), (3, 10)]
    assert not target.exists()
    assert not target.with_suffix(".part").exists()
    assert [p for p in tmp_path.iterdir() if p.suffix in (".pdf", ".part")] == []
