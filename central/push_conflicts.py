"""The handler for a conflict a store resolves at its counter.

A store may resolve only a conflict it is one of the stores of, and a conflict opened earlier
in the same batch can be resolved by a later operation of it.
"""

import json

from sqlalchemy import select

from central.models import Conflict
from central.push_batch import Batch
from central.push_types import Envelope, Outcome, Reject, _str
from services.protocol import codes


def conflict_resolve(b: Batch, env: Envelope, body: dict) -> Outcome:
    conflict_id = _str(body, "conflict_id")
    reason = _str(body, "reason")
    row = (
        b.session.execute(
            select(Conflict.__table__).where(
                Conflict.id == conflict_id, Conflict.chain_id == b.chain_id
            )
        )
        .mappings()
        .first()
    )
    pending = next((c for c in b.conflicts if c["id"] == conflict_id), None)
    conflict = dict(row) if row else pending
    if conflict is None:
        raise Reject(codes.CONFLICT_UNKNOWN)
    if b.store.id not in json.loads(conflict["store_ids"]):
        raise Reject(codes.CONFLICT_NOT_YOURS)
    if conflict_id in b.resolved or conflict["status"] == "resolved":
        return Outcome("duplicate", "conflict.already_resolved")
    values = {
        "status": "resolved",
        "resolved_at": b.now,  # the centre's clock, not the counter's
        "resolved_by": str(body.get("staff_name") or env.staff_id or "")[:120],
        "resolution": reason,
    }
    conflict.update(values)
    if pending is not None:
        pending.update(values)
    else:
        b.resolved[conflict_id] = values
    b.publish_conflict(conflict)
    return Outcome()
