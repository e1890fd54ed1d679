"""Printing a gift redemption slip: rendered off the GUI thread, then offered to print or save."""

from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QWidget

from services import gifts
from services.printing.gift_slips import SlipText, render_gift_slip
from services.printing.slips import gift_slip
from ui.context import CounterContext
from ui.messages import message_for
from ui.printing import offer_pdf, print_or_offer
from ui.workers import run_in_background

PRINTS_DIRNAME = "prints"


def _title() -> str:
    return QCoreApplication.translate("GiftSlip", "Gift redemption slip")


def slip_text(slip: gifts.RedemptionSlip, chinese: bool) -> SlipText:
    locale = QLocale()
    local = slip.at.astimezone(ZoneInfo(slip.timezone))
    rows = [
        (QCoreApplication.translate("GiftSlip", "Member"), slip.member_name),
        (QCoreApplication.translate("GiftSlip", "Member no."), slip.member_no),
        (QCoreApplication.translate("GiftSlip", "Gift SKU"), slip.sku),
        (QCoreApplication.translate("GiftSlip", "Points used"), locale.toString(slip.points)),
        (
            QCoreApplication.translate("GiftSlip", "Balance after"),
            locale.toString(slip.balance_after),
        ),
        (QCoreApplication.translate("GiftSlip", "Time"), local.strftime("%Y-%m-%d %H:%M")),
        (
            QCoreApplication.translate("GiftSlip", "Counter"),
            f"{slip.store_name} · {slip.counter_label}",
        ),
        (QCoreApplication.translate("GiftSlip", "Staff"), slip.staff_name or ""),
    ]
    if slip.override_reason:
        rows.append(
            (QCoreApplication.translate("GiftSlip", "Stock override"), slip.override_reason)
        )
    name = slip.name_zh if chinese else f"{slip.name_en} · {slip.name_zh}"
    return SlipText(slip.store_name, _title(), name, tuple(rows), slip.id)


def print_gift_slip(
    ctx: CounterContext, redemption_id: str, parent: QWidget, on_error, chinese: bool
) -> None:
    runtime = ctx.runtime
    folder = runtime.data_dir / PRINTS_DIRNAME
    title = _title()

    def fetch():
        return gifts.redemption_slip(runtime.reader(), redemption_id)

    def render(slip: gifts.RedemptionSlip) -> None:
        text = slip_text(slip, chinese)  # translated here, on the GUI thread

        def write(text: SlipText):
            folder.mkdir(exist_ok=True)
            return render_gift_slip(text, folder / f"gift-{redemption_id[:13]}.pdf")

        print_or_offer(
            ctx,
            parent,
            lambda: text,
            write,
            lambda text: [gift_slip(text)],
            lambda path: offer_pdf(path, parent, title, path.name),
            lambda error: on_error(message_for(error)),
        )

    run_in_background(fetch, render, lambda error: on_error(message_for(error)), owner=parent)
