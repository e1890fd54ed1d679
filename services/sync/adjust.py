"""Head office's changes to one member: an adjustment of their points, the erasure of their
personal data.

Adjustments of a member's points, as the centre publishes them
(`points_adjustment`, signed): entered once in this counter's ledger, with who made it and
why, for a member this counter knows. A member it does not know yet arrives later with the
centre's balance, the adjustment included, so nothing is entered for them here.

They are applied before the page's member changes (services.sync.apply), so the balance a
member change then brings already agrees and no second, reasonless `adjust` is made.
"""

from datetime import datetime

from sqlalchemy import select

from models.catalog import Member
from models.points import PointsEntry
from services.core.actor import Actor
from services.core.uow import UnitOfWork
from services.members.privacy import erase_member
from services.points.ledger import Posting
from services.sync.members import MIRROR_EXPIRY

REFERENCE = "centre-adjust:"
REASON_MAX = 200


def apply_points_adjustment(uow: UnitOfWork, actor: Actor, body: dict, now: datetime) -> None:
    member = uow.session.get(Member, body["member_id"])
    reference = REFERENCE + body["id"]
    if member is None or _entered(uow, member.id, reference):
        return
    reason = f"{body['reason']} ({body['by']})"[:REASON_MAX]
    posting = Posting("adjust", reason, reference)
    delta = int(body["delta"])
    if delta > 0:
        uow.ledger.credit(actor, now, member.id, delta, MIRROR_EXPIRY, posting, 1)
    else:
        uow.ledger.debit(actor, now, member.id, -delta, posting, 1, allow_debt=True)
    uow.flush()


def _entered(uow: UnitOfWork, member_id: str, reference: str) -> bool:
    found = uow.session.scalar(  # the member's own entries: found by the member's index
        select(PointsEntry.id)
        .where(PointsEntry.member_id == member_id, PointsEntry.reference == reference)
        .limit(1)
    )
    return found is not None


def apply_member_erased(uow: UnitOfWork, actor: Actor, body: dict, now: datetime) -> None:
    """Head office erased the member's personal data on their request: so does this counter
    (services.members.privacy.erase_member); a member it never knew is nothing to erase."""
    erase_member(uow, body["id"], now)
