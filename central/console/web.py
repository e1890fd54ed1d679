"""What every console page shares: the templates, the user's language, the signed-in user
(one dependency per route, with its roles), CSRF on every state-changing request, input
cleaning, and the security headers of each answer."""

import hmac
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

from central.console import messages
from central.console.audit import Who
from central.console.auth import SignedIn, session_for
from central.console.errors import ConsoleError
from central.limits import client_address

TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates")
SESSION_COOKIE = "console_session"
LANGUAGE_COOKIE = "console_lang"
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = ("GET", "HEAD")
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self';"
    " script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


class NotSignedIn(Exception):
    """No live session: a page goes to the sign-in page, anything else is refused."""


def db(request: Request) -> Iterator[Session]:
    session = request.app.state.sessions()
    try:
        yield session
    finally:
        session.close()


Db = Annotated[Session, Depends(db)]


def now(request: Request) -> datetime:
    return request.app.state.clock()


def language(request: Request) -> str:
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    return chosen if chosen in messages.LANGUAGES else messages.DEFAULT_LANGUAGE


def address(request: Request) -> str:
    host = request.client.host if request.client else None
    return client_address(host, request.headers, request.app.state.trusted_proxies)[:64]


def refuse_device_token(request: Request) -> None:
    """The console is for people: a request carrying a counter's bearer token is refused
    before anything else, whatever cookie comes with it."""
    if "authorization" in request.headers:
        raise ConsoleError("console.no_device_token", 401)


async def signed_in(request: Request) -> SignedIn:
    refuse_device_token(request)
    session = request.app.state.sessions()
    try:
        with session.begin():
            user = session_for(session, request.cookies.get(SESSION_COOKIE), now(request))
    finally:
        session.close()
    if user is None:
        raise NotSignedIn()
    if request.method not in SAFE_METHODS:
        await check_csrf(request, user.csrf_token)
    request.state.user = user
    return user


async def check_csrf(request: Request, expected: str) -> None:
    """The session's token, from the form or (htmx, fetch) the X-CSRF-Token header."""
    sent = request.headers.get(CSRF_HEADER)
    if sent is None:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            value = form.get(CSRF_FIELD)
            sent = value if isinstance(value, str) else None
    if not sent or not hmac.compare_digest(sent.encode(), expected.encode()):
        raise ConsoleError("console.csrf", 403)


def require(*roles: str) -> Callable[..., Any]:
    """The route's one dependency: a live session whose role is one of `roles` (any role
    when none are named); CSRF checked for every request that changes something."""

    async def dependency(user: Annotated[SignedIn, Depends(signed_in)]) -> SignedIn:
        if roles and user.role not in roles:
            raise ConsoleError("console.forbidden", 403)
        return user

    return dependency


User = Annotated[SignedIn, Depends(require())]
Admin = Annotated[SignedIn, Depends(require("admin"))]
Staff = Annotated[SignedIn, Depends(require("admin", "marketing"))]


def who(request: Request, user: SignedIn) -> Who:
    return Who(user.user_id, user.name, user.role, user.store_id, address(request))


def render(
    request: Request, template: str, context: dict | None = None, status: int = 200
) -> HTMLResponse:
    lang = language(request)
    user = getattr(request.state, "user", None)
    values = {
        "lang": lang,
        "t": lambda key, **params: messages.translate(lang, key, **params),
        "user": user,
        "csrf": user.csrf_token if user else "",
        "path": request.url.path,
        "here": _page_to_return_to(request),
        "nav": NAV,
        "span": lambda seconds: signed_span(lang, seconds),
        **(context or {}),
    }
    response = TEMPLATES.TemplateResponse(request, template, values, status_code=status)
    response.headers.update(HEADERS)
    return response


def _page_to_return_to(request: Request) -> str:
    """Where the language switch comes back to: this page, or after a form was sent (whose
    address answers only a POST) the page of the navigation it belongs to."""
    path = request.url.path
    if request.method in SAFE_METHODS:
        return path + (f"?{request.url.query}" if request.url.query else "")
    sections = [href for href, _key, _roles in NAV if path.startswith(href)]
    return max(sections, key=len) if sections else "/console/"


# The left navigation: (path, message key, roles that see it; empty: everyone).
NAV: list[tuple[str, str, tuple[str, ...]]] = [
    ("/console/", "nav.home", ()),
    ("/console/stores", "nav.stores", ()),
    ("/console/members", "nav.members", ()),
    ("/console/exceptions", "nav.exceptions", ()),
    ("/console/programme/rules", "nav.rules", ("admin", "marketing")),
    ("/console/programme/events", "nav.events", ("admin", "marketing")),
    ("/console/programme/gifts", "nav.gifts", ()),
    ("/console/programme/campaigns", "nav.campaigns", ("admin", "marketing")),
    ("/console/numbers", "nav.numbers", ()),
    ("/console/audit", "nav.audit", ("admin",)),
]


def clean_text(
    value: object, field: str, max_length: int, required: bool = True, multiline: bool = False
) -> str:
    """A form field as text a person typed: trimmed, within `max_length`, without control
    characters (a new line only where `multiline`); ConsoleError names the field."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ConsoleError("console.bad_input", 422, field=field)
    text = value.strip()
    if required and not text:
        raise ConsoleError("console.required", 422, field=field)
    if len(text) > max_length:
        raise ConsoleError("console.too_long", 422, field=field, max=max_length)
    allowed = "\n\r\t" if multiline else ""
    if any((ord(ch) < 32 and ch not in allowed) or 127 <= ord(ch) < 160 for ch in text):
        raise ConsoleError("console.control_chars", 422, field=field)
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        raise ConsoleError("console.control_chars", 422, field=field)
    return text


SPANS = {"zh_CN": ("天", "小时", "分", "秒"), "en": (" d", " h", " min", " s")}


def signed_span(lang: str, seconds: int) -> str:
    """+3 h, -277 天: a clock skew in the largest unit it reaches."""
    days, hours, minutes, secs = SPANS.get(lang, SPANS["zh_CN"])
    size = abs(seconds)
    for unit, name in ((86400, days), (3600, hours), (60, minutes)):
        if size >= unit:
            return f"{'-' if seconds < 0 else '+'}{size // unit}{name}"
    return f"{seconds:+d}{secs}"


def error_text(lang: str, error: ConsoleError) -> str:
    """A refusal in the user's language; a `field` param names a message key."""
    params = dict(error.params)
    if "field" in params:
        params["field"] = messages.translate(lang, str(params["field"]))
    return messages.translate(lang, error.code, **params)


def whole_number(value: object, field: str) -> int:
    """A form field as an integer typed by a person ("+1,000", " -50 "); never a float."""
    text = clean_text(value, field, 20).replace(",", "").replace("，", "").replace(" ", "")
    body = text[1:] if text[:1] in "+-" else text
    if not body.isascii() or not body.isdigit():
        raise ConsoleError("console.bad_input", 422, field=field)
    return int(text)


def query_string(**params: str) -> str:
    return urlencode(params)
