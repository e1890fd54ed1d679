"""`uow.door`: what a sign-in at the door reads and writes, as Core statements compiled once
and run on the unit of work's connection (the door's answer is a couple of milliseconds;
the ORM's query building alone was more than SQLite's work)."""

from datetime import datetime

from sqlalchemy import bindparam, func, insert, literal, null, select

from models.catalog import Event, Member
from models.counter import Counter, Store
from models.events import EventRegistration, EventSignIn, EventStaff
from models.points import PointsEntry, RuleVersion
from services.core.raw_sql import db_time
from services.core.repository import Repository, Statement

_event, _member, _reg = Event.__table__, Member.__table__, EventRegistration.__table__
_signin, _staff, _entry = EventSignIn.__table__, EventStaff.__table__, PointsEntry.__table__


_EVENT = Statement(
    select(
        _event.c.code,
        _event.c.starts_at,
        _event.c.ends_at,
        _event.c.signin_opens_at,
        _event.c.signin_closes_at,
        _event.c.capacity,
        _event.c.min_tier,
        _event.c.invitation_only,
        _event.c.attendance_points,
    ).where(_event.c.id == bindparam("event_id"))
)
_MEMBER = Statement(
    select(
        _member.c.id,
        _member.c.name,
        _member.c.member_no,
        _member.c.tier,
        _member.c.active,
        _member.c.card_serial,
    ).where(_member.c.id == bindparam("member_id"))
)
_MEMBER_REGISTRATION = Statement(
    select(_reg.c.id).where(
        _reg.c.event_id == bindparam("event_id"), _reg.c.member_id == bindparam("member_id")
    )
)
_TICKET = Statement(
    select(
        _reg.c.id,
        _reg.c.event_id,
        _reg.c.member_id,
        _reg.c.guest_name,
        _member.c.name,
        _member.c.member_no,
        _member.c.tier,
        _member.c.active,
        _event.c.name,
    )
    .select_from(_reg)
    .join(_event, _event.c.id == _reg.c.event_id)
    .outerjoin(_member, _member.c.id == _reg.c.member_id)
    .where(_reg.c.code == bindparam("code"))
)
_STANDING = (_signin.c.id, _signin.c.at, _signin.c.counter_label)
_STANDING_MEMBER = Statement(
    select(*_STANDING).where(
        _signin.c.event_id == bindparam("event_id"),
        _signin.c.member_id == bindparam("member_id"),
        _signin.c.undone_at.is_(None),
    )
)
_STANDING_REGISTRATION = Statement(
    select(*_STANDING).where(
        _signin.c.event_id == bindparam("event_id"),
        _signin.c.registration_id == bindparam("registration_id"),
        _signin.c.undone_at.is_(None),
    )
)
_COUNT = Statement(
    select(func.count())
    .select_from(_signin)
    .where(_signin.c.event_id == bindparam("event_id"), _signin.c.undone_at.is_(None))
)
_BY_NONCE = Statement(
    select(
        _signin.c.id,
        _signin.c.event_id,
        _signin.c.member_id,
        _signin.c.registration_id,
        _signin.c.at,
        _signin.c.counter_label,
        _signin.c.points_entry_id,
        _signin.c.method,
        _signin.c.override_reason,
    ).where(_signin.c.nonce == bindparam("nonce"))
)
_ASSIGNED = Statement(
    select(
        func.count(),
        func.coalesce(func.sum(_staff.c.staff_id == bindparam("staff_id")), 0),
    ).where(_staff.c.event_id == bindparam("event_id"))
)
_LABEL = Statement(
    select(Counter.__table__.c.label).where(Counter.__table__.c.id == bindparam("device_id"))
)
_POINTS = Statement(select(_entry.c.delta).where(_entry.c.id == bindparam("entry_id")))
_GUEST = Statement(select(_reg.c.guest_name).where(_reg.c.id == bindparam("registration_id")))
_RULES_AND_ZONE = Statement(
    select(
        select(func.max(RuleVersion.__table__.c.version)).scalar_subquery(),
        Store.__table__.c.timezone,
    ).limit(1)
)
_SIGNIN_COLUMNS = (
    "id",
    "event_id",
    "registration_id",
    "member_id",
    "nonce",
    "method",
    "device_id",
    "counter_label",
    "staff_id",
    "at",
    "points_entry_id",
    "override_reason",
    "approved_by",
)
_INSERT_SIGNIN = Statement(insert(_signin).values({c: bindparam(c) for c in _SIGNIN_COLUMNS}))
_INSERT_WALK_IN = Statement(
    insert(_reg).values(
        id=bindparam("id"),
        event_id=bindparam("event_id"),
        member_id=bindparam("member_id"),
        guest_name=null(),
        guest_mobile=null(),
        code=bindparam("code"),
        kind=literal("walk_in"),
        staff_id=bindparam("staff_id"),
        device_id=bindparam("device_id"),
        created_at=bindparam("created_at"),
    )
)


class DoorStore(Repository):
    """Rows come back as SQLite keeps them (times as stored text: `from_db_time`)."""

    def event(self, event_id: str) -> tuple | None:
        return self.one(_EVENT, event_id=event_id)

    def by_nonce(self, nonce: str) -> tuple | None:
        return self.one(_BY_NONCE, nonce=nonce)

    def staff_listed(self, event_id: str, staff_id: str | None) -> tuple[int, int]:
        """(staff listed for the event, of whom this one)."""
        return self.one(_ASSIGNED, event_id=event_id, staff_id=staff_id)

    def member(self, member_id: str) -> tuple | None:
        return self.one(_MEMBER, member_id=member_id)

    def member_registration(self, event_id: str, member_id: str) -> str | None:
        row = self.one(_MEMBER_REGISTRATION, event_id=event_id, member_id=member_id)
        return row[0] if row else None

    def ticket(self, code: str) -> tuple | None:
        return self.one(_TICKET, code=code)

    def standing(
        self, event_id: str, member_id: str | None, registration_id: str | None
    ) -> tuple | None:
        """The attendee's sign-in not undone: by member if a member, else by registration."""
        if member_id:
            return self.one(_STANDING_MEMBER, event_id=event_id, member_id=member_id)
        return self.one(_STANDING_REGISTRATION, event_id=event_id, registration_id=registration_id)

    def signed_in(self, event_id: str) -> int:
        return self.one(_COUNT, event_id=event_id)[0]

    def counter_label(self, device_id: str) -> str:
        row = self.one(_LABEL, device_id=device_id)
        return row[0] if row else ""

    def points_of(self, entry_id: str) -> int:
        return self.one(_POINTS, entry_id=entry_id)[0]

    def guest_name(self, registration_id: str) -> str:
        return self.one(_GUEST, registration_id=registration_id)[0]

    def newest_rules_and_timezone(self) -> tuple[int | None, str]:
        """The newest rule version and the store's time zone in one small query (what
        rules_in would find, without parsing the rule set a credit does not need)."""
        return self.one(_RULES_AND_ZONE)

    def add_signin(self, **values) -> None:
        values["at"] = db_time(values["at"])
        self.run(_INSERT_SIGNIN, **values)

    def add_walk_in(
        self, registration_id: str, event_id: str, member_id: str, code: str, actor, now: datetime
    ) -> None:
        self.run(
            _INSERT_WALK_IN,
            id=registration_id,
            event_id=event_id,
            member_id=member_id,
            code=code,
            staff_id=actor.staff_id,
            device_id=actor.device_id,
            created_at=db_time(now),
        )
