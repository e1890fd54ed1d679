"""Error codes of the sync capability, told to the user in their language (see ui.messages)."""

from PySide6.QtCore import QCoreApplication


def messages() -> dict[str, str]:
    return {
        "sync.placeholder_unused": QCoreApplication.translate("Errors", "Not used yet."),
    }
