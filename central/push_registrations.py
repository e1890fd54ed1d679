"""The event registrations one push batch works on: loaded once, looked up by id, by ticket
code and by (event, member), and the new ones written back in one insert.

Pending registrations are remembered with the loaded ones, so a later operation of the same
batch sees an earlier one's ticket. The `Batch` holds one of these; it lives apart from the
event handlers because they import the `Batch`, and the `Batch` imports this.
"""

from sqlalchemy import insert, or_, select, tuple_
from sqlalchemy.orm import Session

from central.admin_events import events_by_id, registration_body
from central.feed import PendingChanges
from central.models import EventRegistration
from central.push_types import Envelope


class Registrations:
    """A batch's event registrations and the events they are for."""

    def __init__(self, session: Session, chain_id: str, changes: PendingChanges) -> None:
        self.session = session
        self.chain_id = chain_id
        self.changes = changes
        self.by_id: dict[str, dict | None] = {}
        self.by_code: dict[str, str | None] = {}
        self.by_member: dict[tuple[str, str], str | None] = {}
        self.new_rows: list[dict] = []
        self.events: dict[str, dict] = {}

    def preload(self, payloads: list[tuple[Envelope, dict]]) -> None:
        bodies = [body for env, body in payloads if env.op_type == "event.register"]
        ids = {b["registration_id"] for b in bodies if isinstance(b.get("registration_id"), str)}
        codes = {b["code"] for b in bodies if isinstance(b.get("code"), str)}
        pairs = {
            (b["event_id"], b["member_id"])
            for b in bodies
            if isinstance(b.get("event_id"), str) and isinstance(b.get("member_id"), str)
        }
        if ids or codes or pairs:
            self._load(ids, codes, pairs)
        event_ids = {b["event_id"] for b in bodies if isinstance(b.get("event_id"), str)}
        self.events.update(events_by_id(self.session, self.chain_id, event_ids))

    def _load(self, ids: set[str], codes: set[str], pairs: set[tuple[str, str]]) -> None:
        table = EventRegistration.__table__
        wanted = []
        if ids:
            wanted.append(table.c.id.in_(sorted(ids)))
        if codes:
            wanted.append(table.c.code.in_(sorted(codes)))
        if pairs:
            wanted.append(tuple_(table.c.event_id, table.c.member_id).in_(sorted(pairs)))
        rows = self.session.execute(
            select(table).where(table.c.chain_id == self.chain_id, or_(*wanted))
        ).mappings()
        for row in rows:
            self._remember(dict(row))
        for reg_id in ids:
            self.by_id.setdefault(reg_id, None)
        for code in codes:
            self.by_code.setdefault(code, None)
        for pair in pairs:
            self.by_member.setdefault(pair, None)

    def _remember(self, row: dict) -> None:
        self.by_id[row["id"]] = row
        self.by_code[row["code"]] = row["id"]
        if row["member_id"] is not None:
            self.by_member[(row["event_id"], row["member_id"])] = row["id"]

    def find(self, reg_id: str) -> dict | None:
        if reg_id not in self.by_id:
            self._load({reg_id}, set(), set())
        return self.by_id[reg_id]

    def find_by_code(self, code: str) -> dict | None:
        if code not in self.by_code:
            self._load(set(), {code}, set())
        reg_id = self.by_code[code]
        return None if reg_id is None else self.by_id[reg_id]

    def find_for_member(self, event_id: str, member_id: str) -> dict | None:
        if (event_id, member_id) not in self.by_member:
            self._load(set(), set(), {(event_id, member_id)})
        reg_id = self.by_member[(event_id, member_id)]
        return None if reg_id is None else self.by_id[reg_id]

    def find_event(self, event_id: str) -> dict | None:
        # Not remembered when missing: an `event.create` earlier in the batch adds it.
        if event_id not in self.events:
            self.events.update(events_by_id(self.session, self.chain_id, [event_id]))
        return self.events.get(event_id)

    def add(self, row: dict, store_id: str | None) -> None:
        """A new registration, sent to the event's store (None: the whole chain)."""
        self._remember(row)
        self.new_rows.append(row)
        self.changes.add("event_registration", row["id"], registration_body(row), store_id)

    def write(self) -> None:
        if self.new_rows:
            self.session.execute(insert(EventRegistration), self.new_rows)
