"""The console on the centre's app: its routers under /console, its static files, the
bundled CJK font as a web font, and what a refusal looks like as a page."""

from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from central.console import (
    routes_auth,
    routes_campaigns,
    routes_events,
    routes_exceptions,
    routes_gifts,
    routes_members,
    routes_numbers,
    routes_privacy,
    routes_programme,
    routes_stores,
    web,
)
from central.console.errors import ConsoleError

STATIC = Path(__file__).parent / "static"
FONT = Path(__file__).resolve().parents[2] / "resources" / "fonts" / "CounterSansSC-Regular.ttf"
ROUTERS = [
    routes_auth.router,
    routes_stores.router,
    routes_members.router,
    routes_privacy.router,
    routes_exceptions.router,
    routes_programme.router,
    routes_events.router,
    routes_campaigns.router,
    routes_gifts.router,
    routes_numbers.router,
]


def mount_console(app: FastAPI) -> None:
    @app.get("/console/static/fonts/CounterSansSC-Regular.ttf", include_in_schema=False)
    def font() -> Response:
        # The project's own CJK font: Chinese renders on a machine without any installed.
        return FileResponse(
            FONT, media_type="font/ttf", headers={"Cache-Control": "public, max-age=604800"}
        )

    app.mount("/console/static", StaticFiles(directory=STATIC), name="console-static")
    for router in ROUTERS:
        app.include_router(router, prefix="/console", include_in_schema=False)

    @app.get("/console", include_in_schema=False)
    def console_root() -> Response:
        return RedirectResponse("/console/", status_code=307)

    @app.exception_handler(ConsoleError)
    def refused(request: Request, error: ConsoleError) -> Response:
        lang = web.language(request)
        text = web.error_text(lang, error)
        if request.headers.get("hx-request"):
            response = Response(text, error.status, media_type="text/plain; charset=utf-8")
            response.headers.update(web.HEADERS)
            return response
        return web.render(request, "error.html", {"message": text}, error.status)

    @app.exception_handler(web.NotSignedIn)
    def not_signed_in(request: Request, _error: web.NotSignedIn) -> Response:
        target = "/console/login?next=" + quote(request.url.path, safe="/")
        if request.method in web.SAFE_METHODS and not request.headers.get("hx-request"):
            return RedirectResponse(target, status_code=303)
        lang = web.language(request)
        response = Response(
            web.messages.translate(lang, "console.signed_out"),
            401,
            media_type="text/plain; charset=utf-8",
        )
        response.headers["HX-Redirect"] = target
        return response
