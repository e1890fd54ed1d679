"""Qt translators for the app and for Qt's own dialogs, switchable while running."""

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from resources import resource_path

SUPPORTED = ("zh_CN", "en")


def effective_language(setting: str, system_locale: str | None = None) -> str:
    """'system' follows the machine's locale: Chinese locales get Chinese, the rest English."""
    if setting in SUPPORTED:
        return setting
    name = system_locale or QLocale.system().name()
    return "zh_CN" if name.startswith("zh") else "en"


def qt_catalogue_gaps() -> tuple[str, ...]:
    """Strings of Qt's own dialogs that Qt 6 renamed and its zh_CN catalogue (qtbase_zh_CN)
    never caught up with, so its file dialog was half English. Written here, lupdate files
    them under Qt's contexts in our catalogue, which Qt asks when its own has nothing."""
    return (
        QCoreApplication.translate("QFileDialog", "&Look in:"),
        QCoreApplication.translate("QFileDialog", "Files of &type:"),
        QCoreApplication.translate("QAbstractFileIconProvider", "Folder"),
    )


class LanguageSwitcher:
    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._installed: list[QTranslator] = []
        self.language = "en"

    def apply(self, setting: str) -> str:
        language = effective_language(setting)
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed = []
        if language != "en":
            self._install(str(resource_path("i18n")), f"loyalty_{language}")
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            self._install(qt_dir, f"qtbase_{language}")
        QLocale.setDefault(QLocale(language))
        self.language = language
        return language

    def _install(self, directory: str, name: str) -> None:
        translator = QTranslator(self._app)
        if translator.load(name, directory):
            self._app.installTranslator(translator)
            self._installed.append(translator)
