"""Events at the door: who may sign people in, registrations, sign-ins and lucky draws.

A sign-in is history: it is never deleted and never changes, except that a manager's undo
fills its `undone_*` columns once (triggers in migration 0006). At most one sign-in per
member (and per registration) stands at a time: partial unique indexes enforce it, so
two scans racing on one counter can never both admit. Draws are append-only: their seed
and entrant list are kept so anyone can re-run them and get the same winners.
"""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, Name, Timestamp, UTCDateTime, UUIDPk, UUIDRef

REGISTRATION_KINDS = ("invited", "walk_in")
SIGNIN_METHODS = ("member_qr", "ticket", "walk_in")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")"


class EventStaff(Base):
    """The staff who may sign people in at an event; none listed: anyone whose role may."""

    __tablename__ = "event_staff"

    event_id: Mapped[str] = mapped_column(ForeignKey("event.id"), primary_key=True)
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id"), primary_key=True)


class EventRegistration(Base):
    """A pre-registered attendee (a member or a guest) and the secret their ticket carries."""

    __tablename__ = "event_registration"
    __table_args__ = (
        UniqueConstraint("event_id", "member_id", name="uq_event_registration_event_member"),
        CheckConstraint("member_id IS NOT NULL OR guest_name IS NOT NULL", name="who"),
        CheckConstraint(_in("kind", REGISTRATION_KINDS), name="kind"),
    )

    id: Mapped[UUIDPk]
    event_id: Mapped[UUIDRef] = mapped_column(ForeignKey("event.id"))
    member_id: Mapped[str | None] = mapped_column(ForeignKey("member.id"))
    guest_name: Mapped[str | None] = mapped_column(String(120))
    guest_mobile: Mapped[str | None] = mapped_column(String(11))
    # Upper case in the layout-safe alphabet (common.codec); read case-insensitively.
    code: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    staff_id: Mapped[str | None] = mapped_column(String(36))
    device_id: Mapped[UUIDRef]
    created_at: Mapped[Timestamp]


class EventSignIn(Base):
    __tablename__ = "event_signin"
    __table_args__ = (
        CheckConstraint("member_id IS NOT NULL OR registration_id IS NOT NULL", name="who"),
        CheckConstraint(_in("method", SIGNIN_METHODS), name="method"),
        # One standing sign-in per member and per registration; an undone one steps aside.
        Index(
            "uq_event_signin_member",
            "event_id",
            "member_id",
            unique=True,
            sqlite_where="member_id IS NOT NULL AND undone_at IS NULL",
        ),
        Index(
            "uq_event_signin_registration",
            "event_id",
            "registration_id",
            unique=True,
            sqlite_where="registration_id IS NOT NULL AND undone_at IS NULL",
        ),
        # The door's count (covering: no table lookups) and the last scans.
        Index("ix_event_signin_active", "event_id", "undone_at"),
        Index("ix_event_signin_event_at", "event_id", "at"),
    )

    id: Mapped[UUIDPk]
    event_id: Mapped[UUIDRef] = mapped_column(ForeignKey("event.id"))
    registration_id: Mapped[str | None] = mapped_column(ForeignKey("event_registration.id"))
    member_id: Mapped[str | None] = mapped_column(ForeignKey("member.id"))
    # Made by the counter for each scan: a retried call or upload with it changes nothing.
    nonce: Mapped[str] = mapped_column(String(64), unique=True)
    method: Mapped[str] = mapped_column(String(16))
    device_id: Mapped[UUIDRef]
    counter_label: Mapped[Name]
    staff_id: Mapped[str | None] = mapped_column(String(36))
    at: Mapped[Timestamp]
    points_entry_id: Mapped[str | None] = mapped_column(String(36))
    override_reason: Mapped[str | None] = mapped_column(String(200))
    approved_by: Mapped[str | None] = mapped_column(String(36))
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    undone_by: Mapped[str | None] = mapped_column(String(36))
    undo_reason: Mapped[str | None] = mapped_column(String(200))


class EventDraw(Base):
    """One round of a lucky draw: enough to re-run it and get the same winners."""

    __tablename__ = "event_draw"
    __table_args__ = (
        UniqueConstraint("event_id", "round", name="uq_event_draw_event_round"),
        CheckConstraint("round >= 1", name="round"),
    )

    id: Mapped[UUIDPk]
    event_id: Mapped[UUIDRef] = mapped_column(ForeignKey("event.id"))
    round: Mapped[int] = mapped_column(Integer)
    prize: Mapped[Name]
    seed: Mapped[str] = mapped_column(String(64))
    entrants: Mapped[str] = mapped_column(Text)  # canonical JSON list of attendee keys
    entrants_hash: Mapped[str] = mapped_column(String(64))
    winners: Mapped[str] = mapped_column(Text)  # canonical JSON list, in drawing order
    staff_id: Mapped[str | None] = mapped_column(String(36))
    device_id: Mapped[UUIDRef]
    at: Mapped[Timestamp]
