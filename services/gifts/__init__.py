"""Gifts: the catalog, stock and redeeming a gift for points."""

from services.core.surface import lazy_surface

# public name -> the module that defines it
_HOMES = {
    "GiftSpec": "definitions",
    "define_gift": "definitions",
    "gift_spec": "definitions",
    "update_gift": "definitions",
    "GiftOffer": "redeem",
    "Redemption": "redeem",
    "RedemptionSlip": "redeem",
    "catalog": "redeem",
    "redeem_gift": "redeem",
    "redemption_slip": "redeem",
    "MoveLine": "stock_views",
    "StockLine": "stock_views",
    "adjust_stock": "stock",
    "count_stock": "stock",
    "export_moves_csv": "stock_views",
    "export_stock_csv": "stock_views",
    "move_history": "stock_views",
    "receive_stock": "stock",
    "stock_levels": "stock_views",
    "transfer_in": "stock",
    "transfer_out": "stock",
}
__all__ = sorted(_HOMES)
__getattr__, __dir__ = lazy_surface(__name__, _HOMES)
