"""Signing keys: this counter's own Ed25519 key pair and the public keys it trusts."""

from datetime import datetime

from sqlalchemy import Boolean, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, Timestamp, UTCDateTime


class TrustedKey(Base):
    """A public key whose signatures this counter accepts; `private_key` only for its own."""

    __tablename__ = "trusted_key"

    key_id: Mapped[str] = mapped_column(String(8), primary_key=True)  # 4 bytes, hex
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    private_key: Mapped[bytes | None] = mapped_column(LargeBinary(32))
    owner: Mapped[str] = mapped_column(String(64))  # "device:<id>" or "central"
    is_own: Mapped[bool] = mapped_column(Boolean, default=False)
    added_at: Mapped[Timestamp]
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
