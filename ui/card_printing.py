"""Printing a member's card: the PDF is rendered off the GUI thread, then offered."""

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from services import members
from services.printing.cards import CardText, render_member_cards
from services.rules.points import TIER_ORDER
from ui.context import CounterContext
from ui.labels import tier_label
from ui.messages import message_for
from ui.printing import offer_pdf

PRINTS_DIRNAME = "prints"


def print_member_card(ctx: CounterContext, member_id: str, parent: QWidget, on_error) -> None:
    title = QCoreApplication.translate("CardPrinting", "Member card")
    tiers = {t: tier_label(t) for t in TIER_ORDER}
    folder = ctx.runtime.data_dir / PRINTS_DIRNAME

    def render(uow, actor, now):
        card = members.printable_card(uow, actor, now, member_id)
        folder.mkdir(exist_ok=True)
        text = CardText(
            card.store_name,
            title,
            card.member_name,
            card.member_no,
            card.tier,
            tiers.get(card.tier, card.tier),
            card.code,
        )
        return render_member_cards([text], folder / f"card-{card.member_no}.pdf")

    ctx.write(
        render,
        done=lambda path: offer_pdf(path, parent, title, path.name),
        failed=lambda error: on_error(message_for(error)),
        owner=parent,
    )
