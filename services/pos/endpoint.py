"""The counter's local POS interface: a small HTTP API a till calls to post a sale, see the
member's discount, the points it earns and their coupons, and confirm or cancel it.

Off by default. Bound to 127.0.0.1 (or a LAN address a manager sets); every request needs
the bearer token kept with the counter's other secrets; when bound to loopback a caller
from anywhere else is refused even if a proxy forwarded it. Bodies are read up to a limit
and parsed here, so each refusal has a stable code: pos.token_missing, pos.token_wrong,
pos.not_loopback, pos.body_too_large, pos.bad_json, pos.bad_sale, member.not_found,
purchase.duplicate_receipt, pos.unknown_sale, pos.sale_settled, pos.sale_expired,
pos.no_cashier.
"""

import hmac
import ipaddress
import json
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from pydantic import ValidationError as ModelError

from services.core.errors import LoyaltyError
from services.pos.sales import MAX_LINES, PendingSale, PosDesk, PosSale, SaleLine
from services.protocol import codes
from services.rules.points import MAX_PURCHASE_FEN

MAX_BODY = 64 * 1024  # bytes; a sale of 200 lines is a few kilobytes
API_TITLE = "Loyalty counter: POS interface"

# code -> (HTTP status, English, Chinese): what a till's developer and a shop owner read.
# The HTTP status of each refusal; its words are the registry's, as the counter shows them.
STATUS: dict[str, int] = {
    "pos.token_missing": 401,
    "pos.token_wrong": 401,
    "pos.not_loopback": 403,
    "pos.body_too_large": 413,
    "pos.bad_json": 400,
    "pos.bad_sale": 422,
    "pos.no_cashier": 409,
    "pos.member_ambiguous": 409,
    "pos.too_many_pending": 429,
    "pos.unknown_sale": 404,
    "pos.sale_settled": 409,
    "pos.sale_expired": 410,
    "member.not_found": 404,
    "purchase.duplicate_receipt": 409,
    "purchase.bad_receipt": 422,
    "purchase.bad_categories": 422,
}

Receipt = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9-]+$")]
Category = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,31}$")]
Fen = Annotated[int, Field(gt=0, le=MAX_PURCHASE_FEN, strict=True)]


class LineIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    category: Category
    amount_fen: Fen


class SaleIn(BaseModel):
    """A sale as the till rang it up; amounts in fen (1 yuan = 100 fen)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "example": {
                "receipt": "R20261203-0042",
                "amount_fen": 12850,
                "lines": [{"category": "electronics", "amount_fen": 9900}],
                "member": "13800138000",
            }
        },
    )
    receipt: Receipt
    amount_fen: Fen
    lines: list[LineIn] = Field(default_factory=list, max_length=MAX_LINES)
    member: Annotated[str, StringConstraints(min_length=4, max_length=200)] | None = None


class CouponOut(BaseModel):
    title_zh: str
    title_en: str


class SaleOut(BaseModel):
    sale_id: str
    status: str = Field(description="pending, confirmed, cancelled or expired")
    receipt: str
    member_name: str | None
    tier: str | None
    discount_fen: int = Field(description="the member's discount on this sale")
    paid_fen: int
    points: int = Field(description="points the sale earns when confirmed")
    coupons: list[CouponOut] = Field(description="the member's coupons that can be used")
    balance: int | None = Field(None, description="the member's balance after the confirm")


class ErrorOut(BaseModel):
    code: str
    message: str
    message_zh: str


def _out(sale: PendingSale) -> dict[str, Any]:
    return SaleOut(
        sale_id=sale.id,
        status=sale.status,
        receipt=sale.receipt,
        member_name=sale.member_name,
        tier=sale.tier,
        discount_fen=sale.discount_fen,
        paid_fen=sale.paid_fen,
        points=sale.points,
        coupons=[CouponOut(title_zh=zh, title_en=en) for zh, en in sale.coupons],
        balance=sale.balance,
    ).model_dump()


def refusal(code: str, detail: Any = None, params: dict[str, Any] | None = None) -> JSONResponse:
    params = params or {}
    body = {
        "code": code,
        "message": codes.words(code, "en", **params),
        "message_zh": codes.words(code, "zh_CN", **params),
    }
    if detail is not None:
        body["detail"] = detail
    return JSONResponse(body, status_code=STATUS.get(code, 400))


class _Refused(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _is_loopback(host: str | None) -> bool:
    try:
        return host is not None and ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


async def _read_limited(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        raise _Refused("pos.body_too_large")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise _Refused("pos.body_too_large")
    return bytes(body)


class _Guard:
    """Every request's checks before any route: the caller's address, then the token.

    A plain ASGI middleware: Starlette's BaseHTTPMiddleware (`app.middleware("http")`) ran
    each request in a task of its own and streamed the answer through a queue, which cost
    each of the till's two exchanges per sale more than the checks themselves."""

    def __init__(self, app, token: Callable[[], str | None], loopback_only: bool) -> None:
        self._app = app
        self._token = token
        self._loopback_only = loopback_only

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http":
            refused = self._refusal(Request(scope))
            if refused is not None:
                await refusal(refused)(scope, receive, send)
                return
        await self._app(scope, receive, send)

    def _refusal(self, request: Request) -> str | None:
        if self._loopback_only and not _is_loopback(
            request.client.host if request.client else None
        ):
            return "pos.not_loopback"
        if request.url.path == "/openapi.json":
            return None
        sent = request.headers.get("authorization", "")
        scheme, _, given = sent.partition(" ")
        if scheme.lower() != "bearer" or not given:
            return "pos.token_missing"
        expected = self._token()
        if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
            return "pos.token_wrong"
        return None


def build_app(
    desk: PosDesk,
    token: Callable[[], str | None],
    loopback_only: bool = True,
    max_body: int = MAX_BODY,
) -> FastAPI:
    """The API over `desk`. `token` gives the expected token on each request, so a new one
    takes effect at once; without one every request is refused."""
    responses = {400: {"model": ErrorOut}, 401: {"model": ErrorOut}, 409: {"model": ErrorOut}}
    app = FastAPI(
        title=API_TITLE,
        version="1",
        description=__doc__,
        docs_url=None,
        redoc_url=None,
        responses=responses,
    )

    app.add_middleware(_Guard, token=token, loopback_only=loopback_only)

    async def run(call: Callable[[], PendingSale]) -> JSONResponse:
        try:
            sale = await run_in_threadpool(call)  # the earn writes SQLite: off the loop
        except LoyaltyError as error:
            return refusal(error.code, params=error.params)
        return JSONResponse(_out(sale))

    @app.post("/sales", response_model=SaleOut, summary="Post a sale for a quote")
    async def post_sale(request: Request) -> JSONResponse:
        """Body: SaleIn. Answers the member's discount, the points and their coupons; the
        sale waits on the counter's Points page until it is confirmed or cancelled."""
        try:
            raw = await _read_limited(request, max_body)
        except _Refused as refused:
            return refusal(refused.code)
        try:
            body = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            return refusal("pos.bad_json")
        try:
            sale = SaleIn.model_validate(body)
        except ModelError as error:
            problems = [
                {"field": ".".join(str(p) for p in e["loc"]), "problem": e["type"]}
                for e in error.errors()
            ]
            return refusal("pos.bad_sale", problems)
        lines = tuple(SaleLine(line.category, line.amount_fen) for line in sale.lines)
        posted = PosSale(sale.receipt, sale.amount_fen, lines, sale.member)
        return await run(lambda: desk.post(posted))

    @app.get("/sales/{sale_id}", response_model=SaleOut, summary="A sale's state")
    async def get_sale(sale_id: str) -> JSONResponse:
        return await run(lambda: desk.get(sale_id))

    @app.post("/sales/{sale_id}/confirm", response_model=SaleOut, summary="Confirm: earn")
    async def confirm_sale(sale_id: str) -> JSONResponse:
        """Records the earn, as the cashier's Enter does; answers the new balance."""
        return await run(lambda: desk.confirm(sale_id))

    @app.post("/sales/{sale_id}/cancel", response_model=SaleOut, summary="Cancel the sale")
    async def cancel_sale(sale_id: str) -> JSONResponse:
        return await run(lambda: desk.cancel(sale_id))

    return app
