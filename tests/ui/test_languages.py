"""Both languages ship complete, switch live, and Chinese has a font that renders it."""

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics

from resources import resource_path
from services.core.settings import load_settings
from ui.fonts import choose_chinese_family
from ui.i18n import effective_language

ROOT = Path(__file__).resolve().parents[2]
TS = resource_path("i18n", "loyalty_zh_CN.ts")
QM = resource_path("i18n", "loyalty_zh_CN.qm")


def ui_sources() -> list[str]:
    return sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))


def qt_tool(name: str) -> str:
    return str(Path(sys.executable).with_name(f"pyside6-{name}"))


def test_every_chinese_translation_is_finished():
    tree = ET.parse(TS)
    messages = list(tree.getroot().iter("message"))
    assert len(messages) > 100
    unfinished = [
        m.find("source").text
        for m in messages
        if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
        or not (m.find("translation").text or "").strip()
    ]
    assert unfinished == []


def test_translation_file_covers_every_string_in_the_sources(tmp_path):
    copy = tmp_path / "check.ts"
    copy.write_bytes(TS.read_bytes())
    out = subprocess.run(
        [qt_tool("lupdate"), *ui_sources(), "-ts", str(copy), "-no-obsolete"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = re.search(r"Found (\d+) source text\(s\) \((\d+) new", out)
    assert found, out
    assert found.group(2) == "0", f"strings missing from {TS.name}: run lupdate and translate"


def test_shipped_qm_matches_the_ts(tmp_path):
    built = tmp_path / "built.qm"
    subprocess.run(
        [qt_tool("lrelease"), str(TS), "-qm", str(built)], capture_output=True, check=True
    )
    assert built.read_bytes() == QM.read_bytes(), "run lrelease: the shipped .qm is stale"


def test_system_locale_chooses_the_language():
    assert effective_language("system", "zh_CN") == "zh_CN"
    assert effective_language("system", "zh_TW") == "zh_CN"
    assert effective_language("system", "en_US") == "en"
    assert effective_language("en", "zh_CN") == "en"


def test_a_chinese_font_is_found_and_has_the_glyphs(qapp):
    family = choose_chinese_family()
    assert family is not None, "no CJK font: install fonts-noto-cjk"
    metrics = QFontMetrics(QFont(family))
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "会员积分柜台签到礼品优惠券")


def test_window_in_chinese_shows_chinese_everywhere(qtbot, make_window, counter):
    window = make_window("zh_CN")
    assert window.sign_in.button.text() == "登录"
    assert window.nav.item(0).text() == "会员签到"
    assert window.pages["settings"].title() == "设置"
    network = window.statusBar().findChild(type(window.brand), "statusNetwork")
    # Never enrolled: said calmly, not as an orange "离线" (offline).
    qtbot.waitUntil(lambda: "未连接总部系统" in network.text())
    assert network.property("state") == "standalone"
    last_sync = window.statusBar().findChild(type(window.brand), "statusLastSync")
    assert not last_sync.isVisible()  # "last sync: never" says nothing to a counter alone


def test_switching_language_in_settings_retranslates_at_once(qtbot, make_window, counter):
    from tests.ui.driving import sign_in_as

    window = make_window("zh_CN")
    sign_in_as(qtbot, window, "王经理", counter.manager_pin)
    qtbot.waitUntil(lambda: window.top.currentWidget() is window.workspace)
    qtbot.keyClick(window, Qt.Key.Key_F9)
    combo = window.pages["settings"].language
    combo.setCurrentIndex(2)
    combo.activated.emit(2)  # as a person's choice in the list does
    qtbot.waitUntil(lambda: window.nav.item(0).text() == "Check-in")
    assert window.pages["settings"].heading.text() == "Settings"
    assert load_settings(counter.runtime.reader()).language == "en"
