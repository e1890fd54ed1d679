"""The check every privileged use case makes itself, whatever the GUI already hid."""

from services.actor import Actor, Approval
from services.errors import PermissionDenied
from services.rules.permissions import role_allows


def require_permission(actor: Actor, permission: str, approval: Approval | None = None) -> None:
    if actor.is_system or role_allows(actor.role, permission):
        return
    if approval is not None and approval.permission == permission:
        return
    raise PermissionDenied("auth.forbidden", permission=str(permission))


def needs_approval(actor: Actor, permission: str) -> bool:
    return not (actor.is_system or role_allows(actor.role, permission))
