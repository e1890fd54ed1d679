"""A lazy member list: rows arrive a page at a time as the view scrolls (canFetchMore)."""

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from services.members import MemberRow
from ui.labels import tier_label

PAGE_SIZE = 200
Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class MemberTableModel(QAbstractTableModel):
    """Holds only the rows fetched so far; `fetch_page(after, limit)` asks services for more."""

    def __init__(self, fetch_page: Callable[[tuple[str, str] | None, int], list[MemberRow]]):
        super().__init__()
        self._fetch_page = fetch_page
        self._rows: list[MemberRow] = []
        self._exhausted = False
        self.fetched_rows = 0  # what was loaded, for tests and diagnostics

    def reset(self, fetch_page) -> None:
        """The first page arrives inside the reset: a view never sees rows inserted while
        the reset is in flight (Qt's model tester caught a view's fetch there)."""
        self.beginResetModel()
        self._fetch_page = fetch_page
        self._rows = fetch_page(None, PAGE_SIZE)
        self._exhausted = len(self._rows) < PAGE_SIZE
        self.fetched_rows = len(self._rows)
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else 5

    def canFetchMore(self, parent: Index = _ROOT) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = _ROOT) -> None:
        if parent.isValid() or self._exhausted:
            return
        after = self._rows[-1].sort_key if self._rows else None
        page = self._fetch_page(after, PAGE_SIZE)
        if len(page) < PAGE_SIZE:
            self._exhausted = True
        if not page:
            return
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
        self._rows.extend(page)
        self.fetched_rows += len(page)
        self.endInsertRows()

    def row(self, index: int) -> MemberRow:
        return self._rows[index]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self._rows[index.row()]
        column = index.column()
        if column == 0:
            return row.member_no
        if column == 1:
            return row.name
        if column == 2:
            return row.mobile_masked
        if column == 3:
            return tier_label(row.tier)
        return f"{row.points_balance:,}"

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = (
            self.tr("Member no."),
            self.tr("Name"),
            self.tr("Mobile"),
            self.tr("Tier"),
            self.tr("Points"),
        )
        return headers[section] if 0 <= section < len(headers) else None
