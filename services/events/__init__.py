"""Events: planning, registrations, sign-in at the door, draws and reports."""

from services.core.surface import lazy_surface

# public name -> the module that defines it
_HOMES = {
    "EventSpec": "planning",
    "EventSummary": "planning",
    "create_event": "planning",
    "current_events": "planning",
    "event_spec": "planning",
    "list_events": "planning",
    "invite_member": "registrations",
    "register_guest": "registrations",
    "register_member_for_event": "registrations",
    "update_event": "planning",
    "MAX_WINNERS": "prize_draws",
    "DrawResult": "prize_draws",
    "draws": "prize_draws",
    "entrants": "prize_draws",
    "run_draw": "prize_draws",
    "AttendanceReport": "reports",
    "attendance": "reports",
    "attendance_csv": "reports",
    "printable_tickets": "reports",
    "CapacityOverride": "signin",
    "DoorStatus": "door_view",
    "SignInResult": "signin",
    "door_status": "door_view",
    "sign_in": "signin",
    "undo_sign_in": "signin_undo",
    "sign_in_grouped": "door_commit",
}
__all__ = sorted(_HOMES)
__getattr__, __dir__ = lazy_surface(__name__, _HOMES)
