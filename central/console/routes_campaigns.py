"""Campaigns in the console: the chain's coupon templates by purpose (birthday, win-back,
quarterly tier, event batch...), each new or changed one published to the counters, which
select the members and issue the coupons by the shared rules; audited."""

from typing import Annotated

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from central.console import audit, web, words_programme  # noqa: F401  (the words)
from central.console.auth import SignedIn
from central.errors import CentralError
from central.models import Chain
from central.programme import campaigns

router = APIRouter()
Marketing = Annotated[SignedIn, web.Depends(web.require("admin", "marketing"))]
PAGE = "/console/programme/campaigns"


@router.get("/programme/campaigns")
def campaigns_page(request: Request, user: Marketing, db: web.Db, saved: str = "") -> Response:
    form = {"kind": "amount_off", "purpose": "birthday", "active": "1"}
    return _page(request, db, user, form, saved=saved)


@router.post("/programme/campaigns")
async def save_campaign(request: Request, user: Marketing, db: web.Db) -> Response:
    posted = await request.form()
    form = {
        key: web.clean_text(posted.get(key), key, 120, required=False)
        for key in posted
        if key != web.CSRF_FIELD
    }
    body, problems = campaigns.read_template_form(form)
    if problems:
        return _page(request, db, user, form, problems, status=400)
    now = web.now(request)
    chain = db.get(Chain, user.chain_id)
    try:
        campaigns.save_template(db, chain.name, body, now)
    except CentralError as refused:
        db.rollback()
        return _page(request, db, user, form, [campaigns.refused_field(refused)], status=400)
    audit.record(
        db,
        web.who(request, user),
        now,
        "coupon_template.save",
        f"coupon_template:{body['code']}",
        after=body,
    )
    db.commit()
    return RedirectResponse(f"{PAGE}?saved={body['code']}", status_code=303)


def _page(request, db, user, form, problems=(), saved="", status=200) -> Response:
    by_field: dict[str, list] = {}
    for problem in problems:
        by_field.setdefault(problem.field, []).append(problem)
    context = {
        "templates": campaigns.templates(db, user.chain_id),
        "form": form,
        "problems": by_field,
        "saved": saved,
        "purposes": campaigns.PURPOSES,
        "kinds": campaigns.KINDS,
        "tiers": campaigns.TIERS,
    }
    return web.render(request, "programme_campaigns.html", context, status)
