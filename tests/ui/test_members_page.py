"""The member list stays lazy on a million members; registering and editing by form."""

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from devkit.populate import add_members
from models.db import database_path
from services.members import check_in
from tests.ui.driving import sign_in_as
from ui.member_model import PAGE_SIZE

MILLION = 1_000_000


@pytest.fixture
def members_page(qtbot, make_window, counter):
    window = make_window()
    sign_in_as(qtbot, window, "王经理", counter.manager_pin)
    qtbot.waitUntil(lambda: window.top.currentWidget() is window.workspace)
    qtbot.keyClick(window, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: window.current_page_key() == "members")
    return window.pages["members"]


# A million is CI's slow step; a fifth of it shows the same bounds in the default run.
@pytest.mark.parametrize("count", [pytest.param(MILLION, marks=pytest.mark.slow), MILLION // 5])
def test_a_million_members_scroll_without_loading_them_all(qtbot, counter, make_window, count):
    ident = counter.identity
    add_members(
        database_path(counter.runtime.data_dir), count, ident.store_id, ident.store_code, "1"
    )
    window = make_window()
    sign_in_as(qtbot, window, "王经理", counter.manager_pin)
    qtbot.waitUntil(lambda: window.top.currentWidget() is window.workspace)
    qtbot.keyClick(window, Qt.Key.Key_F6)
    page = window.pages["members"]
    model, table = page.model, page.table
    qtbot.waitUntil(lambda: model.rowCount() > 0)
    first = model.fetched_rows
    assert first <= 2 * PAGE_SIZE
    for _ in range(5):  # a person dragging the scroll bar to the end, five times
        table.scrollToBottom()
        qtbot.wait(20)
    assert first < model.fetched_rows <= first + 6 * PAGE_SIZE
    assert model.rowCount() == model.fetched_rows < count // 100
    numbers = [model.row(i).member_no for i in range(model.rowCount())]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)


def test_search_by_last_four_digits_narrows_the_list(qtbot, members_page, counter):
    ident = counter.identity
    add_members(database_path(counter.runtime.data_dir), 30_000, ident.store_id, "T001", "1")
    qtbot.keyClicks(members_page.search, "0042")
    qtbot.keyClick(members_page.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: members_page.model.rowCount() == 3)
    mobiles = {members_page.model.row(i).mobile_masked for i in range(3)}
    assert all(m.endswith("0042") and "****" in m for m in mobiles)


def find_dialog(name: str):
    shown = [w for w in QApplication.topLevelWidgets() if w.objectName() == name and w.isVisible()]
    return shown[0] if shown else None


def test_registering_a_member_by_form_then_checking_them_in(qtbot, members_page, counter):
    window = members_page.window()

    def fill() -> None:
        form = find_dialog("memberForm")
        if form is None:
            QTimer.singleShot(20, fill)
            return
        form.name.insert("宋佳")
        qtbot.keyClicks(form.mobile, "13566667777")
        form.month.setValue(8)
        form.day.setValue(12)
        form.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    QTimer.singleShot(0, fill)
    members_page.register_button.click()
    checkin = window.pages["checkin"]
    qtbot.waitUntil(lambda: window.current_page_key() == "checkin")
    qtbot.waitUntil(lambda: checkin.card.isVisible())
    assert checkin.card.name.text() == "宋佳"
    found = check_in.list_members(counter.runtime.reader(), "13566667777", None, 5)
    assert [m.name for m in found] == ["宋佳"]


def test_form_refuses_a_bad_mobile_and_keeps_what_was_typed(qtbot, members_page, counter):
    from ui.dialogs.member_form import MemberForm

    form = MemberForm(members_page.ctx, members_page)
    qtbot.addWidget(form)
    form.show()
    form.name.insert("宋佳")
    qtbot.keyClicks(form.mobile, "1234")
    form.month.setValue(8)
    form.day.setValue(12)
    form.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: form.error.isVisible())
    assert "11 digits" in form.error.text()
    assert form.name.text() == "宋佳" and form.isVisible()
    assert check_in.list_members(counter.runtime.reader(), "宋", None, 5) == []
