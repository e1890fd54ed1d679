"""Members: search the whole list (lazily), register, edit, deactivate, print cards."""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QTableView,
)

from services import members
from services.rules.permissions import Permission
from ui.ask import Ask
from ui.dialogs.approval import obtain_approval
from ui.dialogs.member_form import MemberForm
from ui.member_model import MemberTableModel
from ui.messages import message_for
from ui.pages.base import Page
from ui.widgets import error_label, push_button, show_error
from ui.workers import run_in_background

SEARCH_DELAY_MS = 250


class MembersPage(Page):
    def __init__(self, ctx, open_register, print_card) -> None:
        super().__init__(ctx, "membersPage")
        self._open_register = open_register
        self._print_card = print_card
        self.search = QLineEdit(self)
        self.search.setObjectName("memberSearch")
        self.search.setClearButtonEnabled(True)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self.refresh)
        self.model = MemberTableModel(self._pager(""))
        self.table = QTableView(self)
        self.table.setObjectName("memberTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self._edit())
        self.message = error_label(self, "membersMessage")
        self.register_button = push_button(self, "membersRegister", self._open_register)
        self.edit_button = push_button(self, "membersEdit", self._edit)
        self.print_button = push_button(self, "membersPrintCard", self._print)
        self.deactivate_button = push_button(self, "membersDeactivate", self._deactivate)
        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        for button in (
            self.register_button,
            self.edit_button,
            self.print_button,
            self.deactivate_button,
        ):
            row.addWidget(button)
        self.layout_.addLayout(row)
        self.layout_.addWidget(self.message)
        self.layout_.addWidget(self.table, 1)
        ctx.data_settled.connect(self._refresh_if_visible)
        self.retranslate()

    def title(self) -> str:
        return self.tr("Members")

    def retranslate(self) -> None:
        super().retranslate()
        self.search.setPlaceholderText(
            # A card scanned here checks the member in (ui.scanner): the search is typed.
            self.tr("Search: mobile, last 4 digits, member number or name")
        )
        self.search.setAccessibleName(self.tr("Search members"))
        self.register_button.setText(self.tr("New member…"))
        self.edit_button.setText(self.tr("Edit…"))
        self.print_button.setText(self.tr("Print card"))
        self.deactivate_button.setText(self.tr("Deactivate…"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 4)

    def on_shown(self) -> None:
        self.search.setFocus()
        self.refresh()

    def forget_user(self) -> None:
        self.search.clear()
        show_error(self.message, "")

    def _pager(self, query: str):
        reader = self.ctx.runtime.reader
        return lambda after, limit: members.list_members(reader(), query, after, limit)

    def refresh(self) -> None:
        self._debounce.stop()
        show_error(self.message, "")
        try:
            self.model.reset(self._pager(self.search.text()))
            self.model.fetchMore()
        except Exception as error:  # a bad query is told, the list stays usable
            show_error(self.message, message_for(error))

    def _refresh_if_visible(self) -> None:
        if self.isVisible():
            self.refresh()

    def _selected(self):
        index = self.table.currentIndex()
        if not index.isValid():
            show_error(self.message, self.tr("Choose a member in the list first."))
            return None
        return self.model.row(index.row())

    def _edit(self) -> None:
        row = self._selected()
        if row is None:
            return
        runtime = self.ctx.runtime
        run_in_background(
            lambda: members.member_details(runtime.reader(), row.id),
            lambda details: MemberForm(self.ctx, self, row.id, details).exec(),
            lambda error: show_error(self.message, message_for(error)),
            owner=self,
        )

    def _print(self) -> None:
        row = self._selected()
        if row is not None:
            self._print_card(row.id)

    def _deactivate(self) -> None:
        row = self._selected()
        if row is None:
            return
        reason = Ask(self, self.tr("Deactivate member")).text(
            self.tr("Why is the membership of %1 deactivated?").replace("%1", row.name)
        )
        if reason is None:
            return
        go, approval = obtain_approval(
            self.ctx, Permission.MEMBER_DEACTIVATE, self.tr("deactivate a member"), self
        )
        if not go:
            return
        self.ctx.write(
            members.deactivate_member,
            row.id,
            reason,
            approval,
            done=lambda _r: self.refresh(),
            failed=lambda error: QMessageBox.warning(self, self.tr("Not done"), message_for(error)),
            owner=self,
        )
