"""A machine with no font at all still shows Chinese: the UI falls back to the bundled
font. Run in a child process, since fontconfig is read once per process."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHILD = """
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication
from ui.fonts import apply_app_font
app = QApplication([])
family = apply_app_font(app)
metrics = QFontMetrics(QFont(family))
print(family, all(metrics.inFontUcs4(ord(ch)) for ch in "会员积分柜台签到礼品优惠券￥"))
"""


def test_with_no_system_font_the_window_uses_the_bundled_one(tmp_path):
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        f"<?xml version='1.0'?><fontconfig><dir>{empty}</dir>"
        f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", CHILD], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=60, check=True,
    )  # fmt: skip
    assert done.stdout.strip().endswith("Counter Sans SC True"), done.stdout + done.stderr
