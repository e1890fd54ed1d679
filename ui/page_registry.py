"""The main window's pages, named once: key, shortcut, title and how each is built.

A page's module is imported and the page built the first time it is shown or a scan is
routed to it, not at start-up: the window paints before the pages' modules (and what
they import) load. The titles are translated in their page class's context, so the
navigation shows them without building the page.
"""

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from importlib import import_module
from typing import Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from services.core import COUPON
from ui.context import CounterContext
from ui.pages.base import Page


class PageHost(Protocol):
    """What pages need of the window beyond the context (ui.main_window.MainWindow)."""

    ctx: CounterContext
    pos: object  # ui.pos_link.PosLink

    def open_register(self) -> None: ...

    def print_card(self, member_id: str) -> None: ...

    def _on_scan(self, text: str) -> None: ...  # a code that came another way, as a scan


@dataclass(frozen=True)
class PageSpec:
    key: str
    shortcut: str  # F-keys: scanners never send them
    context: str  # the page class, which is also its texts' translation context
    title: str  # source text, translated in `context`
    home: str  # the module under ui.pages that defines the class
    wire: Callable[[Page, PageHost], None] | None = None  # after building: connections
    member_actions: bool = False  # built with the window's "register" and "print card"

    def translated_title(self) -> str:
        return QCoreApplication.translate(self.context, self.title)

    def build(self, host: PageHost) -> Page:
        cls = getattr(import_module(f"ui.pages.{self.home}"), self.context)
        if self.member_actions:
            page = cls(host.ctx, host.open_register, host.print_card)
        else:
            page = cls(host.ctx)
        if self.wire is not None:
            self.wire(page, host)
        return page


def _wire_checkin(page, host: PageHost) -> None:
    page.other_scan.connect(host._on_scan)  # typed with Enter, or a camera: as a scan


def _wire_points(page, host: PageHost) -> None:
    page.desk = host.pos.desk  # the till's pending sales


# In navigation order. The titles are marked for lupdate in their page's context.
PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        "checkin",
        "F1",
        "CheckInPage",
        QT_TRANSLATE_NOOP("CheckInPage", "Check-in"),
        "checkin_page",
        _wire_checkin,
        member_actions=True,
    ),
    PageSpec(
        "points",
        "F2",
        "PointsPage",
        QT_TRANSLATE_NOOP("PointsPage", "Points"),
        "points_page",
        _wire_points,
    ),
    PageSpec("gifts", "F3", "GiftsPage", QT_TRANSLATE_NOOP("GiftsPage", "Gifts"), "gifts_page"),
    PageSpec(
        "events", "F4", "EventsPage", QT_TRANSLATE_NOOP("EventsPage", "Events"), "events_page"
    ),
    PageSpec(
        "coupons",
        "F5",
        "CouponsPage",
        QT_TRANSLATE_NOOP("CouponsPage", "Coupons"),
        "coupons_page",
    ),
    PageSpec(
        "members",
        "F6",
        "MembersPage",
        QT_TRANSLATE_NOOP("MembersPage", "Members"),
        "members_page",
        member_actions=True,
    ),
    PageSpec("sync", "F7", "SyncPage", QT_TRANSLATE_NOOP("SyncPage", "Sync"), "sync_page"),
    PageSpec(
        "reports",
        "F8",
        "ReportsPage",
        QT_TRANSLATE_NOOP("ReportsPage", "Reports"),
        "reports_page",
    ),
    PageSpec(
        "settings",
        "F9",
        "SettingsPage",
        QT_TRANSLATE_NOOP("SettingsPage", "Settings"),
        "settings_page",
    ),
)
KEYS: tuple[str, ...] = tuple(spec.key for spec in PAGES)

# Which of a page's methods takes a read of a kind; every other kind goes to handle_scan.
SCAN_ACTIONS: dict[str, str] = {COUPON: "handle_coupon_scan"}


def index_of(key: str) -> int:
    return KEYS.index(key)


def scan_action(page: Page, kind: str) -> Callable[[str], None]:
    return getattr(page, SCAN_ACTIONS.get(kind, "handle_scan"))


class LazyPages(Mapping[str, Page]):
    """The pages by key, each built on first access; `built` tells which exist already."""

    def __init__(self, host: PageHost, on_built: Callable[[str, Page], None]) -> None:
        self._host = host
        self._on_built = on_built
        self._pages: dict[str, Page] = {}

    def __getitem__(self, key: str) -> Page:
        page = self._pages.get(key)
        if page is None:
            if key not in KEYS:
                raise KeyError(key)
            page = PAGES[index_of(key)].build(self._host)
            self._pages[key] = page
            self._on_built(key, page)
        return page

    def __iter__(self) -> Iterator[str]:
        return iter(KEYS)

    def __len__(self) -> int:
        return len(KEYS)

    def built(self, key: str) -> Page | None:
        return self._pages.get(key)
