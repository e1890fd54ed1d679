"""The organisation: chains, stores and their aliases, enrollment codes, devices, their
audit anchors, and the centre's signing key.
"""

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from central.models_base import Base, Id, MaybeWhen, When


class Chain(Base):
    """A retail chain: the unit of visibility. `change_seq` numbers its change feed."""

    __tablename__ = "chain"

    id: Mapped[Id]
    name: Mapped[str] = mapped_column(String(120), unique=True)
    change_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[When]


class Store(Base):
    __tablename__ = "store"
    __table_args__ = (UniqueConstraint("chain_id", "code", name="uq_store_chain_code"),)

    id: Mapped[Id]
    chain_id: Mapped[str] = mapped_column(ForeignKey("chain.id"))
    code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(120))
    timezone: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[When]
    # The offline lease of this store's counters in days (None: CENTRAL_LEASE_DAYS).
    lease_days: Mapped[int | None] = mapped_column(Integer)


class StoreAlias(Base):
    """A counter made its store's id before it enrolled; operations carry that id."""

    __tablename__ = "store_alias"

    alias_id: Mapped[Id]
    store_id: Mapped[str] = mapped_column(ForeignKey("store.id"))


class EnrollmentCode(Base):
    __tablename__ = "enrollment_code"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("store.id"))
    created_at: Mapped[When]
    expires_at: Mapped[When]
    used_at: Mapped[MaybeWhen]
    device_id: Mapped[str | None] = mapped_column(String(36))


class Device(Base):
    __tablename__ = "device"
    # One device per key, and one key per key id (cards and coupons name the key by its id):
    # a counter can never take another's key, even in a race between two enrollments.
    __table_args__ = (
        UniqueConstraint("public_key", name="uq_device_public_key"),
        UniqueConstraint("key_id", name="uq_device_key_id"),
    )

    id: Mapped[Id]
    chain_id: Mapped[str] = mapped_column(ForeignKey("chain.id"))
    store_id: Mapped[str] = mapped_column(ForeignKey("store.id"))
    label: Mapped[str] = mapped_column(String(120))
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    key_id: Mapped[str] = mapped_column(String(8))
    token_hash: Mapped[str] = mapped_column(String(64))
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    enrolled_at: Mapped[When]
    revoked_at: Mapped[MaybeWhen]
    last_seen_at: Mapped[MaybeWhen]
    # The device clock minus the centre's at its last push, in seconds (None: never told).
    clock_skew_s: Mapped[int | None] = mapped_column(BigInteger)
    # The last offline lease granted (the centre's clock): past it the counter refuses
    # redemptions and coupon acceptance until it reaches the centre again.
    lease_until: Mapped[MaybeWhen]
    # What the counter said at its last push: its program's version and how many of its
    # operations were waiting to be sent (the console shows both).
    app_version: Mapped[str | None] = mapped_column(String(32))
    queue_length: Mapped[int | None] = mapped_column(BigInteger)


class AuditAnchor(Base):
    """A counter's audit-log head as a push carried it: the next head must extend it."""

    __tablename__ = "audit_anchor"
    __table_args__ = (Index("ix_audit_anchor_device", "device_id", "id"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    device_id: Mapped[str] = mapped_column(ForeignKey("device.id"))
    last_id: Mapped[int] = mapped_column(BigInteger)  # the counter's last audit entry id
    entries: Mapped[int] = mapped_column(BigInteger)  # how many entries the chain held
    head: Mapped[str] = mapped_column(String(64))  # that entry's hash
    received_at: Mapped[When]


class AuditBreak(Base):
    """A head that did not extend the last anchor: the log was rewritten at the counter."""

    __tablename__ = "audit_break"
    __table_args__ = (Index("ix_audit_break_device", "device_id", "id"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    device_id: Mapped[str] = mapped_column(ForeignKey("device.id"))
    code: Mapped[str] = mapped_column(String(64))  # audit.chain_broken | audit.chain_rehashed
    detail: Mapped[str] = mapped_column(Text)  # JSON: the anchor and what came instead
    detected_at: Mapped[When]


class CentreSigningKey(Base):
    """The centre's one signing key (central.signing), unless a key file is configured."""

    __tablename__ = "centre_signing_key"
    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    private_key: Mapped[bytes] = mapped_column(LargeBinary)
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[When]
