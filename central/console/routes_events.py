"""Events in the console: the chain's events with their registrations and sign-ins, and a
CSV of registrations uploaded for one (every bad row listed, nothing half-imported)."""

import json
from typing import Annotated

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import func, select
from starlette.datastructures import UploadFile

from central.console import audit, web, words_programme  # noqa: F401  (the words)
from central.console.auth import SignedIn
from central.console.errors import ConsoleError
from central.errors import CentralError
from central.models import Chain, EventRegistration, EventSignIn, Reference
from central.programme import registrations

router = APIRouter()
Marketing = Annotated[SignedIn, web.Depends(web.require("admin", "marketing"))]


@router.get("/programme/events")
def events_page(request: Request, user: Marketing, db: web.Db) -> Response:
    return _page(request, db, user)


@router.post("/programme/events/{code}/registrations")
async def upload_registrations(
    request: Request, code: str, user: Marketing, db: web.Db
) -> Response:
    form = await request.form()
    sent = form.get("file")
    if not isinstance(sent, UploadFile):
        raise ConsoleError("console.required", field="events.file")
    data = await sent.read(registrations.MAX_BYTES + 1)
    now = web.now(request)
    chain = db.get(Chain, user.chain_id)
    try:
        done = registrations.upload(db, chain.name, code, data, now)
    except CentralError as refused:
        db.rollback()
        raise ConsoleError(refused.code, refused.status, **refused.params) from None
    if done.report is None:
        db.rollback()
        return _page(request, db, user, problems=done.problems, event=code, status=400)
    audit.record(
        db,
        web.who(request, user),
        now,
        "registrations.import",
        f"event:{code}",
        after={"imported": done.report.imported, "skipped": done.report.skipped},
        reason=(sent.filename or "")[:120],
    )
    db.commit()
    return _page(request, db, user, report=done.report, event=code)


def _page(request, db, user, problems=(), report=None, event="", status=200) -> Response:
    rows = db.execute(
        select(Reference.id, Reference.code, Reference.body).where(
            Reference.chain_id == user.chain_id, Reference.kind == "event"
        )
    ).all()
    ids = [r.id for r in rows]
    registered = dict(
        db.execute(
            select(EventRegistration.event_id, func.count())
            .where(EventRegistration.event_id.in_(ids))
            .group_by(EventRegistration.event_id)
        ).all()
    )
    attended = dict(
        db.execute(
            select(EventSignIn.event_id, func.count())
            .where(EventSignIn.event_id.in_(ids))
            .group_by(EventSignIn.event_id)
        ).all()
    )
    events = []
    for r in rows:
        body = json.loads(r.body)
        events.append(
            {
                "code": r.code,
                "name": body.get("name", ""),
                "place": body.get("place", ""),
                "starts_at": body.get("starts_at", ""),
                "capacity": body.get("capacity"),
                "registered": registered.get(r.id, 0),
                "attended": attended.get(r.id, 0),
            }
        )
    events.sort(key=lambda e: e["starts_at"], reverse=True)
    return web.render(
        request,
        "programme_events.html",
        {"events": events, "problems": problems, "report": report, "event": event},
        status,
    )
