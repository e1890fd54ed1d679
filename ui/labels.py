"""Translated names for values that services keep as codes."""

from PySide6.QtCore import QCoreApplication


def role_label(role: str) -> str:
    labels = {
        "cashier": QCoreApplication.translate("Roles", "Cashier"),
        "event_staff": QCoreApplication.translate("Roles", "Event staff"),
        "manager": QCoreApplication.translate("Roles", "Manager"),
    }
    return labels.get(role, role)
