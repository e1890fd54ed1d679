"""The handler for reference data a counter defines (gifts, coupon templates, events): stored
by the same upsert as the head office's own, so every counter of the chain pulls it.

Kept apart from the per-domain handlers because one handler serves all three kinds.
"""

from collections.abc import Callable

from central.admin import upsert_reference
from central.push_batch import Batch
from central.push_types import Envelope, Outcome, _str


def reference_from_counter(kind: str, id_field: str) -> Callable[[Batch, Envelope, dict], Outcome]:
    def handler(b: Batch, env: Envelope, body: dict) -> Outcome:
        item = {k: v for k, v in body.items() if k != id_field}
        item["id"] = _str(body, id_field)
        if kind == "event":
            item.setdefault("store_id", b.store.id)
            item["origin"] = "store"  # the store's managers may edit it at their counters
        upsert_reference(b.session, b.changes, b.chain_id, kind, item, b.now)
        return Outcome()

    return handler
