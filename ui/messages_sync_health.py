"""Why a pulled change was not applied here (it is quarantined), and why a cycle stopped,
told to the user in their language (see ui.messages)."""

from PySide6.QtCore import QCoreApplication


def messages() -> dict[str, str]:
    return {
        "sync.quarantined": QCoreApplication.translate(
            "Errors",
            "Some changes from the central system could not be applied here; they are listed "
            "below. Everything else was synced.",
        ),
        "change.bad_body": QCoreApplication.translate(
            "Errors", "The change is incomplete or malformed."
        ),
        "change.unknown_kind": QCoreApplication.translate(
            "Errors", "This counter does not know this kind of change. It may need an update."
        ),
        "change.malformed": QCoreApplication.translate("Errors", "The change could not be read."),
        "sync.bad_signature": QCoreApplication.translate(
            "Errors",
            "The change is not signed by the central system this counter enrolled with; it"
            " was not applied. Tell the administrator.",
        ),
        "change.not_applied": QCoreApplication.translate(
            "Errors", "This counter's database refused the change."
        ),
    }
