"""Campaigns as the counters run them: a coupon template with a purpose. The counters
already select the members and issue the coupons by the shared rules (services.rules
.coupons): `birthday` in a member's birthday month, once a year; `winback` after six months
without a purchase, once a lapse; `tier` once a quarter for a tier; `event` a batch for an
event's door; `points` what points buy; `manual` by hand. Head office's part is the template
itself, published to every counter through the feed (checked as a counter will check it)
and audited; the numbers page counts each campaign's coupons issued and redeemed."""

import json
from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

from central.admin import load_reference
from central.errors import CentralError
from central.programme.rules_draft import Problem
from services.rules import points as point_rules

PURPOSES = ("birthday", "winback", "tier", "event", "points", "manual")
KINDS = ("amount_off", "percent_off", "gift")
TIERS = ("", *point_rules.TIER_ORDER)


def read_template_form(form: Mapping[str, str]) -> tuple[dict, list[Problem]]:
    """A coupon template's body from the console's form, with every problem found."""
    problems: list[Problem] = []
    get = lambda name: (form.get(name) or "").strip()  # noqa: E731
    body: dict = {
        "code": get("code").upper(),
        "name_zh": get("name_zh"),
        "name_en": get("name_en"),
        "kind": get("kind"),
        "purpose": get("purpose"),
        "active": bool(form.get("active")),
        "offline_ok": True,
    }
    for name in ("code", "name_zh", "name_en"):
        if not body[name]:
            problems.append(Problem(name, "programme.required"))
    if body["kind"] not in KINDS:
        problems.append(Problem("kind", "programme.bad_choice"))
    if body["purpose"] not in PURPOSES:
        problems.append(Problem("purpose", "programme.bad_choice"))
    value = get("value")
    if body["kind"] == "amount_off":
        fen = point_rules.parse_yuan(value)
        if fen is None:
            problems.append(Problem("value", "programme.not_yuan"))
        body["value"] = fen or 0
    elif body["kind"] == "percent_off":
        body["value"] = _whole(value, "value", 1, 100, problems)
    else:
        body["value"] = 0
    spend = get("min_spend_fen")
    body["min_spend_fen"] = 0 if spend in ("", "0") else (point_rules.parse_yuan(spend) or 0)
    if spend not in ("", "0") and point_rules.parse_yuan(spend) is None:
        problems.append(Problem("min_spend_fen", "programme.not_yuan"))
    if get("valid_days"):
        body["valid_days"] = _whole(get("valid_days"), "valid_days", 1, 3660, problems)
    if get("per_member_limit"):
        body["per_member_limit"] = _whole(
            get("per_member_limit"), "per_member_limit", 1, 10_000, problems
        )
    if get("min_tier") not in TIERS:
        problems.append(Problem("min_tier", "programme.bad_choice"))
    elif get("min_tier"):
        body["min_tier"] = get("min_tier")
    return body, problems


def save_template(session: Session, chain_name: str, body: dict, now: datetime) -> None:
    """Into the feed as `load-coupon-templates` puts one (a new code, or a changed body under
    a known one); a body a counter would refuse is refused here with its field."""
    load_reference(session, chain_name, "coupon_template", [body], now)


def templates(session: Session, chain_id: str) -> list[dict]:
    rows = session.execute(
        text(
            "SELECT id, code, body FROM reference WHERE chain_id = :c"
            " AND kind = 'coupon_template' ORDER BY code"
        ),
        {"c": chain_id},
    )
    found = []
    for template_id, code, body in rows:
        data = json.loads(body)
        found.append(data | {"id": template_id, "code": code})
    return found


def _whole(text_: str, name: str, low: int, high: int, problems: list[Problem]) -> int:
    if not text_.isascii() or not text_.isdigit() or not low <= int(text_) <= high:
        problems.append(Problem(name, "programme.out_of_range", {"low": low, "high": high}))
        return low
    return int(text_)


def refused_field(error: CentralError) -> Problem:
    """A refusal of the protocol's check as a problem of the form's field."""
    field = str(error.params.get("field") or "code").split(".")[0]
    return Problem(field, "programme.refused", {"detail": error.params.get("problem", "")})
