"""The member card panel: who is at the counter, at a glance."""

from zoneinfo import ZoneInfo

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from services.members import MemberCard
from services.rules.points import last_valid_day
from ui.labels import coupon_title, tier_label


class MemberCardPanel(QFrame):
    def __init__(self, timezone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("memberCard")
        self._zone = ZoneInfo(timezone)
        self._card: MemberCard | None = None
        self.name = self._label("cardName")
        self.tier = self._label("cardTier")
        self.number = self._label("cardNumber")
        self.points_caption = self._label("cardPointsCaption")
        self.points = self._label("cardPoints")
        self.expiring = self._label("cardExpiring")
        self.birthday = self._label("cardBirthday")
        self.at_risk = self._label("cardAtRisk")
        self.coupons = self._label("cardCoupons")
        self.visits_caption = self._label("cardVisitsCaption")
        self.visits = self._label("cardVisits")
        self.visits.setWordWrap(True)

        self.tier.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        head = QHBoxLayout()
        head.addWidget(self.name)
        head.addWidget(self.tier, 0, Qt.AlignmentFlag.AlignVCenter)
        head.addStretch(1)
        flags = QHBoxLayout()
        flags.addWidget(self.birthday)
        flags.addWidget(self.at_risk)
        flags.addStretch(1)
        left = QVBoxLayout()
        left.addLayout(head)
        left.addWidget(self.number)
        left.addLayout(flags)
        left.addWidget(self.coupons)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.points_caption)
        right.addWidget(self.points)
        right.addWidget(self.expiring)
        right.addStretch(1)
        grid = QGridLayout(self)
        grid.setContentsMargins(24, 20, 24, 20)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.addWidget(self.visits_caption, 1, 0, 1, 2)
        grid.addWidget(self.visits, 2, 0, 1, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)

    def _label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        return label

    def show_member(self, card: MemberCard) -> None:
        self._card = card
        self.retranslate()

    def retranslate(self) -> None:
        card = self._card
        if card is None:
            return
        locale = QLocale()
        self.name.setText(card.name)
        self.name.setAccessibleName(self.tr("Member name"))
        self.tier.setText(tier_label(card.tier))
        if self.tier.property("tier") != card.tier:  # re-polished only when it changes
            self.tier.setProperty("tier", card.tier)
            self.tier.style().unpolish(self.tier)
            self.tier.style().polish(self.tier)
        self.number.setText(f"{card.member_no}  ·  {card.mobile_masked}")
        self.points_caption.setText(self.tr("Points balance"))
        self.points.setText(locale.toString(card.points_balance))
        if card.points_expiring:
            last = last_valid_day(card.points_expiring_on, self._zone.key)
            day = locale.toString(last, QLocale.FormatType.LongFormat)
            self.expiring.setText(
                self.tr("%1 points expire on %2")
                .replace("%1", locale.toString(card.points_expiring))
                .replace("%2", day)
            )
        else:
            self.expiring.setText(self.tr("No points expire in the next 60 days"))
        self.expiring.setProperty("soon", bool(card.points_expiring))
        self.expiring.style().unpolish(self.expiring)
        self.expiring.style().polish(self.expiring)
        self.birthday.setText(self.tr("Birthday month"))
        self.birthday.setVisible(card.birthday_month)
        self.at_risk.setText(self.tr("⚠ No purchase for 90 days"))
        self.at_risk.setVisible(card.at_risk)
        self.coupons.setText(
            self.tr("Coupons: %1").replace(
                "%1", ", ".join(coupon_title(zh, en) for zh, en in card.coupons)
            )
            if card.coupons
            else self.tr("No coupons to use")
        )
        self.visits_caption.setText(self.tr("Earlier visits"))
        self.visits.setText(self._visits_text(card, locale))

    def _visits_text(self, card: MemberCard, locale: QLocale) -> str:
        if not card.recent_visits:
            return self.tr("First visit — welcome!")
        lines = []
        for visit in card.recent_visits:
            local = visit.at.astimezone(self._zone).replace(tzinfo=None)  # store time
            when = locale.toString(local, QLocale.FormatType.ShortFormat)
            where = visit.store_name
            if visit.counter_label:
                where += self.tr(" · counter %1").replace("%1", visit.counter_label)
            lines.append(f"{when}   {where}")
        return "\n".join(lines)
