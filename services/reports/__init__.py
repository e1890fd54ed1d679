"""Reports: the day's close and KPIs, exports, NPS and the counter's status."""

from services.core.surface import lazy_surface

# public name -> the module that defines it
_HOMES = {
    "write_csv": "exports",
    "COMMENT_MAX": "nps",
    "record_rating": "nps",
    "record_satisfaction": "nps",
    "SyncStatus": "status",
    "read_sync_status": "status",
    "FIGURES": "summary",
    "MAX_PERIOD_DAYS": "summary",
    "DayClose": "summary",
    "Kpis": "summary",
    "day_close": "summary",
    "period_kpis": "summary",
}
__all__ = sorted(_HOMES)
__getattr__, __dir__ = lazy_surface(__name__, _HOMES)
