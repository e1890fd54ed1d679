"""Anchoring each counter's audit log at the centre, so it cannot be quietly rewritten.

Every push carries the counter's audit head: its last entry's id and hash and how many
entries the chain holds, plus the hash of its entry at the last anchor the centre gave it
(`anchor_id`). The chain is a running hash, so that entry's hash still equals the anchor's
only if nothing up to it was changed, removed or inserted. A head that extends the anchor
becomes the next anchor; one that does not is recorded as a break (`audit.chain_broken`,
or `audit.chain_rehashed` when the counter says a privacy wipe re-hashed it) and the push
answer says so; the head it sent becomes the anchor, so the next honest push is clean.

A counter that names an anchor the centre no longer holds as its newest (an answer was
lost, or the centre was restored from a backup) is told which one to prove (`unproven`);
nothing is anchored until it does, so the anchor's age in `python -m central devices`
shows a counter that never proves.
"""

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.models import AuditAnchor, AuditBreak

BROKEN = "audit.chain_broken"
REHASHED = "audit.chain_rehashed"


@dataclass(frozen=True)
class AuditHead:
    last_id: int
    entries: int
    head: str
    anchor_id: int | None = None
    at_anchor: str | None = None  # the hash of the counter's entry `anchor_id`
    rehashed: bool = False  # a privacy wipe re-hashed the chain since that anchor


@dataclass(frozen=True)
class AnchorAnswer:
    status: str  # ok | unproven | broken
    anchor_id: int | None  # the entry the next push proves
    code: str | None = None


def anchor_head(session: Session, device_id: str, head: AuditHead, now: datetime) -> AnchorAnswer:
    """Checks the head against the device's newest anchor, inside the push's transaction."""
    last = session.scalars(
        select(AuditAnchor)
        .where(AuditAnchor.device_id == device_id)
        .order_by(AuditAnchor.id.desc())
        .limit(1)
    ).first()
    if last is None:
        _anchor(session, device_id, head, now)
        return AnchorAnswer("ok", head.last_id)
    if head.anchor_id != last.last_id and (
        _proves_older(session, device_id, head) or _beyond(last, head)
    ):
        return AnchorAnswer("unproven", last.last_id)
    if _extends(last, head):
        if (head.last_id, head.head) != (last.last_id, last.head):
            _anchor(session, device_id, head, now)
        return AnchorAnswer("ok", head.last_id)
    code = REHASHED if head.rehashed else BROKEN
    detail = {
        "anchor": {"last_id": last.last_id, "entries": last.entries, "head": last.head},
        "sent": {
            "last_id": head.last_id,
            "entries": head.entries,
            "head": head.head,
            "anchor_id": head.anchor_id,
            "at_anchor": head.at_anchor,
        },
    }
    session.add(
        AuditBreak(device_id=device_id, code=code, detail=json.dumps(detail), detected_at=now)
    )
    _anchor(session, device_id, head, now)
    return AnchorAnswer("broken", head.last_id, code)


def _extends(last: AuditAnchor, head: AuditHead) -> bool:
    return (
        head.anchor_id == last.last_id
        and head.at_anchor == last.head
        and head.last_id >= last.last_id
        and head.entries >= last.entries
    )


def _beyond(last: AuditAnchor, head: AuditHead) -> bool:
    """The counter names an anchor after the centre's newest: the centre lost anchors (it
    was restored from a backup). Not a break; the next request proves the newest it has."""
    return head.anchor_id is not None and head.anchor_id > last.last_id


def _proves_older(session: Session, device_id: str, head: AuditHead) -> bool:
    """The head proves an anchor this device had before its newest: the counter missed the
    answer that named the newest one."""
    if head.anchor_id is None or head.at_anchor is None:
        return False
    older = session.scalar(
        select(AuditAnchor.head)
        .where(AuditAnchor.device_id == device_id, AuditAnchor.last_id == head.anchor_id)
        .order_by(AuditAnchor.id.desc())
        .limit(1)
    )
    return older == head.at_anchor


def _anchor(session: Session, device_id: str, head: AuditHead, now: datetime) -> None:
    session.add(
        AuditAnchor(
            device_id=device_id,
            last_id=head.last_id,
            entries=head.entries,
            head=head.head,
            received_at=now,
        )
    )
