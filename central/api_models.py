"""The counter API's request and answer bodies (pydantic): strict, every field fitting the
column it is stored in. An operation's payload is text here; its type's schema
(services.protocol) checks it per operation."""

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

from services.protocol import limits

MAX_BATCH = 2000
MAX_PAYLOAD_CHARS = limits.MAX_PAYLOAD_CHARS  # one operation; the largest real one is a few KB


class EnrollRequest(BaseModel):
    code: str = Field(description="the one-time enrollment code, dashes optional")
    device_id: str = Field(min_length=36, max_length=36, description="the counter's own id")
    public_key: str = Field(description="the counter's Ed25519 public key, 64 hex digits")
    label: str = Field(max_length=120)
    store_id: str | None = Field(None, description="the store id the counter made locally")
    store_code: str | None = Field(None, description="must match the centre's store code")
    proof: str | None = Field(
        None,
        description="128 hex digits: the Ed25519 signature, with the key being enrolled, of"
        " the enrollment message (docs/sync-protocol.md, Enrollment)",
    )


LEASE_TEXT = (
    "the offline lease, on the centre's clock: past it, still unreached, the counter refuses"
    " redemptions and coupon acceptance (docs/sync-protocol.md, Offline lease)"
)
WIPE_TEXT = "past it, still unreached, the counter wipes the personal data it holds"
HEX64 = r"^[0-9a-f]{64}$"


class StoreOut(BaseModel):
    id: str
    code: str
    name: str
    timezone: str


class EnrollResponse(BaseModel):
    device_id: str
    token: str = Field(description="shown once; the centre keeps only its hash")
    chain_id: str
    chain_name: str
    store: StoreOut
    server_time: datetime
    centre_key: str = Field(
        description="the centre's Ed25519 public key, 64 hex digits: the counter pins it and"
        " applies a change that decides trust only with its valid signature"
    )
    lease_until: datetime = Field(description=LEASE_TEXT)
    wipe_after: datetime = Field(description=WIPE_TEXT)


UUID_TEXT = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
IdText = Annotated[str, Field(min_length=36, max_length=36, pattern=UUID_TEXT)]


class OperationIn(BaseModel):
    """One operation's envelope. Strict: every field fits the column it is stored in, so a
    refused operation can still be recorded; its payload is checked by its type's schema
    (services.protocol) per operation, so one bad payload never refuses the batch."""

    model_config = ConfigDict(strict=True)

    id: IdText
    device_id: IdText
    seq: int = Field(ge=1, le=limits.INT64_MAX)
    type: str = Field(max_length=64, pattern=r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*){1,3}$")
    version: int = Field(ge=1, le=limits.MAX_RULE_VERSION)
    payload: str = Field(
        max_length=MAX_PAYLOAD_CHARS, description="the canonical JSON text exactly as hashed"
    )
    payload_hash: str = Field(min_length=64, max_length=64, pattern=r"^[0-9a-f]{64}$")
    store_id: IdText
    staff_id: IdText | None = None
    device_time: datetime = Field(strict=False, description="ISO 8601, years 2000-2100")

    @field_validator("payload", mode="before")
    @classmethod
    def _escaped_surrogates(cls, payload: object) -> object:
        # Half of a surrogate pair: no UTF-8 can carry it. Escaped, the payload no longer fits
        # its hash and is refused on its own (`op.hash_mismatch`); the rest of the batch goes.
        return storable_text(payload) if isinstance(payload, str) else payload

    @field_validator("payload")
    @classmethod
    def _storable(cls, payload: str) -> str:
        # A NUL character cannot be stored in PostgreSQL text: refused here rather than
        # failing the batch's commit. A JSON `\u0000` escape is storable text; the
        # payload's schema refuses it, for that operation alone.
        if "\x00" in payload:
            raise ValueError("NUL in payload")
        return payload

    @field_validator("device_time", mode="before")
    @classmethod
    def _iso_text(cls, value: object) -> object:
        if not isinstance(value, str):  # not a number of seconds, not a bool
            raise ValueError("device_time is ISO 8601 text")
        return value

    @field_validator("device_time")
    @classmethod
    def _sane(cls, value: datetime) -> datetime:
        if not limits.MIN_YEAR <= value.year <= limits.MAX_YEAR:
            raise ValueError("device_time out of range")
        return value


class AuditHeadIn(BaseModel):
    """The counter's audit-log head (docs/sync-protocol.md, Audit anchor)."""

    model_config = ConfigDict(strict=True)

    last_id: int = Field(ge=1, le=limits.INT64_MAX, description="its last entry's id")
    entries: int = Field(ge=1, le=limits.INT64_MAX, description="how many entries it holds")
    head: str = Field(pattern=HEX64, description="its last entry's hash")
    anchor_id: int | None = Field(
        None, ge=1, le=limits.INT64_MAX, description="the anchor the centre last named"
    )
    at_anchor: str | None = Field(None, pattern=HEX64, description="its entry there's hash")
    rehashed: bool = Field(False, description="a privacy wipe re-hashed it since that anchor")


class PushRequest(BaseModel):
    operations: list[OperationIn] = Field(max_length=MAX_BATCH)
    audit: AuditHeadIn | None = None


class AuditAnswerOut(BaseModel):
    status: str = Field(description="ok | unproven | broken")
    anchor_id: int | None = Field(None, description="the entry the next push proves")
    code: str | None = Field(None, description="audit.chain_broken | audit.chain_rehashed")


class OperationResult(BaseModel):
    id: str
    seq: int
    result: str = Field(description="applied | duplicate | rejected | conflict")
    code: str | None = None
    conflict_ids: list[str] = []
    original_result: str | None = Field(None, description="for a duplicate: the first answer")


class PushResponse(BaseModel):
    results: list[OperationResult]
    next_expected_seq: int
    server_time: datetime
    lease_until: datetime = Field(description=LEASE_TEXT)
    wipe_after: datetime = Field(description=WIPE_TEXT)
    audit: AuditAnswerOut | None = None


class ChangeOut(BaseModel):
    seq: int
    kind: str
    key: str
    body: dict
    sig: str | None = Field(
        None,
        description="128 hex digits: the centre's Ed25519 signature of the change (every kind"
        " but member; docs/sync-protocol.md, Authentication)",
    )


class IdentityOut(BaseModel):
    chain_id: str
    centre_key: str = Field(description="the centre's Ed25519 public key, 64 hex digits")
    fingerprint: str


class PullResponse(BaseModel):
    changes: list[ChangeOut]
    cursor: int
    more: bool
    server_time: datetime
    lease_until: datetime = Field(description=LEASE_TEXT)
    wipe_after: datetime = Field(description=WIPE_TEXT)


class ErrorOut(BaseModel):
    code: str
    message: str


def storable_text(text: str) -> str:
    """`text`, or when it holds a lone surrogate (no UTF-8 can carry it, so no database can
    store it) the same text with those escaped."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text
