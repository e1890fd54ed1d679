"""Event registrations at the centre: what the push and the CSV import share (the change a
counter pulls, the store it is sent to, the attendee a sign-in is merged on), and
`python -m central import-registrations EVENT_CODE FILE.csv`.

A registration is sent to the counters of the event's store when the event belongs to one
store (the only door it can be used at), and to the whole chain otherwise.
"""

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from central.admin import chain_by_name
from central.errors import CentralError
from central.feed import PendingChanges, flush_changes
from central.ids import new_id
from central.models import EventRegistration, Member, Reference, Store, StoreAlias
from services.protocol import codes as error_codes
from services.rules.events import new_ticket_code, normalize_ticket
from services.rules.text import MAX_NAME_LENGTH, clean_text, normalize_mobile

REGISTRATION_KINDS = ("invited", "walk_in")
CHANGE_KIND = "event_registration"


# shared with the push -------------------------------------------------------------------


def attendee_key(member_id: Any, registration_id: Any) -> str:
    """What a sign-in is merged on, with its event: the member, else the guest's
    registration (the counter's Attendee.key)."""
    return f"m:{member_id}" if member_id is not None else f"r:{registration_id}"


def ticket_code_ok(code: str) -> bool:
    """A ticket code as the counter makes it: canonical, in the layout-safe alphabet."""
    return normalize_ticket(code) == code


def registration_body(row: dict) -> dict:
    """The `event_registration` change a counter applies."""
    return {
        "id": row["id"],
        "event_id": row["event_id"],
        "member_id": row["member_id"],
        "guest_name": row["guest_name"],
        "guest_mobile": row["guest_mobile"],
        "code": row["code"],
        "kind": row["kind"],
        "device_id": row["device_id"],
        "at": row["created_at"].isoformat(),
    }


def events_by_id(session: Session, chain_id: str, event_ids: Iterable[str]) -> dict[str, dict]:
    """The chain's events among `event_ids`: {id: {"id", "code", "store_id"}}, where
    store_id is the store the event belongs to (None: chain-wide)."""
    ids = sorted(set(event_ids))
    if not ids:
        return {}
    rows = session.execute(
        select(Reference.id, Reference.code, Reference.body).where(
            Reference.chain_id == chain_id, Reference.kind == "event", Reference.id.in_(ids)
        )
    ).all()
    return {r.id: _event(session, chain_id, r.id, r.code, r.body) for r in rows}


def _event(session: Session, chain_id: str, event_id: str, code: str, body: str) -> dict:
    store = json.loads(body).get("store_id")
    return {"id": event_id, "code": code, "store_id": _chain_store(session, chain_id, store)}


def _chain_store(session: Session, chain_id: str, store_id: Any) -> str | None:
    """The chain's store named by `store_id` (its own id or a counter's alias), else None."""
    if not isinstance(store_id, str) or not store_id:
        return None
    found = session.scalar(select(Store.id).where(Store.id == store_id, Store.chain_id == chain_id))
    if found is None:
        found = session.scalar(
            select(Store.id)
            .join(StoreAlias, StoreAlias.store_id == Store.id)
            .where(StoreAlias.alias_id == store_id, Store.chain_id == chain_id)
        )
    return found


# the CSV import ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportReport:
    imported: int
    skipped: int  # already registered (in the database or earlier in the file)


@dataclass(frozen=True)
class RegistrationLine:
    line: int
    member_no: str
    guest_name: str
    guest_mobile: str


def read_registrations_csv(path: Path) -> list[RegistrationLine]:
    """The file's rows with their line numbers; UTF-8 with or without a BOM; columns
    `member_no` or `guest_name` (and optional `guest_mobile`), in any order."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        try:
            return list(_lines(reader))
        except UnicodeDecodeError as exc:
            # Decoded in blocks ahead of the reader: no line number to name.
            raise CentralError(error_codes.REGISTRATION_NOT_UTF8, 400, file=path.name) from exc


def _lines(reader: csv.DictReader) -> Iterator[RegistrationLine]:
    header = [(name or "").strip().lower() for name in reader.fieldnames or []]
    if not {"member_no", "guest_name"} & set(header):
        raise CentralError(
            error_codes.REGISTRATION_BAD_HEADER, 400, line=1, expected="member_no|guest_name"
        )
    reader.fieldnames = header
    for raw in reader:
        values = {k: (v or "").strip() for k, v in raw.items() if isinstance(k, str)}
        if not any(values.values()):
            continue  # an empty line in a spreadsheet's export
        yield RegistrationLine(
            reader.line_num,
            values.get("member_no", ""),
            values.get("guest_name", ""),
            values.get("guest_mobile", ""),
        )


def import_registrations(
    session: Session, chain_name: str, event_code: str, lines: list[RegistrationLine], now: datetime
) -> ImportReport:
    """Registers every line for the event, or nothing: the first bad line is refused with
    its number. Each new registration gets a ticket code and goes into the feed."""
    chain = chain_by_name(session, chain_name, now)
    event = _event_by_code(session, chain.id, event_code)
    members = _members_by_no(session, chain.id, {x.member_no for x in lines if x.member_no})
    taken_members, taken_guests = _registered(session, chain.id, event["id"])
    rows, skipped = [], 0
    for line in lines:
        row = _row_for(line, members, chain.id, event, now)
        member_id, guest = row["member_id"], (row["guest_name"], row["guest_mobile"])
        taken = member_id in taken_members if member_id else guest in taken_guests
        if taken:
            skipped += 1  # an import run twice registers nobody twice
            continue
        if member_id:
            taken_members.add(member_id)
        else:
            taken_guests.add(guest)
        rows.append(row)
    _give_codes(session, chain.id, rows)
    if rows:
        session.execute(insert(EventRegistration), rows)
        pending = PendingChanges(chain.id)
        for row in rows:
            pending.add(CHANGE_KIND, row["id"], registration_body(row), store_id=row["store_id"])
        flush_changes(session, pending)
    return ImportReport(len(rows), skipped)


def _event_by_code(session: Session, chain_id: str, code: str) -> dict:
    """Case-insensitively (a counter upper-cases its codes; a loaded file may not); an exact
    match first."""
    code = code.strip()
    rows = session.execute(
        select(Reference.id, Reference.code, Reference.body).where(
            Reference.chain_id == chain_id,
            Reference.kind == "event",
            func.upper(Reference.code) == code.upper(),
        )
    ).all()
    rows.sort(key=lambda r: r.code != code)
    if not rows:
        raise CentralError(error_codes.EVENT_NOT_FOUND, 404, event_code=code)
    return _event(session, chain_id, rows[0].id, rows[0].code, rows[0].body)


def _members_by_no(session: Session, chain_id: str, numbers: set[str]) -> dict[str, list]:
    found: dict[str, list] = {}
    ordered = sorted(numbers)
    for start in range(0, len(ordered), 1000):
        rows = session.execute(
            select(Member.id, Member.member_no, Member.active).where(
                Member.chain_id == chain_id, Member.member_no.in_(ordered[start : start + 1000])
            )
        )
        for row in rows:
            found.setdefault(row.member_no, []).append(row)
    return found


def _registered(
    session: Session, chain_id: str, event_id: str
) -> tuple[set[str], set[tuple[str, str | None]]]:
    rows = session.execute(
        select(
            EventRegistration.member_id,
            EventRegistration.guest_name,
            EventRegistration.guest_mobile,
        ).where(EventRegistration.chain_id == chain_id, EventRegistration.event_id == event_id)
    ).all()
    members = {r.member_id for r in rows if r.member_id is not None}
    guests = {(r.guest_name, r.guest_mobile) for r in rows if r.member_id is None}
    return members, guests


def _row_for(
    line: RegistrationLine, members: dict, chain_id: str, event: dict, now: datetime
) -> dict:
    member_id, guest_name, guest_mobile = None, None, None
    if line.member_no and (line.guest_name or line.guest_mobile):
        raise CentralError(
            error_codes.REGISTRATION_BAD_ROW,
            400,
            line=line.line,
            problem="member_no and guest both given",
        )
    if line.member_no:
        member_id = _member_id(line, members)
    elif line.guest_name:
        guest_name = clean_text(line.guest_name)
        if not guest_name or len(guest_name) > MAX_NAME_LENGTH:
            raise CentralError(
                error_codes.REGISTRATION_BAD_ROW, 400, line=line.line, problem="guest_name"
            )
        if line.guest_mobile:
            guest_mobile = normalize_mobile(line.guest_mobile)
            if guest_mobile is None:
                raise CentralError(
                    error_codes.REGISTRATION_BAD_MOBILE,
                    400,
                    line=line.line,
                    mobile=line.guest_mobile,
                )
    else:
        raise CentralError(
            error_codes.REGISTRATION_BAD_ROW,
            400,
            line=line.line,
            problem="neither member_no nor guest_name",
        )
    return {
        "id": new_id(),
        "chain_id": chain_id,
        "event_id": event["id"],
        "member_id": member_id,
        "guest_name": guest_name,
        "guest_mobile": guest_mobile,
        "code": "",
        "kind": "invited",
        "store_id": event["store_id"],
        "device_id": None,
        "op_id": None,
        "created_at": now,
    }


def _member_id(line: RegistrationLine, members: dict) -> str:
    found = members.get(line.member_no, [])
    if not found:
        raise CentralError(
            error_codes.REGISTRATION_UNKNOWN_MEMBER, 400, line=line.line, member_no=line.member_no
        )
    if len(found) > 1:
        raise CentralError(
            error_codes.REGISTRATION_BAD_ROW,
            400,
            line=line.line,
            problem="member_no held by several",
        )
    if not found[0].active:
        raise CentralError(
            error_codes.REGISTRATION_INACTIVE_MEMBER, 400, line=line.line, member_no=line.member_no
        )
    return found[0].id


def _give_codes(session: Session, chain_id: str, rows: list[dict]) -> None:
    """The counter's own ticket generator: 80 random bits, and still checked for clashes."""
    used: set[str] = set()
    waiting = rows
    for _attempt in range(5):
        for row in waiting:
            row["code"] = _unused_code(used)
        taken = _taken_codes(session, chain_id, [row["code"] for row in waiting])
        waiting = [row for row in waiting if row["code"] in taken]
        if not waiting:
            return
    raise CentralError(error_codes.REGISTRATION_CODE_CLASH, 500)


def _unused_code(used: set[str]) -> str:
    code = new_ticket_code()
    while code in used:
        code = new_ticket_code()
    used.add(code)
    return code


def _taken_codes(session: Session, chain_id: str, codes: list[str]) -> set[str]:
    taken: set[str] = set()
    for start in range(0, len(codes), 1000):
        taken |= set(
            session.scalars(
                select(EventRegistration.code).where(
                    EventRegistration.chain_id == chain_id,
                    EventRegistration.code.in_(codes[start : start + 1000]),
                )
            )
        )
    return taken


# the console's upload ----------------------------------------------------------------------


def registration_lines(text: str) -> list[RegistrationLine]:
    """The rows of a CSV already decoded (the console decodes an upload first)."""
    return list(_lines(csv.DictReader(io.StringIO(text, newline=""))))


@dataclass(frozen=True)
class LineProblem:
    line: int
    code: str
    params: dict


def line_problems(
    session: Session, chain_name: str, event_code: str, lines: list[RegistrationLine], now
) -> list[LineProblem]:
    """Every line `import_registrations` would refuse, each with its reason (it stops at the
    first): the console lists them all, and imports nothing while there are any."""
    chain = chain_by_name(session, chain_name, now)
    event = _event_by_code(session, chain.id, event_code)
    members = _members_by_no(session, chain.id, {x.member_no for x in lines if x.member_no})
    problems = []
    for line in lines:
        try:
            _row_for(line, members, chain.id, event, now)
        except CentralError as refused:
            params = {k: v for k, v in refused.params.items() if k != "line"}
            problems.append(LineProblem(line.line, refused.code, params))
    return problems
