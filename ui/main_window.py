"""The main window assembles the sign-in panel, the navigation and the pages. No logic here."""

import logging
import threading

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from services import protocol, sync
from services.core import (
    OTHER,
    Read,
    check_audit_log,
    clean_scan,
    kind_of,
    page_for,
    run_daily_backup,
    run_due_maintenance,
)
from services.pos import matches_any
from services.rules.permissions import Role
from ui.card_printing import print_member_card
from ui.context import CounterContext
from ui.dialogs.about import AboutDialog
from ui.dialogs.member_form import MemberForm
from ui.first_paint import after_first_paint
from ui.idle import IdleWatcher
from ui.interpreter import freeze_start_up_heap
from ui.nav import SHORTCUT_ROLE, ShortcutDelegate
from ui.page_registry import KEYS, PAGES, LazyPages, index_of, scan_action
from ui.pos_link import PosLink
from ui.scanner import ScanRouter
from ui.sign_in import SignInPanel
from ui.status_bar import CounterStatusBar
from ui.widgets import show_error
from ui.workers import run_in_background

log = logging.getLogger(__name__)

# (key, shortcut) in navigation order: the page registry's.
PAGE_KEYS = tuple((spec.key, spec.shortcut) for spec in PAGES)
LOCK_SHORTCUT = "Ctrl+L"
ABOUT_SHORTCUT = "F12"
MAINTENANCE_EVERY_MS = 60 * 60 * 1000  # hourly: expiry lands within the hour after midnight
SWITCH_USER_SHORTCUT = "Ctrl+Shift+L"


def warm_up() -> tuple:
    """Loads the protocol's schemas (every recorded operation is checked against them) and
    the sync client: in the background, after the first paint."""
    return protocol.OPERATIONS, sync.run_cycle


class MainWindow(QMainWindow):
    def __init__(self, ctx: CounterContext, idle: IdleWatcher) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.ctx = ctx
        self.idle = idle
        self.sign_in = SignInPanel(ctx)
        self.workspace = self._build_workspace()
        self.top = QStackedWidget(self)
        self.top.addWidget(self.sign_in)
        self.top.addWidget(self.workspace)
        self.setCentralWidget(self.top)
        self.setStatusBar(CounterStatusBar(ctx, self))
        self.sign_in.signed_in.connect(self._on_signed_in)
        idle.idle.connect(self.lock)
        self.scanner = ScanRouter(
            QApplication.instance(),
            self,
            lambda: self.top.currentWidget() is self.workspace,
            is_receipt=lambda text: matches_any(text, self.ctx.settings.receipt_patterns),
        )
        self.scanner.read.connect(self._route)
        self.pos = PosLink(ctx, self)  # the till's sales, and its endpoint when enabled
        self.pos.sale_changed.connect(self._on_pos_sale)
        self.pos.restored.connect(
            lambda sales: [self.pages["points"].pos_sale_changed(sale) for sale in sales]
        )
        ctx.settings_changed.connect(lambda s: idle.set_timeout_ms(s.lock_after_minutes * 60_000))
        idle.set_timeout_ms(ctx.settings.lock_after_minutes * 60_000)
        self.backup_stop = threading.Event()
        self._maintenance = QTimer(self)
        self._maintenance.setInterval(MAINTENANCE_EVERY_MS)
        self._maintenance.timeout.connect(self.run_maintenance)
        self._maintenance.start()
        after_first_paint(self, self._start_background_work)
        self.setMinimumSize(1024, 640)
        self.retranslate()
        self.show_sign_in()

    def _build_workspace(self) -> QWidget:
        workspace = QWidget(self)
        workspace.setObjectName("workspace")
        self.nav = QListWidget(workspace)
        self.nav.setObjectName("navList")
        self.nav.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.nav.setItemDelegate(ShortcutDelegate(self.nav))
        self.stack = QStackedWidget(workspace)
        self.stack.setObjectName("pageStack")
        # Each page is built when first shown (or scanned to); until then a blank stands in.
        self.pages = LazyPages(self, self._page_built)
        for index, (_key, shortcut) in enumerate(PAGE_KEYS):
            self.stack.addWidget(QWidget(self.stack))
            self.nav.addItem("")
            self.nav.item(index).setData(SHORTCUT_ROLE, shortcut)
            QShortcut(QKeySequence(shortcut), workspace, lambda i=index: self.go_to(i))
        self.nav.currentRowChanged.connect(self.go_to)
        self.brand = QLabel(workspace)
        self.brand.setObjectName("brand")
        self.lock_button = QPushButton(workspace)
        self.lock_button.setObjectName("lockButton")
        self.lock_button.clicked.connect(self.lock)
        self.switch_button = QPushButton(workspace)
        self.switch_button.setObjectName("switchUserButton")
        self.switch_button.clicked.connect(self.switch_user)
        QShortcut(QKeySequence(LOCK_SHORTCUT), workspace, self.lock)
        QShortcut(QKeySequence(SWITCH_USER_SHORTCUT), workspace, self.switch_user)
        QShortcut(QKeySequence(ABOUT_SHORTCUT), workspace, self.show_about)

        side = QWidget(workspace)
        side.setObjectName("sidePanel")
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(12, 16, 12, 12)
        side_layout.addWidget(self.brand)
        side_layout.addWidget(self.nav, 1)
        side_layout.addWidget(self.lock_button)
        side_layout.addWidget(self.switch_button)
        side.setFixedWidth(220)
        layout = QHBoxLayout(workspace)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(side)
        layout.addWidget(self.stack, 1)
        return workspace

    def _page_built(self, key: str, page) -> None:
        """A page built on first use takes its blank's place in the stack."""
        index = index_of(key)
        blank = self.stack.widget(index)
        was_current = self.stack.currentWidget() is blank
        self.stack.insertWidget(index, page)
        if was_current:
            self.stack.setCurrentWidget(page)
        self.stack.removeWidget(blank)
        blank.deleteLater()

    def retranslate(self) -> None:
        self.setWindowTitle(
            self.tr("Loyalty Counter — %1").replace("%1", self.ctx.identity.store_name)
        )
        self.brand.setText(self.tr("Loyalty Counter"))
        for index, spec in enumerate(PAGES):
            self.nav.item(index).setText(spec.translated_title())
        self.lock_button.setText(self.tr("Lock screen  (%1)").replace("%1", LOCK_SHORTCUT))
        self.switch_button.setText(self.tr("Switch user  (%1)").replace("%1", SWITCH_USER_SHORTCUT))

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def go_to(self, index: int) -> None:
        if not 0 <= index < self.stack.count():
            return
        page = self.pages[KEYS[index]]  # built now if this is its first showing
        self.stack.setCurrentIndex(index)
        if self.nav.currentRow() != index:
            self.nav.setCurrentRow(index)
        page.setFocus()
        page.on_shown()

    def _start_background_work(self) -> None:
        """After the first paint: the counts, the sync, the day's upkeep, the audit check,
        and the modules the first write and sync need (loaded now, not on a click)."""
        # First: the first scan's visit is recorded through the schemas this loads.
        # Not ctx.write: it imports modules, with no unit of work or actor.
        # Once loaded, what start-up made is kept out of the collector's walks.
        run_in_background(warm_up, lambda _loaded: freeze_start_up_heap(), owner=self, upkeep=True)
        bar = self.statusBar()
        bar.refresh()
        bar.sync_loop.request()
        self.run_maintenance()
        self.verify_audit_log()

    def run_maintenance(self) -> None:
        """Points expiry, the quarterly tier review and the day's backup, in the background."""
        # Not ctx.write: upkeep runs as the system actor (signed in or not); backups copy files.
        runtime, timezone = self.ctx.runtime, self.ctx.identity.timezone
        keep = self.ctx.settings.backup_keep_days
        run_in_background(
            lambda: run_due_maintenance(runtime.writer, runtime.now()),
            self._maintained,
            owner=self,
            upkeep=True,
        )
        # The daily check: a break is recorded, and the status bar's next refresh shows it
        # (data_changed would also start a sync).
        run_in_background(
            lambda: check_audit_log(runtime.reader, runtime.writer, runtime.now()),
            lambda _check: None,
            owner=self,
            upkeep=True,
        )
        stop = self.backup_stop.is_set  # closing stops it: the next start makes it again
        run_in_background(
            lambda: run_daily_backup(runtime.data_dir, runtime.now(), timezone, keep, stop),
            lambda _made: None,
            lambda error: log.warning("daily backup not made: %s", error),
            owner=self,
            upkeep=True,
        )

    def _maintained(self, report) -> None:
        if report.members_expired or report.tier_changes:  # nothing recorded: no refresh
            self.ctx.data_changed.emit()

    def closeEvent(self, event) -> None:
        self.backup_stop.set()  # closing never waits on the day's backup
        self.pos.stop()
        super().closeEvent(event)

    def _on_scan(self, text: str) -> None:
        """A code that came another way (typed with Enter into check-in, a camera): the
        same routing as a scan."""
        cleaned = clean_scan(text)
        if cleaned:
            self._route(Read(cleaned, kind_of(cleaned)))

    def _on_pos_sale(self, sale) -> None:
        """A sale the till posted comes to the front on Points, ready for Enter."""
        page = self.pages["points"]
        page.pos_sale_changed(sale)
        if sale.status == "pending" and self.top.currentWidget() is self.workspace:
            self.go_to(index_of("points"))
            page.take_pos_sale(sale)

    def _route(self, read: Read) -> None:
        """A scan goes to the page that takes what it is, whichever page is in front."""
        if self.top.currentWidget() is not self.workspace:
            return
        role = self.ctx.actor.role if self.ctx.actor else None
        key = page_for(read.kind, self.current_page_key(), role)
        if read.kind == OTHER and matches_any(read.text, self.ctx.settings.receipt_patterns):
            key = "points"  # a till's receipt, from any page
        if key != self.current_page_key():
            self.go_to(index_of(key))
        scan_action(self.pages[key], read.kind)(read.text)

    def verify_audit_log(self) -> None:
        """At start-up: an audit log edited behind the counter's back is recorded in the
        log (once) and said out loud; the status bar keeps showing it to managers."""
        runtime = self.ctx.runtime  # not ctx.write: upkeep runs as the system actor
        run_in_background(
            lambda: check_audit_log(runtime.reader, runtime.writer, runtime.now()),
            self._audit_checked,
            owner=self,
            upkeep=True,
        )

    def _audit_checked(self, result) -> None:
        self.audit_ok = result.ok
        if not result.ok:
            QMessageBox.warning(
                self,
                self.tr("Audit log"),
                self.tr(
                    "The audit log has been changed outside this program (at entry %1). "
                    "Tell the administrator; keep using the counter as usual."
                ).replace("%1", str(result.first_bad_id)),
            )

    def show_about(self) -> None:
        AboutDialog(self.ctx.runtime.data_dir, self).exec()

    def open_register(self) -> None:
        """A new member at the counter: registered, then checked in at once."""
        form = MemberForm(self.ctx, self)
        if form.exec() == MemberForm.DialogCode.Accepted and form.saved is not None:
            self.go_to(0)
            self.pages["checkin"].handle_scan(form.saved.member_no)

    def print_card(self, member_id: str) -> None:
        page = self.stack.currentWidget()
        print_member_card(self.ctx, member_id, self, lambda text: self._tell(page, text))

    @staticmethod
    def _tell(page, text: str) -> None:
        label = getattr(page, "message", None)
        if label is not None:
            show_error(label, text)

    def current_page_key(self) -> str:
        return KEYS[self.stack.currentIndex()]

    def show_sign_in(self, locked_for: str | None = None) -> None:
        self.idle.stop()
        self.sign_in.prepare(locked_for)
        self.top.setCurrentWidget(self.sign_in)

    def lock(self) -> None:
        """Hide everything behind the PIN panel; the same or another person signs back in."""
        if self.top.currentWidget() is self.sign_in:
            return
        actor = self.ctx.actor
        self.ctx.set_actor(None)
        self.show_sign_in(locked_for=actor.staff_id if actor else None)

    def switch_user(self) -> None:
        self.ctx.set_actor(None)
        self.show_sign_in()

    def _on_signed_in(self, actor) -> None:
        self.ctx.set_actor(actor)
        self.top.setCurrentWidget(self.workspace)
        # Event staff work the door; everyone else comes back where they were.
        home = index_of("events") if actor.role == Role.EVENT_STAFF else None
        self.go_to(home if home is not None else max(self.stack.currentIndex(), 0))
        self.idle.start()
