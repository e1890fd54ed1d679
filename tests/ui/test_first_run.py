"""The first start in an empty folder asks for the store and creates its first manager."""

from PySide6.QtWidgets import QDialog, QDialogButtonBox

from services.core.setup import load_identity
from services.staff.accounts import list_staff
from ui.dialogs.first_run import FirstRunDialog


def fill(qtbot, dialog: FirstRunDialog, pin_again: str = "2580") -> None:
    # Chinese arrives through the input method as committed text, not as key presses.
    dialog.store_name.insert("静安寺旗舰店")
    qtbot.keyClicks(dialog.store_code, "sh-001")
    dialog.manager_name.insert("陈店长")
    qtbot.keyClicks(dialog.pin, "2580")
    qtbot.keyClicks(dialog.pin_again, pin_again)


def ok_button(dialog: FirstRunDialog):
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)


def test_first_run_creates_the_store_and_its_manager(qtbot, runtime):
    dialog = FirstRunDialog(runtime)
    qtbot.addWidget(dialog)
    dialog.show()
    fill(qtbot, dialog)
    ok_button(dialog).click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    identity = load_identity(runtime.reader())
    assert (identity.store_name, identity.store_code) == ("静安寺旗舰店", "SH-001")
    staff = list_staff(runtime.reader())
    assert [(s.name, s.role) for s in staff] == [("陈店长", "manager")]


def test_mismatched_pins_are_refused_and_nothing_is_created(qtbot, runtime):
    dialog = FirstRunDialog(runtime)
    qtbot.addWidget(dialog)
    dialog.show()
    fill(qtbot, dialog, pin_again="2581")
    ok_button(dialog).click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error.isVisible()
    assert "differ" in dialog.error.text()
    assert load_identity(runtime.reader()) is None


def test_a_weak_pin_is_refused(qtbot, runtime):
    dialog = FirstRunDialog(runtime)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.store_name.insert("店")
    qtbot.keyClicks(dialog.store_code, "S1")
    dialog.manager_name.insert("陈")
    qtbot.keyClicks(dialog.pin, "1234")
    qtbot.keyClicks(dialog.pin_again, "1234")
    ok_button(dialog).click()
    assert "too easy" in dialog.error.text()
    assert load_identity(runtime.reader()) is None


def test_the_pin_rule_is_stated_before_it_can_be_broken(qtbot, runtime):
    dialog = FirstRunDialog(runtime)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.pin_rule.isVisible() and not dialog.error.isVisible()
    rule = dialog.pin_rule.text()
    assert "4" in rule and "6" in rule and "1234" in rule
    assert dialog.findChild(type(dialog.pin_rule), "firstRunHeading").isVisible()
    assert ok_button(dialog).property("role") == "primary"
