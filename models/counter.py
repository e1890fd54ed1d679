"""This counter's identity: the store it serves, the device it is, its settings."""

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, Code, Name, Timestamp, UUIDPk, UUIDRef


class Store(Base):
    __tablename__ = "store"

    id: Mapped[UUIDPk]
    code: Mapped[Code] = mapped_column(unique=True)
    name: Mapped[Name]
    timezone: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[Timestamp]


class Counter(Base):
    """The one device this database belongs to; `last_seq` makes the outbox sequence gap-free."""

    __tablename__ = "counter"
    __table_args__ = (CheckConstraint("singleton = 1", name="one_row"),)

    id: Mapped[UUIDPk]
    singleton: Mapped[int] = mapped_column(Integer, default=1, unique=True)
    store_id: Mapped[UUIDRef] = mapped_column(ForeignKey("store.id"))
    label: Mapped[Name]
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    last_member_no: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[Timestamp]


class Setting(Base):
    """Counter settings as JSON values; rules that come from the centre live elsewhere."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[Timestamp]
    updated_by: Mapped[str | None] = mapped_column(String(36))
