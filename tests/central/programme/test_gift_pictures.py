"""Gift pictures: a PNG or JPEG within the limits is kept; any other file, a damaged one, or
one too big or too large is refused in words and keeps nothing."""

import io
from datetime import UTC, datetime

import pytest
from PIL import Image

from central import admin
from central.errors import CentralError
from central.programme import gift_pictures

NOW = datetime(2026, 12, 3, 9, tzinfo=UTC)
GIFT = {"sku": "MUG", "name_zh": "马克杯", "name_en": "Mug", "points_price": 800}


def picture(kind: str = "PNG", size=(120, 90)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, kind)
    return out.getvalue()


@pytest.mark.parametrize("kind, media_type", [("PNG", "image/png"), ("JPEG", "image/jpeg")])
def test_a_png_or_jpeg_is_taken_with_its_size(kind, media_type):
    found = gift_pictures.check(picture(kind))
    assert (found.media_type, found.width, found.height) == (media_type, 120, 90)


@pytest.mark.parametrize(
    "data, code",
    [
        (picture("GIF"), "gift.picture_type"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "gift.picture_type"),
        (picture("PNG")[:60], "gift.picture_damaged"),
        (picture("PNG", (2001, 10)), "gift.picture_too_large"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * gift_pictures.MAX_BYTES, "gift.picture_too_big"),
    ],
    ids=["gif", "svg", "truncated", "too wide", "too big"],
)
def test_anything_else_is_refused(data, code):
    with pytest.raises(CentralError) as refused:
        gift_pictures.check(data)
    assert refused.value.code == code


def test_a_picture_is_kept_per_gift_and_replaced(central):
    central.create_store()
    chain_id = central.scalar("SELECT id FROM chain")
    with central.session() as s, s.begin():
        admin.load_reference(s, central.chain, "gift", [GIFT], NOW)
        gift_pictures.store_picture(s, chain_id, "MUG", picture("PNG"), NOW)
        gift_pictures.store_picture(s, chain_id, "MUG", picture("JPEG"), NOW)
        with pytest.raises(CentralError) as refused:
            gift_pictures.store_picture(s, chain_id, "NOPE", picture(), NOW)
        assert refused.value.code == "gift.not_found"
    with central.session() as s:
        media_type, data = gift_pictures.picture_of(s, chain_id, "MUG")
        [row] = gift_pictures.gifts_with_stock(s, chain_id, None)
    assert media_type == "image/jpeg" and data == picture("JPEG")
    assert (row.sku, row.has_picture) == ("MUG", True)
