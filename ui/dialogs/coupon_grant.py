"""A manager's grants: one coupon by hand (to the member at the counter or to the bearer),
a batch for an event, or this quarter's tier coupons for the store's members."""

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)

from services import coupons, events
from services.coupons import MAX_BATCH
from ui.labels import coupon_title
from ui.messages import message_for
from ui.widgets import error_label, show_error
from ui.workers import run_in_background

KINDS = ("manual", "event", "tier")


class GrantDialog(QDialog):
    def __init__(self, ctx, approval, parent) -> None:
        super().__init__(parent)
        self.setObjectName("couponGrantDialog")
        self.setWindowTitle(self.tr("Issue coupons"))
        self.ctx, self.approval = ctx, approval
        self.issued: list = []
        self.kind = QComboBox(self)
        self.kind.setObjectName("grantKind")
        self.kind.addItems(
            [
                self.tr("One coupon by hand"),
                self.tr("A batch for an event"),
                self.tr("This quarter's tier coupons"),
            ]
        )
        self.template = QComboBox(self)
        self.template.setObjectName("grantTemplate")
        self.event = QComboBox(self)
        self.event.setObjectName("grantEvent")
        self.count = QSpinBox(self)
        self.count.setObjectName("grantCount")
        self.count.setRange(1, MAX_BATCH)
        self.count.setValue(50)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("grantReason")
        self.reason.setMaxLength(200)
        self.error = error_label(self, "grantError")
        member = ctx.member
        holder = member.name if member else self.tr("bearer (no member)")
        self.form = QFormLayout()
        self.form.addRow(self.tr("What"), self.kind)
        self.form.addRow(self.tr("Coupon"), self.template)
        self.form.addRow(self.tr("For"), QLineEdit(holder, readOnly=True))
        self.form.addRow(self.tr("Event"), self.event)
        self.form.addRow(self.tr("How many"), self.count)
        self.form.addRow(self.tr("Reason"), self.reason)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self._load()
        self._kind_changed()

    def _load(self) -> None:
        reader, now = self.ctx.runtime.reader, self.ctx.runtime.now()
        run_in_background(
            lambda: (coupons.templates(reader()), events.current_events(reader(), now)),
            self._loaded,
            owner=self,
        )

    def _loaded(self, found) -> None:
        templates, upcoming = found
        self.template.clear()
        for t in templates:
            if t.purpose not in ("points", "birthday", "tier"):
                self.template.addItem(f"{coupon_title(t.title_zh, t.title_en)}", t.template_id)
        self.event.clear()
        for e in upcoming:
            self.event.addItem(f"{e.name} ({e.code})", e.event_id)

    def _kind_changed(self) -> None:
        kind = KINDS[self.kind.currentIndex()]
        self.form.setRowVisible(1, kind != "tier")
        self.form.setRowVisible(2, kind == "manual")
        self.form.setRowVisible(3, kind == "event")
        self.form.setRowVisible(4, kind == "event")
        self.form.setRowVisible(5, kind == "manual")

    def _submit(self) -> None:
        kind = KINDS[self.kind.currentIndex()]
        approval = self.approval
        template, event = self.template.currentData(), self.event.currentData()
        count, reason = self.count.value(), self.reason.text()
        member_id = self.ctx.member.id if self.ctx.member else None
        if (kind != "tier" and template is None) or (kind == "event" and event is None):
            show_error(self.error, self.tr("Choose a coupon (and, for a batch, an event)."))
            return
        self.ok.setEnabled(False)
        if kind == "manual":
            args = (coupons.issue_by_hand, template, member_id, reason, approval)
            done = lambda coupon: self._done([coupon])  # noqa: E731
        elif kind == "event":
            args, done = (coupons.issue_event_batch, template, event, count, approval), self._done
        else:
            args, done = (coupons.issue_tier_quarter, approval), self._done
        self.ctx.write(*args, done=done, failed=self._failed, owner=self)

    def _done(self, issued: list) -> None:
        self.issued = issued
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.ok.setEnabled(True)
        show_error(self.error, message_for(error))
