"""Sync with the central system: enrollment and the link, push, pull, the cycle, conflicts
and rejected operations, and applying what comes back (apply, quarantine)."""

from services.core.surface import lazy_surface

# public name -> the module that defines it
_HOMES = {
    "LinkSecurity": "client",
    "SyncError": "client",
    "ConflictRow": "conflicts",
    "RejectedRow": "conflicts",
    "list_conflicts": "conflicts",
    "list_rejected": "conflicts",
    "mark_quarantine_seen": "conflicts",
    "resolve_conflict": "conflicts",
    "CycleReport": "cycle",
    "next_delay_s": "cycle",
    "run_cycle": "cycle",
    "watchdog_late": "cycle",
    "Enrollment": "link",
    "LinkStatus": "link",
    "enroll": "link",
    "link_of": "link",
    "link_status": "link",
    "load_state": "link",
    "set_system_proxy": "link",
    "PullReport": "pull",
    "pull_changes": "pull",
    "PushReport": "push",
    "push_pending": "push",
    "QuarantinedChange": "quarantine",
    "list_quarantined": "quarantine",
}
__all__ = sorted(_HOMES)
__getattr__, __dir__ = lazy_surface(__name__, _HOMES)
