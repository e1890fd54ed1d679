"""Coupons: rendering 1,000 to PDF (A4 sheets and receipt slips) and to ESC/POS bytes for a
receipt printer, and checking one scan.

The render uses real issued coupons (signed codes, zxing-cpp QR) and the bundled CJK font
(resources/fonts/CounterSansSC-Regular.ttf), embedded as a subset; its loading is timed
with the first render.
The check is what a scan at the till costs: parse, verify the Ed25519 signature, look up
used lists, apply the rules, in a read transaction.
Run: python -m bench.bench_coupons [--coupons 1000] [--checks 2000]
"""

import argparse
import tempfile
import time
from pathlib import Path

from escpos.printer import Dummy

from bench.bench_foundation import percentiles
from bench.scratch import private_secrets
from models.catalog import Member
from services import points
from services.core.actor import Actor
from services.core.bootstrap import open_counter
from services.core.clock import SystemClock
from services.core.setup import NewCounter, set_up_counter
from services.coupons import campaigns
from services.coupons import issue as coupons
from services.coupons import views as coupon_views
from services.coupons.use import check_coupon
from services.events.planning import EventSpec, create_event
from services.members.accounts import NewMember, register_member
from services.printing.coupons import CouponText, render_receipt_coupons, render_sheet_coupons
from services.printing.escpos_printer import write_slip
from services.printing.printer_config import PrinterConfig
from services.printing.slips import coupon_slip


def as_text(p: coupon_views.PrintableCoupon) -> CouponText:
    return CouponText(
        p.store_name,
        p.title_zh,
        "¥" + str(p.value // 100),
        "满300元可用",
        "有效期至 " + p.expires_at.date().isoformat(),
        p.holder or "不记名券",
        p.code,
        p.payload,
        "本券一次有效，不找零，不兑现。过期作废。",
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--coupons", type=int, default=1000)
    parser.add_argument("--checks", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rt = open_counter(Path(tmp) / "data", SystemClock())
        ident, manager = set_up_counter(
            rt.writer(), NewCounter("基准店", "BENCH", "1", "经理", "2580"), rt.now()
        )
        actor = Actor(manager.id, manager.name, manager.role, ident.store_id, ident.device_id)
        now = rt.now()
        event = create_event(
            rt.writer(),
            actor,
            now,
            EventSpec("B1", "基准活动", "大厅", now, now.replace(year=now.year + 1), 10),
        )
        template = coupons.templates(rt.reader(), "winback")[0].template_id
        start = time.perf_counter()
        batch = campaigns.issue_event_batch(rt.writer(), actor, now, template, event, args.coupons)
        print(f"issued {len(batch):,} signed coupons in {time.perf_counter() - start:.2f} s")
        ids = [c.coupon_id for c in batch]
        texts = [as_text(p) for p in coupon_views.printable_coupons(rt.writer(), actor, now, ids)]
        for name, render in (
            ("A4 sheets", render_sheet_coupons),
            ("receipt", render_receipt_coupons),
        ):
            start = time.perf_counter()
            out = render(texts, Path(tmp) / f"{name}.pdf")
            took = time.perf_counter() - start
            size = out.stat().st_size / 1e6
            print(f"render {len(texts):,} coupons, {name}: {took:.2f} s ({size:.1f} MB)")
        printer = Dummy()
        config = PrinterConfig("network", host="bench")
        start = time.perf_counter()
        for text in texts:
            write_slip(printer, coupon_slip(text), config)
        took = time.perf_counter() - start
        size = len(printer.output) / 1e6
        print(f"ESC/POS bytes for {len(texts):,} coupon slips: {took:.2f} s ({size:.2f} MB)")

        member = register_member(rt.writer(), actor, now, NewMember("陈安娜", "13800138000", 8, 12))
        points.earn(rt.writer(), actor, now, member.id, "B-1", 100000, {})
        times = []
        with rt.reader() as uow:
            m = uow.session.get(Member, member.id)
            for i in range(args.checks):
                payload = batch[i % len(batch)].payload
                t0 = time.perf_counter()
                check_coupon(uow, payload, m, 40000, rt.now(), False)
                times.append((time.perf_counter() - t0) * 1000)
        p50, p99 = percentiles(times)
        print(f"check one scanned coupon: p50 {p50:.2f} ms, p99 {p99:.2f} ms ({args.checks} scans)")
        rt.close()


if __name__ == "__main__":
    with private_secrets():
        main()
