"""Staff accounts of the store: who may do what at the counter."""

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, Name, Timestamp, UTCDateTime, UUIDPk, UUIDRef


class Staff(Base):
    __tablename__ = "staff"
    __table_args__ = (
        CheckConstraint("role IN ('cashier', 'event_staff', 'manager')", name="role"),
        CheckConstraint("failed_pins >= 0", name="failed_pins"),
    )

    id: Mapped[UUIDPk]
    store_id: Mapped[UUIDRef] = mapped_column(ForeignKey("store.id"))
    name: Mapped[Name]
    role: Mapped[str] = mapped_column(String(16))
    pin_hash: Mapped[str] = mapped_column(String(200))
    failed_pins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[Timestamp]
