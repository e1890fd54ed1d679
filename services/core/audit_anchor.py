"""The counter's side of the audit log's anchor at the centre (central.audit_anchor).

The first request of each push carries the head of the hash-chained audit log: the last
entry's id and hash, how many entries there are, and the hash of the entry the centre last
anchored (`anchor_id`, from the previous answer). Rewriting the log, even with the chain
made again, changes that entry's hash, and the centre says so (`audit.chain_broken`); the
answer is kept in sync_state for the status bar until a manager marks it seen
(services.core.audit_check).
"""

import logging
from datetime import datetime
from typing import Any

from models.sync import SyncState
from services.core.repository import TextStatements
from services.core.uow import UnitOfWork

log = logging.getLogger(__name__)

BROKEN = "audit.chain_broken"


def audit_head(uow: UnitOfWork) -> dict[str, Any] | None:
    """What the next push carries, or None while the log is empty: a count and three
    indexed reads, once per push."""
    conn = TextStatements(uow)
    last = conn.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    if last is None:
        return None
    (entries,) = conn.execute("SELECT count(*) FROM audit_log").fetchone()
    head: dict[str, Any] = {"last_id": last[0], "entries": entries, "head": last[1]}
    anchor_id = conn.execute("SELECT audit_anchor_id FROM sync_state").fetchone()
    if anchor_id is not None and anchor_id[0] is not None:
        at = conn.execute("SELECT hash FROM audit_log WHERE id = ?", (anchor_id[0],)).fetchone()
        head |= {"anchor_id": anchor_id[0], "at_anchor": at[0] if at else None}
        # A wipe re-hashes the chain (services.members.privacy) and says so, rather than look
        # forged.
        wiped = conn.execute(
            "SELECT 1 FROM audit_log WHERE id > ? AND action = 'privacy.wiped' LIMIT 1",
            (anchor_id[0],),
        ).fetchone()
        if wiped:
            head["rehashed"] = True
    return head


def keep_anchor(uow: UnitOfWork, answer: dict, now: datetime) -> str | None:
    """The centre's word on the head, inside the caller's transaction: the entry the next
    push proves and, when the chain did not extend the anchor, the break. Returns its code."""
    audit = answer.get("audit")
    state = uow.session.get(SyncState, 1)
    if not isinstance(audit, dict) or state is None:
        return None
    anchor_id = audit.get("anchor_id")
    if isinstance(anchor_id, int) and not isinstance(anchor_id, bool) and anchor_id >= 1:
        state.audit_anchor_id = anchor_id
    code = audit.get("code") if audit.get("status") == "broken" else None
    if code == BROKEN:
        state.audit_break_code, state.audit_break_at = BROKEN, now
        log.error("the centre found this counter's audit log rewritten (%s)", code)
    return code
