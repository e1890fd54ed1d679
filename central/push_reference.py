"""The handler for reference data a counter defines (gifts, coupon templates, events): stored
by the same upsert as the head office's own, so every counter of the chain pulls it.

A counter may define new items and change the ones its own store defined; head office's and
other stores' items are refused (`reference.not_yours`), so no counter can reprice the
chain's gifts or rewrite its events.
"""

import json
from collections.abc import Callable

from sqlalchemy import select, update

from central.admin import reference_code, upsert_reference
from central.errors import CentralError
from central.models import Reference
from central.push_batch import Batch
from central.push_types import Envelope, Outcome, Reject, _str
from services.protocol import codes
from services.rules.coupons import coupon_value_problem


def reference_from_counter(kind: str, id_field: str) -> Callable[[Batch, Envelope, dict], Outcome]:
    def handler(b: Batch, env: Envelope, body: dict) -> Outcome:
        item = {k: v for k, v in body.items() if k != id_field}
        item["id"] = _str(body, id_field)
        if kind == "event":
            item["store_id"] = b.store.id  # whatever the body says: the sender's store
            item["origin"] = "store"  # the store's managers may edit it at their counters
        if kind == "coupon_template" and (
            problem := coupon_value_problem(item.get("kind"), item.get("value"))
        ):
            raise Reject(problem)
        _refuse_unless_owned(b, kind, item)
        try:
            row_id = upsert_reference(b.session, b.changes, b.chain_id, kind, item, b.now)
        except CentralError as refused:
            raise Reject(refused.code) from refused
        b.session.execute(
            update(Reference)
            .where(Reference.id == row_id, Reference.store_id.is_(None))
            .values(store_id=b.store.id)
            .execution_options(synchronize_session=False)
        )
        return Outcome()

    return handler


def _refuse_unless_owned(b: Batch, kind: str, item: dict) -> None:
    try:
        code = reference_code(kind, item)
    except CentralError as missing:
        raise Reject(codes.OP_BAD_PAYLOAD, field=missing.params.get("field")) from missing
    row = b.session.execute(
        select(Reference.id, Reference.store_id, Reference.body).where(
            Reference.chain_id == b.chain_id, Reference.kind == kind, Reference.code == code
        )
    ).first()
    if row is None:
        taken = b.session.scalar(select(Reference.chain_id).where(Reference.id == item["id"]))
        if taken is not None:
            raise Reject(codes.REFERENCE_NOT_YOURS)  # the id is another item's (or chain's)
        return
    owner = row.store_id
    if owner is None and kind == "event":  # a store's event from before owners were kept
        body = json.loads(row.body)
        owner = body.get("store_id") if body.get("origin") == "store" else None
    if owner not in b.store_ids:
        raise Reject(codes.REFERENCE_NOT_YOURS)
