"""Reference data head office loads (gifts, coupon templates, events, rule sets) and what
the stores keep of it: gift stock, event registrations and sign-ins.
"""

from sqlalchemy import (
    BigInteger,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from central.models_base import Base, Id, When


class EventSignIn(Base):
    """One attendee at one event, however often scanned: `attendee` is "m:<member id>" for
    a member and "r:<registration id>" for a guest (the counter's Attendee.key)."""

    __tablename__ = "event_signin"
    __table_args__ = (Index("ix_event_signin_member", "member_id"),)  # a member's page

    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    attendee: Mapped[str] = mapped_column(String(40), primary_key=True)
    member_id: Mapped[str | None] = mapped_column(String(36))
    registration_id: Mapped[str | None] = mapped_column(String(36))
    first_op_id: Mapped[str] = mapped_column(String(36))
    store_id: Mapped[str] = mapped_column(String(36))
    at: Mapped[When]
    scans: Mapped[int] = mapped_column(Integer, default=1)


class EventRegistration(Base):
    """A ticket for an event: made at a counter (`event.register`) or imported here. The code
    is the ticket's secret; every counter of the event's store learns it by pull."""

    __tablename__ = "event_registration"
    __table_args__ = (
        UniqueConstraint("chain_id", "code", name="uq_event_registration_chain_code"),
        # NULLs are distinct: any number of guests, one registration per member.
        UniqueConstraint(
            "chain_id", "event_id", "member_id", name="uq_event_registration_chain_event_member"
        ),
    )

    id: Mapped[Id]
    chain_id: Mapped[str] = mapped_column(String(36))
    event_id: Mapped[str] = mapped_column(String(36))
    member_id: Mapped[str | None] = mapped_column(String(36))
    guest_name: Mapped[str | None] = mapped_column(String(120))
    guest_mobile: Mapped[str | None] = mapped_column(String(11))
    code: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(16))  # invited, walk_in
    store_id: Mapped[str | None] = mapped_column(String(36))
    device_id: Mapped[str | None] = mapped_column(String(36))  # None: imported at the centre
    op_id: Mapped[str | None] = mapped_column(String(36))
    created_at: Mapped[When]


class GiftStock(Base):
    __tablename__ = "gift_stock"

    store_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    gift_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    on_hand: Mapped[int] = mapped_column(BigInteger, default=0)


class Reference(Base):
    """Reference data a chain sends its counters: gifts, coupon templates, events, rules."""

    __tablename__ = "reference"
    __table_args__ = (UniqueConstraint("chain_id", "kind", "code", name="uq_reference_code"),)

    id: Mapped[Id]
    chain_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(32))  # gift, coupon_template, event, rules
    code: Mapped[str] = mapped_column(String(64))
    body: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[When]
    # The store whose counter defined it, which alone may change it from a counter; None:
    # head office's, changed only at the centre.
    store_id: Mapped[str | None] = mapped_column(String(36))
