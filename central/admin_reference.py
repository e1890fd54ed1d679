"""Reference data head office loads: gifts, coupon templates, events and rule sets."""

import json
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.chains import chain_by_name
from central.errors import CentralError
from central.feed import PendingChanges, flush_changes
from central.ids import new_id
from central.models import Reference
from common.canonical import refuse_floats
from services.protocol import ProtocolError, validate_change
from services.protocol import codes as error_codes

REFERENCE_KINDS = ("gift", "coupon_template", "event", "rules")


def load_reference(
    session: Session, chain_name: str, kind: str, items: list[dict], now: datetime
) -> int:
    """Gifts (key `sku`), coupon templates (`code`), events (`code`) or rule sets (`version`)
    from a list of JSON objects; each new or changed one goes into the feed."""
    if kind not in REFERENCE_KINDS:
        raise CentralError(error_codes.REFERENCE_BAD_KIND, 400, kind=kind)
    chain = chain_by_name(session, chain_name, now)
    pending = PendingChanges(chain.id)
    for item in items:
        upsert_reference(session, pending, chain.id, kind, item, now)
    flush_changes(session, pending)
    return len(items)


def reference_code(kind: str, item: dict) -> str:
    field = {"gift": "sku", "rules": "version"}.get(kind, "code")
    if item.get(field) in (None, ""):
        raise CentralError(error_codes.REFERENCE_MISSING_KEY, 400, field=field)
    return str(item[field])


def upsert_reference(
    session: Session, pending: PendingChanges, chain_id: str, kind: str, item: dict, now
) -> str:
    try:
        refuse_floats(item)
    except TypeError:
        raise CentralError(error_codes.REFERENCE_FLOAT, 400) from None
    item = dict(item)
    item.setdefault("id", new_id())
    # Checked as the change every counter will apply, before any query: a body a counter
    # would refuse (an event without a place) or the database cannot hold is never stored.
    check_body(kind, item, "reference.invalid")
    code = reference_code(kind, item)
    row = session.scalar(
        select(Reference).where(
            Reference.chain_id == chain_id, Reference.kind == kind, Reference.code == code
        )
    )
    if row is None:
        row = Reference(
            id=item["id"], chain_id=chain_id, kind=kind, code=code, body="", updated_at=now
        )
        session.add(row)
    item["id"] = row.id
    body = json.dumps(item, sort_keys=True, ensure_ascii=False)
    if row.body != body:
        row.body = body
        row.updated_at = now
        pending.add(kind, code, item)
    session.flush()
    return row.id


def rule_set_body(session: Session, chain_id: str, version: int) -> dict | None:
    body = session.scalar(
        select(Reference.body).where(
            Reference.chain_id == chain_id,
            Reference.kind == "rules",
            Reference.code == str(version),
        )
    )
    return None if body is None else json.loads(body)


def check_body(kind: str, body: dict, code: str) -> None:
    """Refuses a body the counters would refuse as this kind's change."""
    try:
        validate_change(kind, body)
    except ProtocolError as refused:
        raise CentralError(code, 400, field=refused.field, problem=refused.detail) from None
