"""Error codes from services, told to the user in their language: the words are the error
registry's (services.protocol.codes), in the language the user chose (Settings, or the
system's), read at each call so a language switch takes effect at once."""

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale

from services.core import LoyaltyError
from services.protocol import codes
from ui.money import yuan


def message_for(error: BaseException) -> str:
    if not isinstance(error, LoyaltyError):
        return QCoreApplication.translate(
            "Errors", "Something went wrong; nothing was changed. ({detail})"
        ).format(detail=type(error).__name__)
    template = codes.message(error.code, _language())
    if template is None:
        return QCoreApplication.translate("Errors", "The request was refused ({code}).").format(
            code=error.code
        )
    params = {k: _format_param(k, v) for k, v in error.params.items()}
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


def _field_name(field: object) -> object:
    """A receipt code's field, named in the reader's language."""
    return {
        "receipt": QCoreApplication.translate("Errors", "receipt number"),
        "amount": QCoreApplication.translate("Errors", "amount"),
        "time": QCoreApplication.translate("Errors", "time"),
        "store": QCoreApplication.translate("Errors", "store"),
        "categories": QCoreApplication.translate("Errors", "item categories"),
    }.get(field, field)


def _format_param(key: str, value: object) -> object:
    if key == "field":
        return _field_name(value)
    if hasattr(value, "astimezone"):
        local = QDateTime.fromSecsSinceEpoch(int(value.timestamp())).toLocalTime()
        if local.date() == QDateTime.currentDateTime().date():
            return QLocale().toString(local.time(), QLocale.FormatType.ShortFormat)
        return QLocale().toString(local, QLocale.FormatType.ShortFormat)
    if key.endswith("_fen") and isinstance(value, int):
        return QCoreApplication.translate("Errors", "{yuan} yuan").format(yuan=yuan(value))
    return value


def _language() -> str:
    # ui.i18n.LanguageSwitcher makes the chosen language the default locale.
    return "zh_CN" if QLocale().language() == QLocale.Language.Chinese else "en"
