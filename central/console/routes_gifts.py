"""Gifts in the console: each gift with its picture and its stock per store (a store
manager sees their own store's), and a picture uploaded for a gift (marketing, admin)."""

from typing import Annotated

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile

from central.console import audit, web, words_programme  # noqa: F401  (the words)
from central.console.auth import SignedIn
from central.console.errors import ConsoleError
from central.errors import CentralError
from central.programme import gift_pictures, kpis

router = APIRouter()
Marketing = Annotated[SignedIn, web.Depends(web.require("admin", "marketing"))]


@router.get("/programme/gifts")
def gifts_page(request: Request, user: web.User, db: web.Db, done: str = "") -> Response:
    stores = kpis.chain_stores(db, kpis.Scope(user.chain_id, user.store_id))
    gifts = gift_pictures.gifts_with_stock(db, user.chain_id, user.store_id)
    return web.render(
        request, "programme_gifts.html", {"gifts": gifts, "stores": stores, "done": done}
    )


@router.get("/programme/gifts/{sku}/picture")
def gift_picture(request: Request, sku: str, user: web.User, db: web.Db) -> Response:
    found = gift_pictures.picture_of(db, user.chain_id, sku)
    if found is None:
        raise ConsoleError("console.not_found", 404)
    media_type, data = found
    response = Response(data, media_type=media_type)
    response.headers.update(web.HEADERS)
    return response


@router.post("/programme/gifts/{sku}/picture")
async def upload_picture(request: Request, sku: str, user: Marketing, db: web.Db) -> Response:
    form = await request.form()
    sent = form.get("file")
    if not isinstance(sent, UploadFile):
        raise ConsoleError("console.required", field="gifts.picture")
    data = await sent.read(gift_pictures.MAX_BYTES + 1)
    now = web.now(request)
    try:
        picture = gift_pictures.store_picture(db, user.chain_id, sku, data, now)
    except CentralError as refused:
        db.rollback()
        raise ConsoleError(refused.code, refused.status, **refused.params) from None
    audit.record(
        db,
        web.who(request, user),
        now,
        "gift.picture",
        f"gift:{sku}",
        after={
            "type": picture.media_type,
            "width": picture.width,
            "height": picture.height,
            "bytes": len(data),
        },
    )
    db.commit()
    return RedirectResponse(f"/console/programme/gifts?done={sku}", status_code=303)
