"""CSV files a spreadsheet opens correctly, Chinese included."""

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path


def write_csv(path: Path, headers: Sequence[str], rows: Iterable[Sequence]) -> Path:
    """UTF-8 with a BOM so Excel on a Chinese Windows reads the names; written atomically."""
    tmp = path.with_suffix(".part")
    with tmp.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        writer.writerows(rows)
    tmp.replace(path)
    return path
