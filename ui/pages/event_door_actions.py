"""A manager's actions at the door: admitting over capacity and undoing a sign-in, each with
the manager's approval (or the signed-in manager's own reason) kept in the audit log.

The panel hands in `approve` (ui.dialogs.approval.obtain_approval as the panel module names
it), so the approval asked for is the one the panel's module holds. The words keep the
panel's translation context."""

from PySide6.QtCore import QCoreApplication, Qt

from services import events
from services.events import CapacityOverride
from services.rules import events as door_rules
from services.rules.permissions import Permission
from ui.ask import Ask


def admit_over_capacity(panel, approve) -> None:
    """The last scan was refused as full: sign the same person in again, over capacity."""
    r = panel.last_result
    if r is None or r.outcome != door_rules.FULL or not panel.last_text:
        return
    name = r.attendee.name if r.attendee else ""
    action = QCoreApplication.translate("DoorPanel", "admit %1 over the capacity").replace(
        "%1", name
    )
    go, approval = approve(panel.ctx, Permission.EVENT_OVERRIDE_CAPACITY, action, panel)
    if not go:
        return
    title = QCoreApplication.translate("DoorPanel", "Admit over capacity")
    reason = approval.reason if approval else ask_reason(panel, title)
    if reason:
        override = CapacityOverride(reason, approval)
        panel.sign_in(panel.last_text, override, panel.last_looked_up)


def undo_selected(panel, approve) -> None:
    """Undoes the sign-in chosen in the list of last scans: the seat and its points back."""
    item = panel.scans.currentItem()
    signin_id = item.data(Qt.ItemDataRole.UserRole) if item else None
    if not signin_id:
        panel.show_error_text(
            QCoreApplication.translate(
                "DoorPanel", "Choose a sign-in in the list of last scans first."
            )
        )
        return
    action = QCoreApplication.translate("DoorPanel", "undo the sign-in: %1").replace(
        "%1", item.text()
    )
    go, approval = approve(panel.ctx, Permission.EVENT_MANAGE, action, panel)
    if not go:
        return
    title = QCoreApplication.translate("DoorPanel", "Undo sign-in")
    reason = approval.reason if approval else ask_reason(panel, title)
    if not reason:
        return
    panel.ctx.write(
        events.undo_sign_in,
        signin_id,
        reason,
        approval,
        done=lambda _none: _undone(panel),
        failed=panel.on_failed,
        owner=panel,
    )


def _undone(panel) -> None:
    panel.paint_state("idle")
    panel.headline.setText(QCoreApplication.translate("DoorPanel", "Sign-in undone"))
    panel.detail.setText("")
    panel.changed.emit()


def ask_reason(panel, title: str) -> str:
    question = QCoreApplication.translate("DoorPanel", "Reason (kept in the audit log):")
    return (Ask(panel, title).text(question) or "").strip()
