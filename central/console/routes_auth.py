"""Sign-in, sign-out, the language switch, the overview and the audit trail."""

import hmac
import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import func, select

from central.console import auth, web
from central.console.errors import ConsoleError
from central.console.tables import ConsoleAudit, ConsoleUser
from central.models import Conflict, Device, Member, Store

router = APIRouter()
LOGIN_COOKIE = "console_login"  # the sign-in form's double-submit CSRF token
PAGE = 50


def safe_next(target: str | None) -> str:
    """Only a path of the console itself: never another site (an open redirect)."""
    if (
        target
        and target.startswith("/console/")
        and not target.startswith("/console//")
        and all(ch.isprintable() and ch != "\\" for ch in target)
    ):
        return target
    return "/console/"


def secure(request: Request) -> bool:
    return request.url.scheme == "https"


@router.get("/login")
def login_page(request: Request, next: str | None = None, out: int = 0) -> Response:
    web.refuse_device_token(request)
    return _login_form(request, safe_next(next), notice="login.signed_out" if out else None)


def _login_form(
    request: Request,
    target: str,
    error: str | None = None,
    notice: str | None = None,
    status: int = 200,
    name: str = "",
) -> Response:
    token = secrets.token_urlsafe(32)
    response = web.render(
        request,
        "login.html",
        {"login_token": token, "next": target, "error": error, "notice": notice, "name": name},
        status,
    )
    response.set_cookie(
        LOGIN_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=secure(request),
        path="/console/login",
    )
    return response


@router.post("/login")
def login(
    request: Request,
    name: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    login_token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/console/",
) -> Response:
    web.refuse_device_token(request)
    target = safe_next(next)
    cookie = request.cookies.get(LOGIN_COOKIE, "")
    if not cookie or not hmac.compare_digest(cookie.encode(), login_token.encode()):
        return _login_form(request, target, error="console.csrf", status=403)
    refused: ConsoleError | None = None
    session = request.app.state.sessions()
    try:
        with session.begin():  # a refused attempt is committed too: it counts to the lockout
            try:
                token, _user = auth.sign_in(
                    session, name, password, web.address(request), web.now(request)
                )
            except ConsoleError as error:
                refused = error
    finally:
        session.close()
    if refused is not None:
        text = web.error_text(web.language(request), refused)
        return _login_form(request, target, error=text, status=refused.status, name=name[:64])
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        web.SESSION_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=secure(request),
        path="/console",
        max_age=int(auth.SESSION_MAX.total_seconds()),
    )
    response.delete_cookie(LOGIN_COOKIE, path="/console/login")
    return response


@router.post("/logout")
def logout(request: Request, user: web.User, db: web.Db) -> Response:
    with db.begin():
        auth.sign_out(db, user.session_hash, web.now(request))
    response = RedirectResponse("/console/login?out=1", status_code=303)
    response.delete_cookie(web.SESSION_COOKIE, path="/console")
    return response


@router.get("/lang")
def switch_language(request: Request, to: str = "zh_CN", next: str | None = None) -> Response:
    web.refuse_device_token(request)
    response = RedirectResponse(
        next if next == "/console/login" else safe_next(next), status_code=303
    )
    if to in web.messages.LANGUAGES:
        response.set_cookie(
            web.LANGUAGE_COOKIE,
            to,
            samesite="strict",
            secure=secure(request),
            path="/console",
            max_age=365 * 86400,
        )
    return response


@router.get("/")
def home(request: Request, user: web.User, db: web.Db) -> Response:
    stores = select(func.count()).select_from(Store).where(Store.chain_id == user.chain_id)
    devices = (
        select(func.count())
        .select_from(Device)
        .where(Device.chain_id == user.chain_id, Device.revoked_at.is_(None))
    )
    conflicts = (
        select(func.count())
        .select_from(Conflict)
        .where(Conflict.chain_id == user.chain_id, Conflict.status == "open")
    )
    members = select(func.count()).select_from(Member).where(Member.chain_id == user.chain_id)
    if user.store_id is not None:
        stores = stores.where(Store.id == user.store_id)
        devices = devices.where(Device.store_id == user.store_id)
        members = members.where(Member.home_store_id == user.store_id)
        conflicts = conflicts.where(Conflict.store_ids.contains(user.store_id))
    figures = {
        "home.stores": db.scalar(stores),
        "home.counters": db.scalar(devices),
        "home.members": db.scalar(members),
        "home.open_conflicts": db.scalar(conflicts),
    }
    return web.render(request, "home.html", {"figures": figures})


@router.get("/audit")
def audit_trail(
    request: Request,
    user: Annotated[auth.SignedIn, web.Depends(web.require("admin"))],
    db: web.Db,
    before: Annotated[int | None, Query(ge=1)] = None,
) -> Response:
    query = (
        select(ConsoleAudit)
        .join(ConsoleUser, ConsoleUser.id == ConsoleAudit.user_id)
        .where(ConsoleUser.chain_id == user.chain_id)
        .order_by(ConsoleAudit.id.desc())
        .limit(PAGE + 1)
    )
    if before is not None:
        query = query.where(ConsoleAudit.id < before)
    rows = list(db.scalars(query))
    more = len(rows) > PAGE
    rows = rows[:PAGE]
    return web.render(
        request,
        "audit.html",
        {"rows": rows, "next_before": rows[-1].id if more else None, "first": before is not None},
    )
