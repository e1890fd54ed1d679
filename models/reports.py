"""What reports add to the database: customers' ratings given at the counter (NPS 0-10, and
satisfaction, CSAT, 1-5)."""

from sqlalchemy import CheckConstraint, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, Timestamp, UUIDPk, UUIDRef


class NpsResponse(Base):
    """ "How likely are you to recommend us?" 0-10, with an optional comment."""

    __tablename__ = "nps_response"
    __table_args__ = (
        CheckConstraint("score BETWEEN 0 AND 10", name="score"),
        Index("ix_nps_response_at", "at"),
    )

    id: Mapped[UUIDPk]
    score: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(String(500))
    member_id: Mapped[str | None] = mapped_column(String(36))
    reference: Mapped[str | None] = mapped_column(String(120))  # the receipt it followed
    staff_id: Mapped[str | None] = mapped_column(String(36))
    device_id: Mapped[UUIDRef]
    store_id: Mapped[UUIDRef]
    at: Mapped[Timestamp]


class CsatResponse(Base):
    """ "How satisfied are you with your visit today?" 1-5, asked beside the NPS question."""

    __tablename__ = "csat_response"
    __table_args__ = (
        CheckConstraint("score BETWEEN 1 AND 5", name="score"),
        Index("ix_csat_response_at", "at"),
    )

    id: Mapped[UUIDPk]
    score: Mapped[int] = mapped_column(Integer)
    member_id: Mapped[str | None] = mapped_column(String(36))
    reference: Mapped[str | None] = mapped_column(String(120))  # the receipt it followed
    staff_id: Mapped[str | None] = mapped_column(String(36))
    device_id: Mapped[UUIDRef]
    store_id: Mapped[UUIDRef]
    at: Mapped[Timestamp]


__all__ = ["CsatResponse", "NpsResponse"]
