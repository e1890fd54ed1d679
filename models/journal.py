"""The operation outbox that sync sends, and the hash-chained audit log.

Both are append-only: SQLite triggers (see the first migration) refuse deletes and
any change to what an operation or an audit entry says. Only an outbox row's
delivery state may change.
"""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, Timestamp, UTCDateTime, UUIDPk, UUIDRef

OUTBOX_STATES = ("pending", "applied", "duplicate", "rejected", "conflict")


class OutboxOperation(Base):
    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("device_id", "seq", name="uq_outbox_device_seq"),
        CheckConstraint("seq >= 1", name="seq_positive"),
        CheckConstraint(
            "state IN (" + ", ".join(f"'{s}'" for s in OUTBOX_STATES) + ")", name="state"
        ),
        Index("ix_outbox_pending", "state", "seq"),
        Index("ix_outbox_type_created", "op_type", "created_at"),
    )

    id: Mapped[UUIDPk]
    device_id: Mapped[UUIDRef] = mapped_column(ForeignKey("counter.id"))
    seq: Mapped[int] = mapped_column(Integer)
    op_type: Mapped[str] = mapped_column(String(64))
    op_version: Mapped[int] = mapped_column(Integer)
    payload: Mapped[str] = mapped_column(Text)
    payload_hash: Mapped[str] = mapped_column(String(64))
    store_id: Mapped[UUIDRef]
    staff_id: Mapped[str | None] = mapped_column(String(36))
    created_at: Mapped[Timestamp]
    state: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    result_code: Mapped[str | None] = mapped_column(String(64))
    acked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[Timestamp]
    store_id: Mapped[UUIDRef]
    device_id: Mapped[UUIDRef]
    staff_id: Mapped[str | None] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(120))
    detail: Mapped[str] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    approved_by: Mapped[str | None] = mapped_column(String(36))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)
