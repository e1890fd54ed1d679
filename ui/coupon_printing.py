"""Printing coupons: words in the reader's language, the PDF drawn off the GUI thread with a
progress bar that can cancel a long run, then the print dialog or a saved file."""

import threading

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from services import coupons
from services.coupons import PrintableCoupon
from services.printing.coupons import (
    CouponText,
    PrintCancelled,
    render_receipt_coupons,
    render_sheet_coupons,
)
from services.printing.slips import coupon_slip
from ui.context import CounterContext
from ui.labels import coupon_title
from ui.messages import message_for
from ui.printing import offer_pdf, print_or_offer

PRINTS_DIRNAME = "prints"
PROGRESS_FROM = 20  # fewer coupons than this print before a progress bar could be read


def value_text(kind: str, value: int) -> str:
    if kind == "amount_off":
        yuan = value // 100 if value % 100 == 0 else value / 100
        return f"¥{yuan}"
    if kind == "percent_off":
        zhe = (100 - value) / 10
        return QCoreApplication.translate("CouponPrinting", "{pct}% off").format(
            pct=value, zhe=f"{zhe:g}"
        )
    return QCoreApplication.translate("CouponPrinting", "Gift")


def condition_text(min_spend_fen: int) -> str:
    if not min_spend_fen:
        return QCoreApplication.translate("CouponPrinting", "No minimum spend")
    return QCoreApplication.translate("CouponPrinting", "On a spend of {yuan} yuan or more").format(
        yuan=f"{min_spend_fen / 100:g}"
    )


def coupon_text(p: PrintableCoupon) -> CouponText:
    day = QLocale().toString(p.expires_at.astimezone().date(), QLocale.FormatType.ShortFormat)
    holder = (
        QCoreApplication.translate("CouponPrinting", "For member {name} only").format(name=p.holder)
        if p.holder
        else QCoreApplication.translate("CouponPrinting", "Bearer coupon")
    )
    return CouponText(
        store_name=p.store_name,
        title=coupon_title(p.title_zh, p.title_en),
        value=value_text(p.kind, p.value),
        condition=condition_text(p.min_spend_fen),
        validity=QCoreApplication.translate("CouponPrinting", "Valid until {day}").format(day=day),
        holder=holder,
        code=p.code,
        payload=p.payload,
        terms=QCoreApplication.translate(
            "CouponPrinting",
            "One use only. No change given; not exchangeable for cash. Void after the date above.",
        ),
    )


class _Progress(QObject):
    advanced = Signal(int, int)  # emitted in the worker, shown on the GUI thread


def print_coupons(
    ctx: CounterContext, coupon_ids: list[str], sheet: bool, parent: QWidget, on_message
) -> None:
    """`sheet`: eight to an A4 page; otherwise one per 80 mm slip."""
    if not coupon_ids:
        return
    folder = ctx.runtime.data_dir / PRINTS_DIRNAME
    title = QCoreApplication.translate("CouponPrinting", "Coupons")
    stop = threading.Event()
    progress = _Progress(parent)
    dialog = None
    if len(coupon_ids) >= PROGRESS_FROM:
        dialog = QProgressDialog(
            QCoreApplication.translate("CouponPrinting", "Preparing coupons…"),
            QCoreApplication.translate("CouponPrinting", "Cancel"),
            0,
            len(coupon_ids),
        )
        dialog.setObjectName("couponPrintProgress")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.canceled.connect(stop.set)
        progress.advanced.connect(lambda done, _total: dialog.setValue(done))
    render = render_sheet_coupons if sheet else render_receipt_coupons

    def draw(texts: list[CouponText]):
        folder.mkdir(exist_ok=True)
        # The slip and the sheet of the same coupons are two files: one must not replace the other.
        path = folder / f"coupons-{texts[0].code}-{'a4' if sheet else 'slip'}.pdf"
        return render(texts, path, progress.advanced.emit, stop.is_set)

    def finish() -> None:
        progress.deleteLater()  # one relay per print run: not left behind on the page
        if dialog is not None:
            dialog.close()
            dialog.deleteLater()

    def failed(error: BaseException) -> None:
        if isinstance(error, PrintCancelled):
            on_message(
                QCoreApplication.translate(
                    "CouponPrinting", "Printing cancelled; nothing was printed."
                )
            )
        else:
            on_message(message_for(error))

    def print_them(printable: list[PrintableCoupon]) -> None:
        # Slips go to the receipt printer when the counter has one; an A4 sheet is always a
        # PDF. A job with no unit of work: print_or_offer runs it, not the context's write.
        print_or_offer(
            ctx,
            parent,
            # QCoreApplication.translate and QLocale are thread-safe: the words are made there.
            lambda: [coupon_text(p) for p in printable],
            draw,
            None if sheet else lambda texts: [coupon_slip(t) for t in texts],
            lambda path: offer_pdf(path, parent, title, path.name),
            failed,
            finish,
        )

    def not_prepared(error: BaseException) -> None:
        finish()
        failed(error)

    # Reading the coupons notes each print in its history: a write, by whoever is signed in.
    ctx.write(
        coupons.printable_coupons, coupon_ids, done=print_them, failed=not_prepared, owner=parent
    )
