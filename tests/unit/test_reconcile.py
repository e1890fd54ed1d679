"""The day's reconciliation: a generated day of 5,000 till sales with mismatches of each
kind planted finds every one and invents none, from CSV in UTF-8 with BOM or GB18030 and
from XLSX, with the till's own column names."""

import csv
import io
import random

import openpyxl
import pytest

from services.core.errors import ValidationError
from services.pos.reconcile import LoyaltyEarn, Mismatch, read_export, reconcile

MAPPING = {"receipt": "小票号", "amount": "实收金额", "kind": "类型", "member": "会员卡号"}
HEADER = ["小票号", "时间", "实收金额", "类型", "会员卡号", "备注"]


def generated_day(seed: int = 21):
    """(export rows, loyalty earns, the mismatches planted), 5,000 sales."""
    rng = random.Random(seed)
    rows, earns, planted = [], [], set()
    for n in range(5000):
        receipt = f"R20261203{n:05d}"
        fen = rng.randint(100, 500_000)
        member = rng.random() < 0.6
        rows.append(
            [
                receipt,
                "2026-12-03 10:00",
                f"{fen // 100}.{fen % 100:02d}",
                "销售",
                f"LCM{n}" if member else "",
                "好评",
            ]
        )
        if not member:
            continue
        if n % 997 == 1:  # member sale that earned nothing
            planted.add(Mismatch("member_sale_without_points", receipt, fen, None))
            continue
        loyalty_fen = fen
        if n % 991 == 2:
            loyalty_fen = fen + 100  # typed one yuan too much
            planted.add(Mismatch("amount_differs", receipt, fen, loyalty_fen))
        refunded = 0
        if n % 983 == 3:  # refunded at the till only
            rows.append(
                [receipt, "2026-12-03 18:00", f"-{fen // 100}.{fen % 100:02d}", "退货", "", ""]
            )
            planted.add(Mismatch("refund_pos_only", receipt, fen, 0))
        if n % 977 == 4:  # refunded in loyalty only
            refunded = fen // 2
            planted.add(Mismatch("refund_loyalty_only", receipt, 0, refunded))
        earns.append(LoyaltyEarn(receipt, loyalty_fen, refunded, f"m{n}"))
    for n in range(7):  # earns the till never rang up
        fen = 88_800 + n
        earns.append(LoyaltyEarn(f"FAKE{n:03d}", fen, 0, f"x{n}"))
        planted.add(Mismatch("earn_without_sale", f"FAKE{n:03d}", None, fen))
    return rows, earns, planted


def as_csv(rows, encoding: str) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows([HEADER, *rows])
    return out.getvalue().encode(encoding)


def as_xlsx(rows) -> bytes:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADER)
    for row in rows:
        sheet.append([*row[:2], float(row[2]), *row[3:]])  # amounts as spreadsheet numbers
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("form", ["utf-8-sig", "gb18030", "xlsx"])
def test_every_planted_mismatch_is_found_and_none_invented(form):
    rows, earns, planted = generated_day()
    raw = as_xlsx(rows) if form == "xlsx" else as_csv(rows, form)
    pos = read_export(raw, "day.xlsx" if form == "xlsx" else "day.csv", MAPPING)
    result = reconcile(pos, earns)
    assert {m.kind for m in planted} == {
        "earn_without_sale",
        "amount_differs",
        "refund_pos_only",
        "refund_loyalty_only",
        "member_sale_without_points",
    }
    assert set(result.mismatches) == planted
    assert len(result.mismatches) == len(planted)
    assert result.sales == 5000


def test_the_error_rate_is_judged_against_half_a_percent():
    rows, earns, _planted = generated_day()
    pos = read_export(as_csv(rows, "utf-8"), "day.csv", MAPPING)
    clean = reconcile(pos, [e for e in earns if not e.receipt.startswith("FAKE")])
    assert len(clean.mismatches) * 1000 <= 5 * 5000 and clean.within_target
    fraud = [LoyaltyEarn(f"F{n}", 100, 0, "m") for n in range(30)]
    assert not reconcile(pos, earns + fraud).within_target  # over 25 of 5,000


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"", "reconcile.empty"),
        ("小票号,金额\nR1,5\n".encode(), "reconcile.missing_column"),
        ("小票号,实收金额\nR1,五元\n".encode(), "reconcile.bad_row"),
        (b"\xff\xfe\x00\x01\x80\x81", "receipt.bad_encoding"),
    ],
)
def test_an_export_that_cannot_be_read_is_refused(raw, code):
    with pytest.raises(ValidationError) as caught:
        read_export(raw, "day.csv", MAPPING)
    assert caught.value.code == code


def test_a_file_named_xlsx_that_is_no_workbook_is_refused():
    with pytest.raises(ValidationError) as caught:
        read_export(b"PK not really", "day.xlsx", MAPPING)
    assert caught.value.code == "reconcile.bad_file"
