"""Visits: each check-in of a member at a counter."""

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, Timestamp, UUIDPk, UUIDRef


class Visit(Base):
    __tablename__ = "visit"
    __table_args__ = (Index("ix_visit_member_at", "member_id", "at"), Index("ix_visit_at", "at"))

    id: Mapped[UUIDPk]
    member_id: Mapped[UUIDRef] = mapped_column(ForeignKey("member.id"))
    store_id: Mapped[UUIDRef]
    device_id: Mapped[UUIDRef]
    staff_id: Mapped[str | None] = mapped_column(String(36))
    # how the member was found: code, mobile, last4, member_no, name
    source: Mapped[str] = mapped_column(String(16))
    at: Mapped[Timestamp]
