"""Pages whose capability is still to be built say what they will do, and nothing more."""

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from ui.context import CounterContext
from ui.pages.base import Page


def _events() -> tuple[str, str, list[str]]:
    return (
        QCoreApplication.translate("PlannedPages", "Events"),
        QCoreApplication.translate(
            "PlannedPages", "Sign attendees in at the door by QR, with or without a network."
        ),
        [
            QCoreApplication.translate(
                "PlannedPages",
                "Large, coloured answers: admitted, already signed in, full, wrong tier",
            ),
            QCoreApplication.translate(
                "PlannedPages",
                "Capacity, invitations, walk-ins, and attendance points once per member",
            ),
            QCoreApplication.translate(
                "PlannedPages", "A lucky draw among those signed in, and attendee lists to export"
            ),
        ],
    )


def _reports() -> tuple[str, str, list[str]]:
    return (
        QCoreApplication.translate("PlannedPages", "Reports"),
        QCoreApplication.translate(
            "PlannedPages", "How the programme is doing at this store, and what to act on."
        ),
        [
            QCoreApplication.translate(
                "PlannedPages", "The day's close per staff member, on screen and printed"
            ),
            QCoreApplication.translate(
                "PlannedPages", "Repurchase rate, active members, points liability, NPS"
            ),
            QCoreApplication.translate(
                "PlannedPages", "Members at risk, with a one-click win-back coupon"
            ),
        ],
    )


PLANS: dict[str, Callable[[], tuple[str, str, list[str]]]] = {
    "events": _events,
    "reports": _reports,
}


class PlannedPage(Page):
    def __init__(self, ctx: CounterContext, key: str) -> None:
        super().__init__(ctx, f"{key}Page")
        self._plan = PLANS[key]
        self.summary = QLabel(self)
        self.summary.setObjectName("pageSummary")
        self.summary.setWordWrap(True)
        card = QFrame(self)
        card.setObjectName("card")
        card_layout = QVBoxLayout(card)
        self.coming = QLabel(card)
        self.coming.setObjectName("cardTitle")
        self.items = QLabel(card)
        self.items.setWordWrap(True)
        self.items.setObjectName("plannedItems")
        card_layout.addWidget(self.coming)
        card_layout.addWidget(self.items)
        self.layout_.addWidget(self.summary)
        self.layout_.addWidget(card)
        self.layout_.addStretch(1)
        self.retranslate()

    def title(self) -> str:
        return self._plan()[0]

    def retranslate(self) -> None:
        super().retranslate()
        _title, summary, items = self._plan()
        self.summary.setText(summary)
        self.coming.setText(
            QCoreApplication.translate(
                "PlannedPages", "Not yet available on this counter. It will:"
            )
        )
        self.items.setText("\n".join(f"•  {item}" for item in items))
