"""Error codes of the events capability, told to the user in their language (see ui.messages)."""

from PySide6.QtCore import QCoreApplication


def messages() -> dict[str, str]:
    return {
        "events.placeholder_unused": QCoreApplication.translate("Errors", "Not used yet."),
    }
