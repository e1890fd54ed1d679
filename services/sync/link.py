"""Enrollment with the central system and the link this counter keeps to it: the
centre's pinned identity, the proxy setting, the sync state."""

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy import select

from models.counter import Counter, Store
from models.sync import SyncState
from services.core.actor import Actor
from services.core.errors import StateError, ValidationError
from services.core.journal import append_audit
from services.core.secrets import keep_device_token
from services.core.uow import UnitOfWork
from services.protocol import codes
from services.rules.change_signature import fingerprint
from services.rules.enrollment import enrollment_message
from services.rules.permissions import Permission
from services.rules.text import clean_text
from services.staff.authz import require_permission
from services.sync.client import (
    PLAIN_LINK,
    CentralClient,
    HttpFactory,
    LinkSecurity,
    SyncError,
    normalize_url,
)
from services.sync.keys import own_signing_key
from services.sync.lease import keep_lease, lease_of

log = logging.getLogger(__name__)

UowFactory = Callable[[], UnitOfWork]


@dataclass(frozen=True)
class Enrollment:
    device_id: str
    store_name: str
    store_code: str
    chain_name: str
    central_url: str


def enroll(
    writer: UowFactory,
    actor: Actor | None,
    now: datetime,
    central_url: str,
    code: str,
    http: HttpFactory | None = None,
    link: LinkSecurity = PLAIN_LINK,
) -> Enrollment:
    """Sends this counter's id, store and public key with the one-time code; keeps the token
    and pins the centre's identity: its signing key from the answer and, over HTTPS, its
    certificate's public key (`link`: plain HTTP asked for, a proxy, a private CA).

    `actor` None is the command line (whoever can open the data folder)."""
    if actor is not None:
        require_permission(actor, Permission.SETTINGS_MANAGE)
    url = normalize_url(central_url, link.insecure)
    code = clean_text(code).replace(" ", "")
    if len(code) < 4:
        raise ValidationError(codes.SYNC_BAD_CODE_FORMAT)
    with writer() as uow:
        if uow.session.get(SyncState, 1) is not None:
            raise StateError(codes.SYNC_ALREADY_ENROLLED)
        counter, store = uow.session.execute(select(Counter, Store).join(Store)).one()
        _key_id, private = own_signing_key(uow, f"device:{counter.id}", now)
        public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        uow.commit()  # the key is made on first use and must outlive a failed enrollment
        # The centre publishes only a key whose holder proves it holds it, for this request.
        proof = private.sign(enrollment_message(code, counter.id, public, store.code))
        body = {
            "code": code,
            "device_id": counter.id,
            "public_key": public.hex(),
            "label": counter.label,
            "store_id": store.id,
            "store_code": store.code,
            "proof": proof.hex(),
        }
    with CentralClient(url, None, http, replace(link, tls_pin=None)) as client:
        answer = client.enroll(body)
        tls_pin = client.seen_tls_pin
    try:
        token, store_info = answer["token"], answer["store"]
        if answer["device_id"] != body["device_id"]:
            raise SyncError(codes.SYNC_PROTOCOL)
        centre_key, chain_id = centre_identity(answer)
    except (KeyError, TypeError) as exc:
        raise SyncError(codes.SYNC_PROTOCOL) from exc
    with writer() as uow:
        uow.session.add(
            SyncState(
                singleton=1,
                central_url=url,
                device_token="",  # the token is kept in the secret store
                central_store_id=store_info["id"],
                store_name=store_info["name"],
                chain_name=answer.get("chain_name", ""),
                enrolled_at=now,
                cursor=0,
                online=True,
                failures=0,
                last_success_at=None,
                chain_id=chain_id,
                centre_key=centre_key,
                tls_pin=tls_pin,
                ca_file=link.ca_file,
                insecure=link.insecure,
                system_proxy=link.system_proxy,
            )
        )
        counter = uow.session.scalars(select(Counter)).one()
        keep_device_token(uow, counter.id, token)
        keep_lease(uow, lease_of(answer))
        system = actor or Actor(None, "system", "system", counter.store_id, counter.id)
        detail = {
            "central_url": url,
            "centre_key": fingerprint(bytes.fromhex(centre_key)),
            "tls_pin": tls_pin,
            "insecure": link.insecure,
        }
        append_audit(uow, system, now, "sync.enrolled", f"device:{counter.id}", detail)
        uow.commit()
    return Enrollment(
        body["device_id"], store_info["name"], store_info["code"], answer.get("chain_name", ""), url
    )


def centre_identity(answer: dict) -> tuple[str, str]:
    """(signing key hex, chain id) from the enrollment answer; a centre that signs nothing
    is not one this counter can trust."""
    key, chain_id = answer["centre_key"], answer["chain_id"]
    if not isinstance(key, str) or not isinstance(chain_id, str) or not chain_id:
        raise SyncError(codes.SYNC_PROTOCOL)
    try:
        raw = bytes.fromhex(key)
    except ValueError as exc:
        raise SyncError(codes.SYNC_PROTOCOL) from exc
    if len(raw) != 32 or len(chain_id) > 36:
        raise SyncError(codes.SYNC_PROTOCOL)
    return raw.hex(), chain_id


def link_of(state: SyncState) -> LinkSecurity:
    return LinkSecurity(
        bool(state.insecure), bool(state.system_proxy), state.ca_file, state.tls_pin
    )


def pin_centre(writer: UowFactory, client: CentralClient, state: SyncState) -> None:
    """A counter enrolled before centres signed their changes pins the key once, over the
    link it has (as it would have at enrollment); a pinned key is never replaced here."""
    centre_key, chain_id = centre_identity(client.identity())
    with writer() as uow:
        row = uow.session.get(SyncState, 1)
        if row is None or row.centre_key:
            return
        row.centre_key, row.chain_id = centre_key, chain_id
        row.tls_pin = row.tls_pin or client.seen_tls_pin
        uow.commit()
    log.warning(
        "centre signing key pinned after enrollment: %s", fingerprint(bytes.fromhex(centre_key))
    )


@dataclass(frozen=True)
class LinkStatus:
    """How this counter reaches its centre, for the settings page (insecure shown in red)."""

    enrolled: bool
    https: bool = False
    insecure: bool = False  # plain HTTP to a network address, asked for with --insecure
    tls_pinned: bool = False
    centre_key: str | None = None  # the pinned signing key's fingerprint
    system_proxy: bool = False


def link_status(reader: UowFactory) -> LinkStatus:
    state = load_state(reader)
    if state is None:
        return LinkStatus(False)
    https = state.central_url.startswith("https://")
    insecure = not https and bool(state.insecure)
    key = fingerprint(bytes.fromhex(state.centre_key)) if state.centre_key else None
    return LinkStatus(True, https, insecure, bool(state.tls_pin), key, bool(state.system_proxy))


def set_system_proxy(writer: UowFactory, actor: Actor, now: datetime, on: bool) -> None:
    """Whether the link goes through the system's proxy settings (HTTPS_PROXY, ...): off
    unless a manager turns it on, since whoever sets the environment then sees the traffic's
    destination (never its content: TLS and the pin still hold)."""
    require_permission(actor, Permission.SETTINGS_MANAGE)
    with writer() as uow:
        state = uow.session.get(SyncState, 1)
        if state is None:
            raise StateError(codes.SYNC_NOT_ENROLLED)
        state.system_proxy = on
        append_audit(uow, actor, now, "sync.system_proxy", "sync_state", {"on": on})
        uow.commit()


def load_state(reader: UowFactory) -> SyncState | None:
    with reader() as uow:
        state = uow.session.get(SyncState, 1)
        if state is not None:
            uow.session.expunge(state)
        return state
