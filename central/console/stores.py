"""Stores and counters for the console: the chain's stores in pages, a store's counters (as
central.admin_devices reports them), enrollment codes as QR codes, and the changes the
console makes through central.admin (create a store, a code, revoke a counter)."""

import io
import re
from dataclasses import dataclass
from zoneinfo import available_timezones

import qrcode
import qrcode.image.svg
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central import admin
from central.console.auth import SignedIn
from central.console.errors import ConsoleError
from central.models import Chain, Device, Store
from services.protocol import ProtocolError

TIMEZONES = ("Asia/Shanghai", "Asia/Urumqi", "Asia/Hong_Kong", "Asia/Macau", "Asia/Taipei")
PAGE = 50
STORE_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{0,31}$")


@dataclass(frozen=True)
class StoreLine:
    id: str
    code: str
    name: str
    timezone: str
    counters: int
    revoked: int


def store_page(session: Session, user: SignedIn, after: str | None) -> list[StoreLine]:
    """Up to PAGE + 1 stores after the code `after` (keyset), the manager's own only."""
    counts = (
        select(
            Device.store_id,
            func.count().label("n"),
            func.count(Device.revoked_at).label("revoked"),
        )
        .group_by(Device.store_id)
        .subquery()
    )
    query = (
        select(Store, counts.c.n, counts.c.revoked)
        .outerjoin(counts, counts.c.store_id == Store.id)
        .where(Store.chain_id == user.chain_id)
        .order_by(Store.code)
        .limit(PAGE + 1)
    )
    if user.store_id is not None:
        query = query.where(Store.id == user.store_id)
    if after:
        query = query.where(Store.code > after)
    return [
        StoreLine(s.id, s.code, s.name, s.timezone, (n or 0) - (r or 0), r or 0)
        for s, n, r in session.execute(query)
    ]


def visible_store(session: Session, user: SignedIn, code: str) -> Store:
    """The store of this code in the user's chain, which a store manager may see only when
    it is theirs; ConsoleError 404 otherwise (another store is not even confirmed to exist)."""
    store = session.scalar(
        select(Store).where(Store.chain_id == user.chain_id, Store.code == code.strip().upper())
    )
    if store is None or (user.store_id is not None and store.id != user.store_id):
        raise ConsoleError("console.not_found", 404)
    return store


def chain_name(session: Session, chain_id: str) -> str:
    return session.scalar(select(Chain.name).where(Chain.id == chain_id))


def create_store(session: Session, user: SignedIn, code: str, name: str, timezone: str, now):
    if not STORE_CODE.match(code):  # typed at counters and printed on cards: plain
        raise ConsoleError("console.bad_input", field="stores.code")
    if timezone not in TIMEZONES or timezone not in available_timezones():
        raise ConsoleError("stores.bad_timezone")
    try:
        return admin.create_store(
            session, chain_name(session, user.chain_id), code, name, now, timezone
        )
    except admin.CentralError as refused:
        raise ConsoleError("stores.code_taken", 409, code=code) from refused
    except ProtocolError as refused:
        field = "stores.code" if refused.field == "code" else "stores.name"
        raise ConsoleError("console.bad_input", field=field) from refused


def device_of_chain(session: Session, user: SignedIn, device_id: str) -> Device:
    device = session.get(Device, device_id[:36])
    if device is None or device.chain_id != user.chain_id:
        raise ConsoleError("console.not_found", 404)
    return device


def qr_svg(text: str) -> str:
    """`text` as a QR code, an SVG document to put inline (no script, no external link)."""
    image = qrcode.make(
        text,
        image_factory=qrcode.image.svg.SvgPathImage,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        box_size=10,
        border=2,
    )
    out = io.BytesIO()
    image.save(out)
    svg = out.getvalue().decode("utf-8")
    return svg[svg.index("<svg") :]
