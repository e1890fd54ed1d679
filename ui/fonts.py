"""Find a font that renders Simplified Chinese, so no screen ever shows boxes.

The machine's own Chinese fonts come first (they are hinted for its screen); the bundled
Counter Sans SC (resources/fonts/) is loaded always and used when the machine has none.
"""

import logging

from PySide6.QtGui import QFont, QFontDatabase

from resources import resource_path

log = logging.getLogger(__name__)

BUNDLED_FAMILY = "Counter Sans SC"
PREFERRED_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Droid Sans Fallback",
    BUNDLED_FAMILY,
)


def load_bundled_fonts() -> None:
    if BUNDLED_FAMILY in QFontDatabase.families():
        return  # loaded once per process
    for path in sorted(resource_path("fonts").glob("*.[ot]t[fc]")):
        if QFontDatabase.addApplicationFont(str(path)) < 0:
            log.warning("could not load bundled font %s", path.name)


def chinese_families() -> list[str]:
    return QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)


def choose_chinese_family() -> str | None:
    load_bundled_fonts()  # the last resort is always there to choose
    available = chinese_families()
    for family in PREFERRED_FAMILIES:
        if family in available:
            return family
    return available[0] if available else None


def apply_app_font(app, point_size: int = 11) -> str | None:
    load_bundled_fonts()
    family = choose_chinese_family()
    if family is None:
        log.error("no font with Chinese glyphs found, not even the bundled %s", BUNDLED_FAMILY)
        return None
    font = QFont(family, point_size)
    app.setFont(font)
    return family
