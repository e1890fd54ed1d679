"""Staff accounts, sign-in with PIN and lockout, permissions and manager approvals."""

from services.core.surface import lazy_surface

# public name -> the module that defines it
_HOMES = {
    "StaffSummary": "accounts",
    "approve_as_manager": "accounts",
    "change_pin": "accounts",
    "create_staff": "accounts",
    "deactivate_staff": "accounts",
    "list_staff": "accounts",
    "sign_in": "accounts",
    "unlock_staff": "accounts",
    "needs_approval": "authz",
}
__all__ = sorted(_HOMES)
__getattr__, __dir__ = lazy_surface(__name__, _HOMES)
