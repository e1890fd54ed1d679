"""The change feed counters pull: one row per change, numbered per chain.

Numbers are taken from the chain row at the end of a transaction (`UPDATE ... RETURNING`),
which locks that row until commit: on PostgreSQL a later number can then never become
visible before an earlier one, so a counter's cursor never skips a change.
"""

from dataclasses import dataclass, field

import orjson
from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from central.bulk import insert_rows
from central.models import Chain, Change
from central.signing import centre_key
from common.canonical import canonical_json
from services.protocol import validate_change
from services.rules.change_signature import as_received, change_message, must_be_signed


@dataclass
class PendingChanges:
    """Changes made in the current transaction, written with their numbers by `flush_changes`."""

    chain_id: str
    rows: dict[tuple[str | None, str, str], dict] = field(default_factory=dict)

    def add(self, kind: str, key: str, body: dict, store_id: str | None = None) -> None:
        # Whatever the centre publishes, every counter can apply: a body its change schema
        # refuses is a bug here, stopped where it is made (ProtocolError, a ValueError).
        validate_change(kind, body)
        # The latest body for a key wins inside one transaction: counters need the end state.
        self.rows.pop((store_id, kind, key), None)
        self.rows[(store_id, kind, key)] = body


def flush_changes(session: Session, pending: PendingChanges) -> None:
    if not pending.rows:
        return
    count = len(pending.rows)
    last = session.execute(
        update(Chain)
        .where(Chain.id == pending.chain_id)
        .values(change_seq=Chain.change_seq + count)
        .returning(Chain.change_seq)
    ).scalar_one()
    first = last - count + 1
    rows = [
        {
            "chain_id": pending.chain_id,
            "seq": first + i,
            "store_id": store_id,
            "kind": kind,
            "key": key,
            "body": body_text(kind, body),
            "sig": None,
        }
        for i, ((store_id, kind, key), body) in enumerate(pending.rows.items())
    ]
    _sign(session, rows)
    insert_rows(session, Change.__table__, rows)
    pending.rows.clear()


# Kinds whose bodies hold only text, integers, booleans and None (their change schemas say
# so, and `add` checks each body against its schema): their canonical text is what orjson
# writes with sorted keys, at a tenth of the cost. A float, the one value the two write
# differently, cannot be in them.
ORJSON_KINDS = frozenset({"member"})


def body_text(kind: str, body: dict) -> str:
    """A change body's canonical JSON (common.canonical): a batch of earns publishes a
    thousand member bodies, and the standard encoder took a fifth of the batch's write."""
    if kind in ORJSON_KINDS:
        try:
            return orjson.dumps(body, option=orjson.OPT_SORT_KEYS).decode("utf-8")
        except TypeError:  # an integer past 64 bits: the standard encoder writes it
            pass
    return canonical_json(body)


def _sign(session: Session, rows: list[dict]) -> None:
    """Each change that decides trust at a counter gets the centre's signature over its
    chain, number, kind, key and body (services.rules.change_signature); members do not."""
    trusted = [row for row in rows if must_be_signed(row["kind"])]
    if not trusted:
        return
    key = centre_key(session)
    for row in trusted:
        body = as_received(row["body"])
        message = change_message(row["chain_id"], row["seq"], row["kind"], row["key"], body)
        row["sig"] = key.sign(message)


def changes_after(
    session: Session, chain_id: str, store_id: str, cursor: int, limit: int
) -> tuple[list[dict], int, bool]:
    """(changes, new cursor, more) for one store of a chain.

    Read in windows of sequence numbers rather than "the next `limit` rows after the cursor
    for this store": each window is a bounded range of the primary key, so no query plan
    (stale statistics after a bulk import made PostgreSQL sort the whole rest of the feed
    for every page) can cost more than the page itself. Numbers are dense per chain and
    committed in order, so the cursor can move to the end of what was scanned, past other
    stores' rows."""
    end = _visible_end(session, chain_id, cursor)
    rows: list = []
    scanned = cursor
    budget = limit * SCAN_WINDOWS
    while len(rows) < limit and scanned < end and scanned - cursor < budget:
        high = min(scanned + limit - len(rows), end)
        rows += session.execute(
            select(Change.seq, Change.kind, Change.key, Change.body, Change.sig)
            .where(
                Change.chain_id == chain_id,
                Change.seq > scanned,
                Change.seq <= high,
                or_(Change.store_id.is_(None), Change.store_id == store_id),
            )
            .order_by(Change.seq)
        ).all()
        scanned = high
    changes = [
        {"seq": r.seq, "kind": r.kind, "key": r.key, "body": r.body, "sig": r.sig} for r in rows
    ]
    return changes, scanned, scanned < end


# How far past the cursor one page may look for this store's rows among other stores'.
SCAN_WINDOWS = 20


def _visible_end(session: Session, chain_id: str, cursor: int) -> int:
    # Only numbers already committed are visible, and numbers are committed in order.
    last = session.scalar(
        select(Change.seq).where(Change.chain_id == chain_id).order_by(Change.seq.desc()).limit(1)
    )
    return max(last or 0, cursor)
