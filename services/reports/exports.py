"""CSV files a spreadsheet opens correctly, Chinese included, and never as formulas.

A cell that starts with = + - @ (or a tab or line break) is run as a formula by Excel and
LibreOffice: a member's name typed as =HYPERLINK(...) would run at the manager's desk
(OWASP, CSV injection). Every cell of every export goes through `safe_cell`: numbers stay
numbers, a text cell that reads as a plain number (-120, -1,234.50, -5%) stays as it is, and
any other text that starts with one of those characters gets a leading apostrophe, which
the spreadsheet shows as text and does not run.
"""

import csv
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
PLAIN_NUMBER = re.compile(r"[+-]?\d[\d,]*(\.\d+)?%?")


def safe_cell(value: object) -> object:
    """The value to write in a cell: as it is unless a spreadsheet would run it."""
    if value is None or isinstance(value, bool | int | float):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def safe_row(row: Iterable[object]) -> list[object]:
    return [safe_cell(value) for value in row]


def write_csv(path: Path, headers: Sequence[str], rows: Iterable[Sequence]) -> Path:
    """UTF-8 with a BOM so Excel on a Chinese Windows reads the names; written atomically."""
    tmp = path.with_suffix(".part")
    with tmp.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(safe_row(headers))
        writer.writerows(safe_row(row) for row in rows)
    tmp.replace(path)
    return path
