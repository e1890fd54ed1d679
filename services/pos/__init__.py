"""The till's side of a sale: receipt codes read by the store's patterns, the local POS
interface a till may call, and the day's reconciliation against the till's export."""

from services.pos.day_report import report_reconciliation
from services.pos.patterns import DEFAULT_PATTERNS, PRESETS, check_patterns
from services.pos.receipts import ReceiptScan, decode_bytes, matches_any, normalise, parse_receipt
from services.pos.sales import PendingSale, PosDesk, PosSale, SaleLine

__all__ = [
    "DEFAULT_PATTERNS",
    "PRESETS",
    "PendingSale",
    "PosDesk",
    "PosSale",
    "ReceiptScan",
    "SaleLine",
    "check_patterns",
    "decode_bytes",
    "matches_any",
    "normalise",
    "parse_receipt",
    "report_reconciliation",
]
