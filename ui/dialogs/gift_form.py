"""A manager keeps the gift catalog here until the centre sends it: add a gift or correct one."""

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from resources import resource_path
from services import gifts
from services.core import Approval
from services.gifts import GiftSpec
from ui.context import CounterContext
from ui.labels import tier_label
from ui.messages import message_for
from ui.widgets import error_label, show_error
from ui.workers import run_in_background

NO_DATE = QDate(2000, 1, 1)  # the minimum shows as "no date"


class GiftForm(QDialog):
    def __init__(
        self,
        ctx: CounterContext,
        gift_id: str | None,
        approval: Approval | None,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("giftForm")
        self._ctx, self._gift_id, self._approval = ctx, gift_id, approval
        self.setWindowTitle(self.tr("Edit gift") if gift_id else self.tr("New gift"))
        self.sku = QLineEdit(self)
        self.sku.setObjectName("giftSku")
        self.sku.setMaxLength(32)
        self.sku.setReadOnly(gift_id is not None)  # stock and redemptions point at the SKU
        self.name_zh, self.name_en = QLineEdit(self), QLineEdit(self)
        self.name_zh.setObjectName("giftNameZh")
        self.name_en.setObjectName("giftNameEn")
        self.description = QLineEdit(self)
        self.price = self._spin("giftPrice", 1, 10_000_000, self.tr(" points"))
        self.tier = QComboBox(self)
        self.tier.addItem(self.tr("Every member"), None)
        for tier in ("silver", "gold", "platinum"):
            self.tier.addItem(self.tr("%1 and above").replace("%1", tier_label(tier)), tier)
        self.limit = self._spin("giftLimit", 0, 1000, "")
        self.limit.setSpecialValueText(self.tr("No limit"))
        self.threshold = self._spin("giftThreshold", 0, 100_000, "")
        self.image = QComboBox(self)
        self.image.addItem(self.tr("No picture"), None)
        for path in sorted(resource_path("gifts").glob("*.png")):
            self.image.addItem(path.name, path.name)
        self.starts, self.ends = self._date(), self._date()
        self.active = QCheckBox(self.tr("Offered at this counter"), self)
        self.active.setChecked(True)
        self.error = error_label(self, "giftFormError")
        form = QFormLayout()
        rows = (
            (self.tr("SKU"), self.sku),
            (self.tr("Name (Chinese)"), self.name_zh),
            (self.tr("Name (English)"), self.name_en),
            (self.tr("Description"), self.description),
            (self.tr("Points price"), self.price),
            (self.tr("For"), self.tier),
            (self.tr("Per member, at most"), self.limit),
            (self.tr("Low-stock alert at"), self.threshold),
            (self.tr("Picture"), self.image),
            (self.tr("Offered from"), self.starts),
            (self.tr("Offered until"), self.ends),
        )
        for label, field in rows:
            form.addRow(label, field)
        form.addRow("", self.active)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        if gift_id:
            reader = ctx.runtime.reader
            run_in_background(lambda: gifts.gift_spec(reader(), gift_id), self._fill)

    def _spin(self, name: str, low: int, high: int, suffix: str) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setObjectName(name)
        spin.setRange(low, high)
        spin.setSuffix(suffix)
        return spin

    def _date(self) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(self.tr("No date"))
        edit.setDate(NO_DATE)
        return edit

    def _fill(self, loaded: tuple[GiftSpec, bool]) -> None:
        spec, active = loaded
        zone = ZoneInfo(self._ctx.identity.timezone)
        self.sku.setText(spec.sku)
        self.name_zh.setText(spec.name_zh)
        self.name_en.setText(spec.name_en)
        self.description.setText(spec.description or "")
        self.price.setValue(spec.points_price)
        self.tier.setCurrentIndex(max(self.tier.findData(spec.min_tier), 0))
        self.limit.setValue(spec.per_member_limit or 0)
        self.threshold.setValue(spec.low_stock_threshold)
        self.image.setCurrentIndex(max(self.image.findData(spec.image), 0))
        for edit, value in ((self.starts, spec.available_from), (self.ends, spec.available_until)):
            if value is not None:
                day = value.astimezone(zone).date()
                edit.setDate(QDate(day.year, day.month, day.day))
        self.active.setChecked(active)

    def _moment(self, edit: QDateEdit) -> datetime | None:
        """Midnight at the start of the chosen day, store time."""
        if edit.date() == NO_DATE:
            return None
        day = edit.date().toPython()
        zone = ZoneInfo(self._ctx.identity.timezone)
        return datetime.combine(day, time(0), zone).astimezone(UTC)

    def _save(self) -> None:
        spec = GiftSpec(
            sku=self.sku.text(),
            name_zh=self.name_zh.text(),
            name_en=self.name_en.text(),
            points_price=self.price.value(),
            description=self.description.text() or None,
            min_tier=self.tier.currentData(),
            per_member_limit=self.limit.value() or None,
            low_stock_threshold=self.threshold.value(),
            image=self.image.currentData(),
            available_from=self._moment(self.starts),
            available_until=self._moment(self.ends),
        )
        approval, gift_id, active = self._approval, self._gift_id, self.active.isChecked()
        self.buttons.setEnabled(False)
        if gift_id is None:
            args = (gifts.define_gift, spec, approval)
        else:
            args = (gifts.update_gift, gift_id, spec, active, approval)
        self._ctx.write(*args, done=lambda _r: self.accept(), failed=self._failed)

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        show_error(self.error, message_for(error))
