"""The rating prompt asks satisfaction (1-5) beside NPS: saved with the NPS answer, or alone
when the customer skips the NPS question."""

import sqlite3

from PySide6.QtCore import Qt

from models.db import database_path
from services.reports import nps
from ui.dialogs.nps_prompt import NpsPrompt


def rows(counter, sql):
    conn = sqlite3.connect(database_path(counter.runtime.data_dir))
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_satisfaction_is_saved_with_the_nps_answer(qtbot, signed_in_window, counter):
    prompt = NpsPrompt(signed_in_window.ctx, None, "R-1")
    qtbot.addWidget(prompt)
    prompt.show()
    qtbot.mouseClick(prompt.csat_buttons[3], Qt.MouseButton.LeftButton)  # 4
    qtbot.mouseClick(prompt.buttons[9], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: prompt.saved)
    assert rows(counter, "SELECT score, reference FROM csat_response") == [(4, "R-1")]
    assert rows(counter, "SELECT score FROM nps_response") == [(9,)]


def test_a_skipped_nps_question_keeps_the_satisfaction(qtbot, signed_in_window, counter):
    prompt = NpsPrompt(signed_in_window.ctx, None, "R-2")
    qtbot.addWidget(prompt)
    prompt.show()
    qtbot.mouseClick(prompt.csat_buttons[1], Qt.MouseButton.LeftButton)  # 2
    qtbot.keyClick(prompt, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not prompt.isVisible())
    assert rows(counter, "SELECT score FROM csat_response") == [(2,)]
    assert rows(counter, "SELECT count(*) FROM nps_response") == [(0,)]
    assert not prompt.saved


def test_skipping_without_a_satisfaction_records_nothing(qtbot, signed_in_window, counter):
    prompt = NpsPrompt(signed_in_window.ctx, None, "R-3")
    qtbot.addWidget(prompt)
    prompt.show()
    qtbot.keyClick(prompt, Qt.Key.Key_Escape)
    assert not prompt.isVisible()
    assert rows(counter, "SELECT count(*) FROM csat_response") == [(0,)]


def test_the_kpi_card_shows_satisfaction_beside_nps(qtbot, signed_in_window, counter):
    now = counter.runtime.now()
    for score in (5, 4, 1):
        nps.record_satisfaction(counter.runtime.writer(), counter.manager, now, score)
    qtbot.keyClick(signed_in_window, Qt.Key.Key_F8)
    page = signed_in_window.pages["reports"]
    page.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: "67% satisfied (3)" in page.kpi_tab.cards["nps"].text())
