"""Check-in as a cashier does it: a scanner types the code fast and presses Enter."""

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from models.journal import OutboxOperation
from models.visits import Visit
from services.members import accounts as members
from services.members.accounts import NewMember
from tests.templates import open_migrated_counter
from tests.ui.driving import scanner_put_down, sign_in_as


def counts(counter) -> tuple[int, int]:
    uow = counter.runtime.reader()
    with uow:
        visits = uow.session.scalar(select(func.count()).select_from(Visit))
        ops = uow.session.scalar(select(func.count()).select_from(OutboxOperation))
    return visits, ops


@pytest.fixture
def member(counter):
    new = NewMember("林晓雨", "13912345678", 6, 18, 1990)
    return members.register_member(
        counter.runtime.writer(), counter.manager, counter.runtime.now(), new
    )


@pytest.fixture
def code(counter, member):
    return members.member_code(
        counter.runtime.writer(), counter.manager, counter.runtime.now(), member.id
    )


@pytest.fixture
def page(qtbot, make_window, counter):
    cashier = counter.make_cashier()
    window = make_window()
    sign_in_as(qtbot, window, cashier.staff_name, counter.cashier_pin)
    qtbot.waitUntil(lambda: window.top.currentWidget() is window.workspace)
    page = window.pages["checkin"]
    qtbot.waitUntil(lambda: page.scan_input.hasFocus())
    page.window_ = window
    return page


def scan(qtbot, page, text: str) -> None:
    qtbot.keyClicks(page.scan_input, text)
    qtbot.keyClick(page.scan_input, Qt.Key.Key_Return)


def test_scanning_a_member_code_shows_the_card_and_records_the_visit(qtbot, page, counter, code):
    assert page.findChild(type(page.card), "memberCard") is page.card
    before = counts(counter)
    scan(qtbot, page, code)
    qtbot.waitUntil(lambda: page.card.isVisible())
    assert page.card.name.text() == "林晓雨"
    assert page.card.points.text() == "0"
    assert page.card.tier.text() == "Bronze"
    assert "139****5678" in page.card.number.text()
    qtbot.waitUntil(lambda: counts(counter) == (before[0] + 1, before[1] + 1))
    assert page.scan_input.hasFocus() and page.scan_input.text() == ""


def test_a_second_scan_lists_the_earlier_visit(qtbot, page, code):
    with qtbot.waitSignal(page.visit_recorded):
        scan(qtbot, page, code)
    assert page.card.isVisible()
    assert "First visit" in page.card.visits.text()
    scanner_put_down(page.window_)
    scan(qtbot, page, code)
    qtbot.waitUntil(lambda: "First visit" not in page.card.visits.text())
    assert "测试门店" in page.card.visits.text()


@pytest.mark.parametrize(
    "bad",
    [
        "forged",
        "garbage",
        "empty",
        "paste",
    ],
)
def test_bad_scans_are_refused_clearly_and_change_nothing(qtbot, page, counter, code, bad):
    texts = {
        "forged": code[:60] + ("A" if code[60] != "A" else "B") + code[61:],
        "garbage": "hello world",
        "empty": "",
        "paste": None,
    }
    before = counts(counter)
    if bad == "paste":
        page.scan_input.insert("LCM" + "7" * 10_000)  # a 10 kB paste arrives at once
        qtbot.keyClick(page.scan_input, Qt.Key.Key_Return)
    else:
        scan(qtbot, page, texts[bad])
    qtbot.waitUntil(lambda: page.message.isVisible())
    assert page.message.text()
    assert not page.card.isVisible()
    assert counts(counter) == before


def test_a_code_from_an_unknown_counter_is_refused(qtbot, page, counter, tmp_path):
    from services.core.setup import NewCounter, set_up_counter

    other = open_migrated_counter(tmp_path / "other", counter.runtime.clock)
    try:
        ident, manager = set_up_counter(
            other.writer(), NewCounter("别店", "X9", "1", "赵", "2580"), other.now()
        )
        from services.core.actor import Actor

        actor = Actor(manager.id, manager.name, "manager", ident.store_id, ident.device_id)
        stranger = members.register_member(
            other.writer(), actor, other.now(), NewMember("陌生人", "13700000001", 1, 1)
        )
        foreign = members.member_code(other.writer(), actor, other.now(), stranger.id)
    finally:
        other.close()
    before = counts(counter)
    scan(qtbot, page, foreign)
    qtbot.waitUntil(lambda: page.message.isVisible())
    assert "does not trust" in page.message.text()
    assert counts(counter) == before


def test_last_four_digits_offer_a_choice_made_by_keyboard(qtbot, page, counter):
    for name, mobile in (("周一", "13811112222"), ("周二", "13933332222")):
        members.register_member(
            counter.runtime.writer(),
            counter.manager,
            counter.runtime.now(),
            NewMember(name, mobile, 3, 3),
        )
    scan(qtbot, page, "2222")
    qtbot.waitUntil(lambda: page.candidates.isVisible())
    assert page.candidates.count() == 2
    qtbot.keyClick(page.scan_input, Qt.Key.Key_Down)
    chosen = page.candidates.currentItem().text().split()[0]
    qtbot.keyClick(page.scan_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.card.isVisible())
    assert page.card.name.text() == chosen


def test_mobile_number_typed_by_hand_checks_in(qtbot, page, member):
    scan(qtbot, page, "139 1234 5678")
    qtbot.waitUntil(lambda: page.card.isVisible())
    assert page.card.name.text() == "林晓雨"


def test_a_scan_on_another_page_goes_to_check_in(qtbot, page, code):
    window = page.window_
    qtbot.keyClick(window, Qt.Key.Key_F9)
    settings = window.pages["settings"]
    qtbot.waitUntil(lambda: window.current_page_key() == "settings")
    settings.setFocus()
    qtbot.keyClicks(settings, code)
    qtbot.keyClick(settings, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_page_key() == "checkin")
    qtbot.waitUntil(lambda: page.card.isVisible())
    assert page.card.name.text() == "林晓雨"


def test_buttons_never_take_the_scan_fields_focus(qtbot, page):
    for button in (page.register_button, page.print_button, page.reissue_button):
        assert button.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert page.scan_input.hasFocus()
