"""The till's side of a sale: receipt codes read by the store's patterns, the local POS
interface a till may call, and the day's reconciliation against the till's export."""

from services.core.surface import lazy_surface
from services.pos.patterns import DEFAULT_PATTERNS, PRESETS, check_patterns
from services.pos.receipts import ReceiptScan, decode_bytes, matches_any, normalise, parse_receipt
from services.pos.sales import PendingSale, PosDesk, PosSale, SaleLine

# The day's reconciliation, loaded when a manager first opens it: public name -> module.
_HOMES = {
    "KINDS": "reconcile",
    "Mismatch": "reconcile",
    "Reconciliation": "reconcile",
    "export_csv": "reconcile",
    "explain": "day_check",
    "explanations": "day_check",
    "reconcile_day": "day_check",
    "reconcile_file": "day_check",
    "review_file": "day_check",
    "explain_line": "day_check",
    "save_csv": "day_check",
    "report_reconciliation": "day_report",
}
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
    *_HOMES,
]
__getattr__, __dir__ = lazy_surface(__name__, _HOMES)
