"""The programme as data: today's rules as a form, a preview of one sale under the draft and
under today's rules, and publishing the draft as the next rule-set version (marketing and
admin; a store manager sees the numbers, not this)."""

import json
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select

from central.console import audit, web, words_programme  # noqa: F401  (the words)
from central.console.auth import SignedIn
from central.errors import CentralError
from central.models import Reference
from central.programme import rules_draft
from services.rules import points as point_rules

router = APIRouter()
Marketing = Annotated[SignedIn, web.Depends(web.require("admin", "marketing"))]
FORM_MAX = 4000  # the longest field (promotions, a line each)
PREVIEW_FIELDS = ("amount", "category", "tier", "birthday")


@router.get("/programme/rules")
def rules_page(request: Request, user: Marketing, db: web.Db, published: int = 0) -> Response:
    today = rules_draft.chain_today(db, user.chain_id, web.now(request))
    in_force = rules_draft.in_force(db, user.chain_id, today)
    form = rules_draft.form_from_rules(in_force)
    form |= {"amount": "100", "category": "", "tier": "bronze", "birthday": ""}
    return _page(request, db, user, form, in_force, published=published)


@router.post("/programme/rules")
async def rules_post(request: Request, user: Marketing, db: web.Db) -> Response:
    posted = await request.form()
    form = {
        key: web.clean_text(posted.get(key), key, FORM_MAX, required=False, multiline=True)
        for key in posted
        if key != web.CSRF_FIELD
    }
    now = web.now(request)
    today = rules_draft.chain_today(db, user.chain_id, now)
    in_force = rules_draft.in_force(db, user.chain_id, today)
    draft = rules_draft.read_form(form, today)
    if draft.problems:
        return _page(request, db, user, form, in_force, problems=draft.problems, status=400)
    if posted.get("action") != "publish":
        shown = _preview(form, draft, in_force, today)
        return _page(request, db, user, form, in_force, preview=shown)
    # One transaction with the reads above: the version and its audit row, or neither.
    version = rules_draft.publish(db, user.chain_id, draft.body, now)
    audit.record(
        db,
        web.who(request, user),
        now,
        "rules.publish",
        f"rules:{version}",
        before={"version": in_force.version},
        after=draft.body | {"version": version},
    )
    db.commit()
    return RedirectResponse(f"/console/programme/rules?published={version}", status_code=303)


def _preview(form: dict, draft: rules_draft.Draft, in_force, today: date) -> dict:
    """One sale priced on the draft's first day (today when it has none), both ways."""
    amount = point_rules.parse_yuan(form.get("amount", ""))
    if amount is None:
        return {"error": "programme.bad_amount"}
    tier = form.get("tier", "bronze")
    category = form.get("category", "").strip().lower()
    try:
        day = date.fromisoformat(draft.body["starts_on"]) if draft.body["starts_on"] else today
        birthday = bool(form.get("birthday"))
        shown = rules_draft.preview(draft.body, in_force, amount, category, tier, birthday, day)
    except CentralError as refused:
        return {"error": refused.code}
    return {
        "amount": f"{amount // 100}.{amount % 100:02d}",
        "draft": shown.draft_points,
        "today": shown.today_points,
        "version": shown.today_version,
    }


def _page(request, db, user, form, in_force, problems=(), preview=None, published=0, status=200):
    versions = db.execute(
        select(Reference.code, Reference.body, Reference.updated_at).where(
            Reference.chain_id == user.chain_id, Reference.kind == "rules"
        )
    ).all()
    listed = sorted(
        (
            (int(code), json.loads(body).get("starts_on"), at)
            for code, body, at in versions
            if code.isdigit()
        ),
        reverse=True,
    )
    by_field: dict[str, list] = {}
    for problem in problems:
        by_field.setdefault(problem.field, []).append(problem)
    return web.render(
        request,
        "programme_rules.html",
        {
            "form": form,
            "in_force": in_force,
            "tiers": rules_draft.TIERS,
            "whole_fields": [name for name, _low, _high in rules_draft.WHOLE_FIELDS],
            "yuan_fields": rules_draft.YUAN_FIELDS,
            "problems": by_field,
            "preview": preview,
            "published": published,
            "versions": listed[:20],
        },
        status,
    )
