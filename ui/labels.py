"""Translated names for values that services keep as codes."""

from PySide6.QtCore import QCoreApplication, QLocale


def role_label(role: str) -> str:
    labels = {
        "cashier": QCoreApplication.translate("Roles", "Cashier"),
        "event_staff": QCoreApplication.translate("Roles", "Event staff"),
        "manager": QCoreApplication.translate("Roles", "Manager"),
    }
    return labels.get(role, role)


def tier_label(tier: str) -> str:
    labels = {
        "bronze": QCoreApplication.translate("Tiers", "Bronze"),
        "silver": QCoreApplication.translate("Tiers", "Silver"),
        "gold": QCoreApplication.translate("Tiers", "Gold"),
        "platinum": QCoreApplication.translate("Tiers", "Platinum"),
    }
    return labels.get(tier, tier)


def coupon_title(title_zh: str, title_en: str) -> str:
    """Catalog names come in both languages; show the one the counter speaks."""
    return title_zh if QLocale().language() == QLocale.Language.Chinese else title_en
