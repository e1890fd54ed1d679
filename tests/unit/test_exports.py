"""CSV cells a spreadsheet would run as formulas are written as text; numbers stay numbers."""

import csv
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from services.events.reports import attendance_csv
from services.reports.exports import safe_cell, write_csv


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://evil.example","点我")',
        "+86 138 0013 8000",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)",
        "\t=1+1",
        "\r=1+1",
        "-",
        "=",
    ],
)
def test_text_that_a_spreadsheet_would_run_gets_an_apostrophe(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["-120", "-1,234.50", "+5", "-5%", "0", "陈安娜", "a=b", ""])
def test_plain_numbers_and_ordinary_text_stay_as_they_are(text):
    assert safe_cell(text) == text


def test_numbers_stay_numbers():
    assert [safe_cell(v) for v in (-120, 0, 3000, None)] == [-120, 0, 3000, None]


def test_write_csv_guards_headers_and_every_cell(tmp_path):
    path = write_csv(tmp_path / "x.csv", ["=Name", "Points"], [["=1+1", -50], ["李四", "-1,200"]])
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))
    assert rows == [["'=Name", "Points"], ["'=1+1", "-50"], ["李四", "-1,200"]]


def test_the_attendance_list_is_guarded_too():
    row = SimpleNamespace(
        name="@cmd",
        member_no="-M1",
        mobile_masked="138****8000",
        kind="walk_in",
        signed_in_at=None,
        counter_label="=1",
        points=-5,
    )
    text = attendance_csv(SimpleNamespace(rows=[row]), ["Name"], ZoneInfo("Asia/Shanghai"))
    rows = list(csv.reader(text.lstrip("\ufeff").splitlines()))
    assert rows[1] == ["'@cmd", "'-M1", "138****8000", "walk_in", "", "'=1", "-5"]
