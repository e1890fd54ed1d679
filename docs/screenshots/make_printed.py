"""Makes the README's pictures of printed things, the way a reader's machine would see them.

Each PDF is rendered by poppler's pdftoppm with fontconfig pointed at an empty folder, so
the pictures show only what the PDFs carry (the bundled font); the ESC/POS slip is the
bytes a receipt printer would get, drawn as thermal paper (services.printing.escpos_preview).
Codes are real: a counter is set up in a temporary folder and signs them.

Run from the repository root:  python docs/screenshots/make_printed.py
"""

import os
import subprocess
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from escpos.printer import Dummy  # noqa: E402

from services import points  # noqa: E402
from services.core.actor import Actor  # noqa: E402
from services.core.bootstrap import open_counter  # noqa: E402
from services.core.clock import SystemClock  # noqa: E402
from services.core.setup import NewCounter, set_up_counter  # noqa: E402
from services.coupons import issue as coupons  # noqa: E402
from services.coupons import views as coupon_views  # noqa: E402
from services.events import planning as events  # noqa: E402
from services.events import reports as event_reports  # noqa: E402
from services.events.planning import EventSpec, create_event  # noqa: E402
from services.members import accounts as members  # noqa: E402
from services.members.accounts import NewMember, register_member  # noqa: E402
from services.printing.attendance import AttendanceText, render_attendance  # noqa: E402
from services.printing.cards import CardText, render_member_cards  # noqa: E402
from services.printing.coupons import (  # noqa: E402
    CouponText,
    render_receipt_coupons,
    render_sheet_coupons,
)
from services.printing.day_close import CloseText, render_close_slip  # noqa: E402
from services.printing.escpos_preview import render_png  # noqa: E402
from services.printing.escpos_printer import write_slip  # noqa: E402
from services.printing.gift_slips import SlipText, render_gift_slip  # noqa: E402
from services.printing.printer_config import PrinterConfig  # noqa: E402
from services.printing.slips import coupon_slip, gift_slip  # noqa: E402
from services.printing.tickets import TicketText, render_tickets  # noqa: E402

OUT = Path(__file__).resolve().parent
STORE = "静安寺店"


def fontless_env(tmp: Path) -> dict[str, str]:
    (tmp / "no-fonts").mkdir()
    conf = tmp / "fonts.conf"
    conf.write_text(
        f"<?xml version='1.0'?><fontconfig><dir>{tmp / 'no-fonts'}</dir>"
        f"<cachedir>{tmp / 'fc-cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    return {**os.environ, "FONTCONFIG_FILE": str(conf)}


def snap(env, pdf: Path, name: str, dpi: int, height: int | None = None) -> None:
    """The first page; `height` in pixels keeps only its top (an A4 page mostly empty)."""
    target = OUT / name
    crop = ["-x", "0", "-y", "0", "-W", "10000", "-H", str(height)] if height else []
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", "-png", *crop,
         str(pdf), str(target.with_suffix(""))],
        env=env, check=True,
    )  # fmt: skip
    print(target.relative_to(ROOT))


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        env = fontless_env(tmp)
        rt = open_counter(tmp / "data", SystemClock())
        ident, manager = set_up_counter(
            rt.writer(), NewCounter(STORE, "SH-001", "1号收银台", "王经理", "2580"), rt.now()
        )
        actor = Actor(manager.id, manager.name, manager.role, ident.store_id, ident.device_id)
        now = rt.now()
        new = NewMember("欧阳晨欣", "13800138000", 8, 12)
        member = register_member(rt.writer(), actor, now, new)

        card = members.printable_card(rt.writer(), actor, now, member.id)
        text = CardText(card.store_name, "会员卡", card.member_name, card.member_no, card.tier,
                        "铜卡会员", card.code)  # fmt: skip
        snap(env, render_member_cards([text], tmp / "card.pdf"), "member-card.png", 200)

        points.earn(rt.writer(), actor, now, member.id, "R-SEED", 100000, {}, 0)
        issued = coupons.exchange_points(rt.writer(), actor, now, member.id, 800)
        printable = coupon_views.printable_coupons(
            rt.writer(), actor, now, [c.coupon_id for c in issued]
        )
        texts = [
            CouponText(p.store_name, p.title_zh, f"¥{p.value // 100}",
                       f"满{p.min_spend_fen // 100}元可用" if p.min_spend_fen else "无门槛",
                       f"有效期至 {p.expires_at.date().isoformat()}", f"仅限会员 {p.holder} 使用",
                       p.code, p.payload, "每券限用一次，不找零，不兑换现金。过期作废。")
            for p in printable
        ]  # fmt: skip
        snap(env, render_receipt_coupons(texts[:1], tmp / "slip.pdf"), "coupon-receipt.png", 130)
        snap(env, render_sheet_coupons(texts, tmp / "sheet.pdf"), "coupon-sheet.png", 80)

        receipt = SlipText(STORE, "积分小票", "小票 R-1001", (
            ("会员", "欧阳晨欣"), ("消费金额", "¥120.00"), ("会员折扣", "−¥12.00"),
            ("实付", "¥108.00"), ("本次积分", "108"), ("积分余额", "1,208"),
        ), "积分将于 2027-12-31 过期")  # fmt: skip
        snap(env, render_gift_slip(receipt, tmp / "points.pdf"), "points-receipt.png", 130)
        gift = SlipText(STORE, "礼品兑换单", "保温杯 · 500 ml", (
            ("会员", "欧阳晨欣"), ("所用积分", "800"), ("兑换后余额", "408"),
            ("时间", "2026-03-10 15:42"), ("柜台", f"{STORE} · 1号收银台"), ("经办", "王经理"),
        ), "01a23b57-4b26-7000")  # fmt: skip
        snap(env, render_gift_slip(gift, tmp / "gift.pdf"), "gift-slip.png", 130)

        close = CloseText("日结单 · 2026-03-10", f"{STORE} · 1号收银台", "打印于 18:05 · 王经理",
                          ["员工", "发放积分", "兑换积分", "发放优惠券", "到店"],
                          [["李收银", "340", "500", "7", "11"],
                           ["王经理", "1,000", "100", "3", "13"],
                           ["合计", "1,340", "600", "10", "24"]],
                          ["过期积分：123", "待同步操作：0"])  # fmt: skip
        snap(env, render_close_slip(close, tmp / "close.pdf"), "day-close-slip.png", 110)

        event_id = create_event(rt.writer(), actor, now, EventSpec(
            "EV-0310", "夏日会员日", "一楼中庭", now, now + timedelta(hours=5), 100))  # fmt: skip
        events.register_member_for_event(rt.writer(), actor, now, event_id, member.id)
        (t,) = event_reports.printable_tickets(rt.reader(), event_id)
        ticket = TicketText(t.store_name, t.event_name, t.place, "3月10日 10:00–15:00",
                            t.attendee, "受邀会员", t.code, "入场时请出示此码")  # fmt: skip
        snap(env, render_tickets([ticket] * 2, tmp / "tickets.pdf"), "tickets.png", 110, 360)

        attendance = AttendanceText("夏日会员日 · 签到表", "一楼中庭 · 2026-03-10 10:00–15:00",
                                    (("已报名", "24"), ("已签到", "19"), ("现场登记", "3")),
                                    ("姓名", "会员号", "手机", "类型", "时间", "收银台", "积分"),
                                    tuple((n, f"M-10{i:02d}", "138****8000", "受邀", f"10:{i:02d}",
                                           "1号", "20") for i, n in enumerate(
                                        ("欧阳晨欣", "李明", "张伟", "王芳", "赵敏"))),
                                    "打印于 2026-03-10 15:05 · 王经理")  # fmt: skip
        snap(env, render_attendance(attendance, tmp / "attendance.pdf"), "attendance.png", 100, 360)

        printer = Dummy()
        config = PrinterConfig("network", host="shop")
        write_slip(printer, gift_slip(receipt), config)
        write_slip(printer, coupon_slip(texts[0]), config)
        render_png(printer.output, OUT / "escpos-slip.png", config.paper_mm)
        print((OUT / "escpos-slip.png").relative_to(ROOT))
        rt.close()


if __name__ == "__main__":
    main()
