"""The day's reconciliation, without a database: the till's daily export read by the
store's column mapping, matched to the loyalty earns by receipt number, and what does not
match listed by kind.

Kinds, each a line a manager looks at:
- ``earn_without_sale``: points were earned on a receipt the till never rang up (the
  fraud signal);
- ``amount_differs``: both sides have the receipt, with different amounts;
- ``refund_pos_only`` / ``refund_loyalty_only``: a refund on one side only;
- ``member_sale_without_points``: the till marked a member sale that earned nothing.

The error rate is the lines found over the sales the till exported, against the
programme's 0.5% target.
"""

import csv
import io
from dataclasses import dataclass
from typing import Any

from services.core.errors import ValidationError
from services.pos.receipts import decode_bytes
from services.protocol import codes
from services.reports.exports import safe_row
from services.rules import reconcile as reconcile_rules
from services.rules.points import parse_yuan

MAX_EXPORT_BYTES = 20 * 1024 * 1024
MAX_ROWS = 200_000
COLUMNS = ("receipt", "amount", "kind", "member")  # ours; the till's names are mapped
KINDS = (
    "earn_without_sale",
    "amount_differs",
    "refund_pos_only",
    "refund_loyalty_only",
    "member_sale_without_points",
)
DEFAULT_MAPPING = {"receipt": "receipt", "amount": "amount", "kind": "kind", "member": "member"}
REFUND_WORDS = ("refund", "return", "退货", "退款")


@dataclass(frozen=True)
class PosRow:
    receipt: str
    amount_fen: int  # positive
    refund: bool
    member: bool  # the till knew the customer as a member


@dataclass(frozen=True)
class LoyaltyEarn:
    receipt: str
    gross_fen: int
    refunded_fen: int
    member_id: str


@dataclass(frozen=True)
class Mismatch:
    kind: str
    receipt: str
    pos_fen: int | None
    loyalty_fen: int | None


@dataclass(frozen=True)
class Reconciliation:
    sales: int  # the till's sales (not refunds)
    earns: int
    matched: int
    mismatches: tuple[Mismatch, ...]

    @property
    def within_target(self) -> bool:
        return reconcile_rules.within_target(len(self.mismatches), self.sales)


def check_mapping(value: Any) -> dict[str, str]:
    """The store's mapping from our columns to the export's headers."""
    if (
        not isinstance(value, dict)
        or not {"receipt", "amount"} <= set(value)
        or set(value) - set(COLUMNS)
        or not all(isinstance(v, str) and 0 < len(v) <= 60 for v in value.values())
    ):
        raise ValidationError(codes.RECONCILE_BAD_MAPPING)
    return value


def read_export(raw: bytes, filename: str, mapping: dict[str, str]) -> list[PosRow]:
    """The till's export as rows: CSV (UTF-8, UTF-8 with BOM or GB18030) or XLSX."""
    if len(raw) > MAX_EXPORT_BYTES:
        raise ValidationError(codes.RECONCILE_TOO_LARGE)
    if filename.lower().endswith(".xlsx"):
        table = _xlsx_rows(raw)
    else:
        table = list(csv.reader(io.StringIO(decode_bytes(raw))))
    if not table:
        raise ValidationError(codes.RECONCILE_EMPTY)
    header = [str(h).strip() for h in table[0]]
    where = {}
    for ours, theirs in mapping.items():
        if theirs in header:
            where[ours] = header.index(theirs)
        elif ours in ("receipt", "amount"):
            raise ValidationError(codes.RECONCILE_MISSING_COLUMN, column=theirs)
    if len(table) - 1 > MAX_ROWS:
        raise ValidationError(codes.RECONCILE_TOO_LARGE)
    return [_row(cells, where, line) for line, cells in enumerate(table[1:], start=2) if any(cells)]


def _xlsx_rows(raw: bytes) -> list[list[str]]:
    import openpyxl  # loads only when a manager imports a spreadsheet

    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is no workbook
        raise ValidationError(codes.RECONCILE_BAD_FILE) from None
    sheet = book.worksheets[0]
    return [
        ["" if c is None else _cell_text(c) for c in row]
        for row in sheet.iter_rows(values_only=True)
    ]


def _cell_text(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.2f}"  # a spreadsheet's number: read to the fen, then as text
    return str(value)


def _row(cells: list[str], where: dict[str, int], line: int) -> PosRow:
    def cell(name: str) -> str:
        index = where.get(name)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    receipt = cell("receipt").upper()
    amount_text = cell("amount")
    negative = amount_text.startswith("-")
    fen = parse_yuan(amount_text.lstrip("-"))
    if not receipt or fen is None:
        raise ValidationError(codes.RECONCILE_BAD_ROW, line=line)
    kind = cell("kind").lower()
    refund = negative or any(word in kind for word in REFUND_WORDS)
    member = cell("member") not in ("", "0", "-", "no", "否", "N", "n")
    return PosRow(receipt, fen, refund, member)


def reconcile(pos: list[PosRow], earns: list[LoyaltyEarn]) -> Reconciliation:
    """Every receipt on either side looked at once; each mismatch named once."""
    sales = {r.receipt: r for r in pos if not r.refund}
    refunds: dict[str, int] = {}
    for r in pos:
        if r.refund:
            refunds[r.receipt] = refunds.get(r.receipt, 0) + r.amount_fen
    by_receipt = {e.receipt: e for e in earns}
    found: list[Mismatch] = []
    matched = 0
    for earn in earns:
        sale = sales.get(earn.receipt)
        if sale is None:
            found.append(Mismatch("earn_without_sale", earn.receipt, None, earn.gross_fen))
            continue
        matched += 1
        if sale.amount_fen != earn.gross_fen:
            found.append(Mismatch("amount_differs", earn.receipt, sale.amount_fen, earn.gross_fen))
        refunded = refunds.get(earn.receipt, 0)
        if refunded and not earn.refunded_fen:
            found.append(Mismatch("refund_pos_only", earn.receipt, refunded, 0))
        elif earn.refunded_fen and not refunded:
            found.append(Mismatch("refund_loyalty_only", earn.receipt, 0, earn.refunded_fen))
    for receipt, sale in sales.items():
        if sale.member and receipt not in by_receipt:
            found.append(Mismatch("member_sale_without_points", receipt, sale.amount_fen, None))
    order = {kind: i for i, kind in enumerate(KINDS)}
    found.sort(key=lambda m: (order[m.kind], m.receipt))
    return Reconciliation(len(sales), len(earns), matched, tuple(found))


EXPORT_HEADERS = ["kind", "receipt", "pos_fen", "loyalty_fen", "explained"]


def export_rows(result: Reconciliation, explained: dict[tuple[str, str], str]) -> list[list]:
    """The lines as the export writes them, each with its explanation ("" if none)."""
    return [
        [
            m.kind,
            m.receipt,
            m.pos_fen or "",
            m.loyalty_fen or "",
            explained.get((m.kind, m.receipt), ""),
        ]
        for m in result.mismatches
    ]


def export_csv(result: Reconciliation, explained: dict[tuple[str, str], str]) -> bytes:
    """The lines as CSV in UTF-8 with BOM (a spreadsheet in Chinese opens it right), no
    cell a spreadsheet would run as a formula (a receipt from the till's file included)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_HEADERS)
    writer.writerows(safe_row(row) for row in export_rows(result, explained))
    return ("\ufeff" + out.getvalue()).encode("utf-8")
