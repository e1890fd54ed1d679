"""Gift pictures: what an upload must be (a PNG or JPEG of at most 1 MB and 2,000 pixels a
side, that Pillow reads whole), stored at the centre per chain and SKU, and each gift with
its stock per store for the console's gifts page."""

import hashlib
import io
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from PIL import Image, UnidentifiedImageError
from sqlalchemy import text
from sqlalchemy.orm import Session

from central.errors import CentralError
from services.protocol import codes

MAX_BYTES = 1024 * 1024
MAX_SIDE = 2000
TYPES = {"PNG": "image/png", "JPEG": "image/jpeg"}
SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")


@dataclass(frozen=True)
class Picture:
    media_type: str
    width: int
    height: int


def check(data: bytes) -> Picture:
    """The picture's type and size; CentralError for anything else (wrong type, too big,
    damaged), whatever its file name or the type the browser claimed."""
    if len(data) > MAX_BYTES:
        raise CentralError(codes.GIFT_PICTURE_TOO_BIG, 400, max_kb=MAX_BYTES // 1024)
    if not data.startswith(SIGNATURES):
        raise CentralError(codes.GIFT_PICTURE_TYPE, 400)
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind, size = image.format, image.size
            if kind not in TYPES:
                raise CentralError(codes.GIFT_PICTURE_TYPE, 400)
            if max(size) > MAX_SIDE:  # checked before decoding: no pixel flood
                raise CentralError(codes.GIFT_PICTURE_TOO_LARGE, 400, max=MAX_SIDE)
            image.load()  # every byte read: a truncated or damaged file fails here
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise CentralError(codes.GIFT_PICTURE_DAMAGED, 400) from None
    return Picture(TYPES[kind], *size)


def store_picture(session: Session, chain_id: str, sku: str, data: bytes, now: datetime) -> Picture:
    """Checks and keeps the picture of a gift the chain has (one a gift; a new one
    replaces it)."""
    known = session.scalar(
        text("SELECT 1 FROM reference WHERE chain_id = :c AND kind = 'gift' AND code = :s"),
        {"c": chain_id, "s": sku},
    )
    if not known:
        raise CentralError(codes.GIFT_NOT_FOUND, 404, sku=sku)
    picture = check(data)
    values = {
        "c": chain_id,
        "s": sku,
        "t": picture.media_type,
        "d": data,
        "h": hashlib.sha256(data).hexdigest(),
        "w": picture.width,
        "ht": picture.height,
        "at": now.astimezone(UTC).replace(tzinfo=None),  # the centre stores naive UTC
    }
    session.execute(text("DELETE FROM gift_picture WHERE chain_id = :c AND sku = :s"), values)
    session.execute(
        text(
            "INSERT INTO gift_picture (chain_id, sku, media_type, data, sha256, width, height,"
            " uploaded_at) VALUES (:c, :s, :t, :d, :h, :w, :ht, :at)"
        ),
        values,
    )
    return picture


def picture_of(session: Session, chain_id: str, sku: str) -> tuple[str, bytes] | None:
    row = session.execute(
        text("SELECT media_type, data FROM gift_picture WHERE chain_id = :c AND sku = :s"),
        {"c": chain_id, "s": sku},
    ).first()
    return None if row is None else (row[0], bytes(row[1]))


@dataclass(frozen=True)
class GiftRow:
    sku: str
    name_zh: str
    name_en: str
    points_price: int
    has_picture: bool
    stock: dict[str, int]  # store id -> on hand


def gifts_with_stock(session: Session, chain_id: str, store_id: str | None) -> list[GiftRow]:
    gifts = session.execute(
        text("SELECT id, code, body FROM reference WHERE chain_id = :c AND kind = 'gift'"),
        {"c": chain_id},
    ).all()
    pictures = set(
        session.scalars(
            text("SELECT sku FROM gift_picture WHERE chain_id = :c"), {"c": chain_id}
        ).all()
    )
    where = "s.chain_id = :c" + (" AND g.store_id = :s" if store_id else "")
    stock: dict[str, dict[str, int]] = {}
    for gift_id, store, on_hand in session.execute(
        text(
            "SELECT g.gift_id, g.store_id, g.on_hand FROM gift_stock g"
            f" JOIN store s ON s.id = g.store_id WHERE {where}"
        ),
        {"c": chain_id, "s": store_id},
    ):
        stock.setdefault(gift_id, {})[store] = int(on_hand)
    rows = []
    for gift_id, sku, body in gifts:
        data = json.loads(body)
        rows.append(
            GiftRow(
                sku,
                data.get("name_zh", ""),
                data.get("name_en", ""),
                int(data.get("points_price", 0)),
                sku in pictures,
                stock.get(gift_id, {}),
            )
        )
    return sorted(rows, key=lambda r: r.sku)
