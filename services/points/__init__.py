"""Points: earning on a purchase, points as cash, refunds, adjustments, expiry, tiers and
the history a cashier shows."""

from services.core.surface import lazy_surface

# public name -> the module that defines it
_HOMES = {
    "adjust": "adjustments",
    "award_visit_bonus": "adjustments",
    "expire_due": "expiry",
    "expire_member": "expiry",
    "expiring_soon": "expiry",
    "RefundResult": "refunds",
    "refund": "refunds",
    "cash_points_step": "rule_sets",
    "coupon_exchange_step": "rule_sets",
    "EarnResult": "sale",
    "Quote": "sale",
    "Tender": "sale",
    "earn": "sale",
    "quote": "sale",
    "refuse_used_receipt": "sale",
    "HISTORY_LIMIT": "statement",
    "LedgerLine": "statement",
    "history": "statement",
    "reevaluate_tiers": "tiers",
    "trailing_spend_fen": "tiers",
}
__all__ = sorted(_HOMES)
__getattr__, __dir__ = lazy_surface(__name__, _HOMES)
