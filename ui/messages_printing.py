"""Receipt printer faults and settings, told to the user in their language (see ui.messages)."""

from PySide6.QtCore import QCoreApplication


def messages() -> dict[str, str]:
    return {
        "printer.offline": QCoreApplication.translate(
            "Errors",
            "The receipt printer does not answer: check that it is switched on and "
            "connected, then print again. The sale itself is saved.",
        ),
        "printer.unplugged": QCoreApplication.translate(
            "Errors",
            "The receipt printer is not plugged in (or its cable is loose): plug it in and "
            "print again. The sale itself is saved.",
        ),
        "printer.no_paper": QCoreApplication.translate(
            "Errors",
            "The receipt printer is out of paper: load a new roll and print again. "
            "The sale itself is saved.",
        ),
        "printer.failed": QCoreApplication.translate(
            "Errors",
            "The receipt printer could not print ({reason}). Print again, or print the PDF "
            "instead. The sale itself is saved.",
        ),
        "printer.bad_setting": QCoreApplication.translate(
            "Errors",
            "Check the printer settings: a USB printer needs its vendor and product ids, "
            "a serial one its port, a network one its address and port.",
        ),
    }
