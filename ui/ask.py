"""The one way the counter asks a person something in a modal dialog: a line of text (a
reason, a member number), yes or no, or one of a few actions. Callers pass texts already
translated in their own context; the answer never leaves a half-filled state behind."""

from collections.abc import Sequence

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget


class Ask:
    def __init__(self, parent: QWidget | None, title: str) -> None:
        self.parent = parent
        self.title = title

    def text(self, question: str, typed: str = "") -> str | None:
        """What the person typed, or None when they cancelled."""
        text, ok = QInputDialog.getText(self.parent, self.title, question, text=typed)
        return text if ok else None

    def yes(self, question: str, warning: bool = False) -> bool:
        """Yes or No, with No the default: a slip of Enter never agrees to a loss."""
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        show = QMessageBox.warning if warning else QMessageBox.question
        answer = show(self.parent, self.title, question, buttons, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def choice(
        self,
        question: str,
        actions: Sequence[str],
        name: str = "",
        warning: bool = False,
    ) -> int | None:
        """Which of `actions` (buttons, the first the default) was pressed; None for Close.
        `name` is the box's object name, by which tests and the style find it."""
        box = QMessageBox(self.parent)
        box.setObjectName(name)
        if warning:
            box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.title)
        box.setText(question)
        roles = [QMessageBox.ButtonRole.AcceptRole] + [QMessageBox.ButtonRole.ActionRole] * (
            len(actions) - 1
        )
        buttons = [box.addButton(text, role) for text, role in zip(actions, roles, strict=True)]
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        clicked = box.clickedButton()
        box.deleteLater()
        return next((i for i, button in enumerate(buttons) if button is clicked), None)
