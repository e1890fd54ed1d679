"""The member list's lazy model keeps Qt's model contract (pytest-qt's qtmodeltester, which
runs Qt's own QAbstractItemModelTester): empty, a page at a time, exhausted and reset."""

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from services.members.check_in import MemberRow
from ui.member_model import PAGE_SIZE, MemberTableModel


def _rows(count: int) -> list[MemberRow]:
    return [
        MemberRow(
            id=f"m{n:05d}",
            member_no=f"M{n:05d}",
            name=f"会员{n}",
            mobile_masked=f"138****{n:04d}",
            tier="silver" if n % 2 else "standard",
            points_balance=n * 1_000,
            sort_key=(f"会员{n:05d}", f"m{n:05d}"),
        )
        for n in range(count)
    ]


def _pager(rows: list[MemberRow], asked: list):
    def fetch_page(after, limit):
        asked.append((after, limit))
        start = 0 if after is None else [r.sort_key for r in rows].index(after) + 1
        return rows[start : start + limit]

    return fetch_page


def _fetch_all(model: MemberTableModel) -> None:
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())


def _tester_failures(qtlog) -> list[str]:
    """Qt's tester reports what it finds as warnings starting "FAIL!"."""
    return [r.message for r in qtlog.records if "FAIL!" in r.message]


@pytest.mark.parametrize("force_py", [False, True], ids=["qt", "python"])
def test_an_empty_list_keeps_the_model_contract(qtmodeltester, qtlog, force_py):
    asked: list = []
    model = MemberTableModel(_pager([], asked))
    qtmodeltester.check(model, force_py=force_py)
    _fetch_all(model)
    assert model.rowCount() == 0
    assert not model.canFetchMore(QModelIndex())
    assert _tester_failures(qtlog) == []


@pytest.mark.parametrize("force_py", [False, True], ids=["qt", "python"])
def test_pages_arrive_as_asked_and_the_contract_holds_throughout(qtmodeltester, qtlog, force_py):
    rows = _rows(PAGE_SIZE * 2 + 7)
    asked: list = []
    model = MemberTableModel(_pager(rows, asked))
    qtmodeltester.check(model, force_py=force_py)  # and again after every insert
    _fetch_all(model)
    assert _tester_failures(qtlog) == []
    assert model.rowCount() == len(rows)
    assert model.fetched_rows == len(rows)
    assert [after for after, _ in asked] == [
        None,
        rows[PAGE_SIZE - 1].sort_key,
        rows[2 * PAGE_SIZE - 1].sort_key,
    ]
    assert model.data(model.index(len(rows) - 1, 4)) == f"{(len(rows) - 1) * 1_000:,}"
    assert model.data(model.index(3, 2)) == "138****0003"
    assert model.data(model.index(3, 0), Qt.ItemDataRole.EditRole) is None
    assert model.headerData(5, Qt.Orientation.Horizontal) is None


def test_a_reset_brings_its_first_page_and_keeps_the_contract(qtmodeltester, qtlog):
    asked: list = []
    model = MemberTableModel(_pager(_rows(PAGE_SIZE + 1), asked))
    qtmodeltester.check(model)
    _fetch_all(model)
    model.reset(_pager(_rows(3), asked))
    assert model.rowCount() == 3  # in the reset itself, not in a fetch after it
    assert not model.canFetchMore(QModelIndex())
    model.reset(_pager(_rows(0), asked))
    assert model.rowCount() == 0
    assert _tester_failures(qtlog) == []


def test_a_reset_to_a_long_list_keeps_the_contract(qtlog):
    # Qt's tester, told not to fetch from its own modelReset slot: it would fetch the second
    # page there before it has noted that the reset ended (pytest-qt's port does the same).
    asked: list = []
    rows = _rows(PAGE_SIZE * 2 + 1)
    model = MemberTableModel(_pager(rows, asked))
    tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning)
    tester.setUseFetchMore(False)
    model.reset(_pager(rows, asked))
    assert model.rowCount() == PAGE_SIZE
    _fetch_all(model)
    assert model.rowCount() == len(rows)
    assert _tester_failures(qtlog) == []
