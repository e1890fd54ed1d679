"""A member who came without their card: found by mobile number, its last four digits,
name or member number, and chosen by staff who see them in front of the counter."""

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from services import members
from ui.labels import tier_label
from ui.messages import message_for
from ui.widgets import error_label, show_error
from ui.workers import run_in_background

SEARCH_DELAY_MS = 250
MOST_SHOWN = 20


class MemberLookupDialog(QDialog):
    """On acceptance `member_id` and `member_name` say who was chosen."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("memberLookupDialog")
        self.setWindowTitle(self.tr("Member without a card"))
        self._ctx = ctx
        self._asked = ""
        self.member_id: str | None = None
        self.member_name = ""
        self.hint = QLabel(
            self.tr("Ask for the mobile number (or its last four digits) and check the name."),
            self,
        )
        self.hint.setWordWrap(True)
        self.query = QLineEdit(self)
        self.query.setObjectName("memberLookupQuery")
        self.query.setMaxLength(60)
        self.query.setPlaceholderText(self.tr("Mobile, last 4 digits, name or member no."))
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self._search)
        self.query.textChanged.connect(lambda _t: self._debounce.start())
        self.query.returnPressed.connect(self._enter)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("memberLookupTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Mobile"), self.tr("Member no."), self.tr("Tier")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the name to check
        self.table.doubleClicked.connect(lambda _i: self._choose())
        self.table.activated.connect(lambda _i: self._choose())  # Enter on a row
        self.query.installEventFilter(self)
        self.error = error_label(self, "memberLookupError")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Sign in"))
        self.ok_button.setEnabled(False)
        self.ok_button.setAutoDefault(False)
        self.buttons.accepted.connect(self._choose)
        self.buttons.rejected.connect(self.reject)
        self.table.itemSelectionChanged.connect(
            lambda: self.ok_button.setEnabled(bool(self.table.selectedItems()))
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.query)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumSize(560, 380)
        self.query.setFocus()

    def eventFilter(self, watched, event) -> bool:
        # Down from the search field walks into the results, as in any search box.
        if (
            watched is self.query
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
            and self.table.rowCount()
        ):
            self.table.setFocus()
            self.table.selectRow(0)
            return True
        return super().eventFilter(watched, event)

    def _enter(self) -> None:
        """Enter searches; a second Enter on a single match signs that member in."""
        if self.query.text().strip() == self._asked and self.table.rowCount() == 1:
            self.table.selectRow(0)
            self._choose()
        else:
            self._search()

    def _search(self) -> None:
        self._debounce.stop()
        text = self.query.text().strip()
        self._asked = text
        if not text:
            self._show([])
            return
        reader = self._ctx.runtime.reader

        def work():
            return members.list_members(reader(), text, None, MOST_SHOWN)

        run_in_background(work, lambda rows: self._found(text, rows), self._failed, owner=self)

    def _found(self, asked: str, rows) -> None:
        if asked != self._asked:
            return  # an older search answering late
        self._show(rows)
        if not rows:
            show_error(self.error, self.tr("No member found. Check the number with them."))
        elif len(rows) == 1:
            self.table.selectRow(0)

    def _show(self, rows) -> None:
        show_error(self.error, "")
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            values = (r.name, r.mobile_masked, r.member_no, tier_label(r.tier))
            for j, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, (r.id, r.name))
                self.table.setItem(i, j, item)

    def _choose(self) -> None:
        chosen = self.table.selectedItems()
        if not chosen:
            return
        self.member_id, self.member_name = chosen[0].data(Qt.ItemDataRole.UserRole)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        show_error(self.error, message_for(error))
