"""A new rule-set version drafted in the console: read from a form, previewed against the
rules in force with the shared pure rules (services.rules.points), and published through the
same path as `load-rules` (validated as every counter will, signed into the feed).

A form is flat text: every number an integer (yuan amounts may carry fen after a point and
become integer fen), categories and promotions one per line. Problems are collected, not
raised one at a time, so the page can mark every bad field at once.
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.admin import load_reference
from central.errors import CentralError
from central.models import Chain, Reference, Store
from services.protocol import ProtocolError, validate_change
from services.protocol import codes as error_codes
from services.rules import points as point_rules

TIERS = point_rules.TIER_ORDER
MAX_SMALL = 1000  # multipliers and points per yuan (the protocol's Multiplier)
MAX_POINTS = 10**12
MAX_DAYS = 36_600
# (form field, low, high) for the plain whole-number settings.
WHOLE_FIELDS = (
    ("points_per_yuan", 0, MAX_SMALL),
    ("birthday_multiplier", 0, MAX_SMALL),
    ("coupon_points", 1, MAX_POINTS),
    ("cash_points_step", 1, MAX_POINTS),
    ("visit_bonus_points", 0, MAX_POINTS),
    ("streak_days", 2, MAX_DAYS),
    ("streak_bonus_points", 0, MAX_POINTS),
    ("expiry_warning_days", 0, MAX_DAYS),
)
YUAN_FIELDS = ("coupon_value_fen", "cash_fen_per_step")  # typed in yuan, kept in fen


@dataclass(frozen=True)
class Problem:
    """A field the draft cannot take, with a message key (programme.*) and its params."""

    field: str
    code: str
    params: dict = field(default_factory=dict)


@dataclass
class Draft:
    body: dict  # the rule-set body without its version
    problems: list[Problem]


def in_force(session: Session, chain_id: str, on: date) -> point_rules.RuleSet:
    """The chain's rule set in force on a store-local day (what a counter would use)."""
    bodies = session.scalars(
        select(Reference.body).where(Reference.chain_id == chain_id, Reference.kind == "rules")
    ).all()
    sets = [point_rules.rules_from_dict(_without_id(json.loads(b))) for b in bodies]
    return point_rules.rules_in_force(sets, on)


def newest_version(session: Session, chain_id: str) -> int:
    codes = session.scalars(
        select(Reference.code).where(Reference.chain_id == chain_id, Reference.kind == "rules")
    ).all()
    return max((int(c) for c in codes if c.isdigit()), default=1)


def chain_zone(session: Session, chain_id: str) -> str:
    """The chain's calendar: its first store's time zone (Asia/Shanghai if none)."""
    zone = session.scalar(
        select(Store.timezone).where(Store.chain_id == chain_id).order_by(Store.created_at)
    )
    return zone or "Asia/Shanghai"


def chain_today(session: Session, chain_id: str, now: datetime) -> date:
    return now.astimezone(ZoneInfo(chain_zone(session, chain_id))).date()


def form_from_rules(rules: point_rules.RuleSet) -> dict[str, str]:
    """The form a draft starts from: today's rules, as the console shows them."""
    form = {name: str(getattr(rules, name)) for name, _low, _high in WHOLE_FIELDS}
    form |= {name: _yuan_text(getattr(rules, name)) for name in YUAN_FIELDS}
    form["stacking"] = rules.stacking
    for tier in TIERS:
        form[f"multiplier_{tier}"] = str(rules.tier_multipliers.get(tier, 1))
        form[f"discount_{tier}"] = str(rules.tier_discount_percent.get(tier, 0))
        if tier != "bronze":
            threshold = rules.tier_thresholds_fen.get(tier)
            form[f"threshold_{tier}"] = "" if threshold is None else _yuan_text(threshold)
    form["categories"] = "\n".join(
        f"{name} {per_yuan}" for name, per_yuan in sorted(rules.category_bonus_per_yuan.items())
    )
    form["promotions"] = "\n".join(
        f"{p.code} {p.starts_on.isoformat()} {p.ends_on.isoformat()} {p.multiplier}"
        f" {p.bonus_points}"
        for p in rules.promotions
    )
    form["starts_on"] = ""
    return form


def read_form(form: Mapping[str, str], today: date) -> Draft:
    """A draft body from the console's form, with every problem found."""
    problems: list[Problem] = []
    body: dict = {}
    for name, low, high in WHOLE_FIELDS:
        body[name] = _whole(form, name, low, high, problems)
    for name in YUAN_FIELDS:
        body[name] = _fen(form, name, problems)
    stacking = (form.get("stacking") or "").strip()
    if stacking not in ("max", "multiply"):
        problems.append(Problem("stacking", "programme.bad_choice"))
    body["stacking"] = stacking
    body["tier_multipliers"] = {
        t: _whole(form, f"multiplier_{t}", 0, MAX_SMALL, problems) for t in TIERS
    }
    body["tier_discount_percent"] = {
        t: _whole(form, f"discount_{t}", 0, 100, problems) for t in TIERS
    }
    body["tier_thresholds_fen"] = _thresholds(form, problems)
    body["category_bonus_per_yuan"] = _categories(form.get("categories") or "", problems)
    body["promotions"] = _promotions(form.get("promotions") or "", problems)
    starts_on = _day(form.get("starts_on") or "", "starts_on", problems)
    if starts_on is not None and starts_on < today:
        problems.append(Problem("starts_on", "programme.starts_in_past"))
    body["starts_on"] = starts_on.isoformat() if starts_on else None
    if not problems:
        _check_as_counters_will(body, problems)
    return Draft(body, problems)


@dataclass(frozen=True)
class Preview:
    draft_points: int
    today_points: int
    today_version: int


def preview(
    draft: dict,
    today_rules: point_rules.RuleSet,
    paid_fen: int,
    category: str,
    tier: str,
    birthday_month: bool,
    on: date,
) -> Preview:
    """What one sale of `paid_fen` in `category` earns a member of `tier` on day `on`, under
    the draft and under today's rules: the counter's own function, nothing computed here."""
    if tier not in TIERS:
        raise CentralError(error_codes.PROGRAMME_BAD_TIER, 400, tier=tier)
    if not 0 < paid_fen <= point_rules.MAX_PURCHASE_FEN:
        raise CentralError(error_codes.PROGRAMME_BAD_AMOUNT, 400)
    lines = {category: paid_fen} if category else {}
    rules = point_rules.rules_from_dict(draft | {"version": today_rules.version + 1})

    def earned(r: point_rules.RuleSet) -> int:
        return point_rules.points_for_purchase(
            paid_fen, paid_fen, lines, tier, birthday_month, on, r
        ).total

    return Preview(earned(rules), earned(today_rules), today_rules.version)


def publish(session: Session, chain_id: str, draft: dict, now: datetime) -> int:
    """The draft as the chain's next rule-set version, into the feed exactly as `load-rules`
    puts one there; returns the version. The chain row is locked first, so two publishers
    cannot take one number."""
    chain = session.scalar(select(Chain).where(Chain.id == chain_id).with_for_update())
    version = newest_version(session, chain_id) + 1
    body = {k: v for k, v in draft.items() if v is not None} | {"version": version}
    load_reference(session, chain.name, "rules", [body], now)
    return version


# reading the form ---------------------------------------------------------------------


def _whole(form, name: str, low: int, high: int, problems: list[Problem]) -> int:
    text = (form.get(name) or "").strip()
    if not text.isascii() or not text.isdigit():
        problems.append(Problem(name, "programme.not_whole", {"low": low, "high": high}))
        return low
    value = int(text)
    if not low <= value <= high:
        problems.append(Problem(name, "programme.out_of_range", {"low": low, "high": high}))
        return low
    return value


def _fen(form, name: str, problems: list[Problem]) -> int:
    text = (form.get(name) or "").strip()
    if text in ("0", "0.0", "0.00"):
        return 0
    fen = point_rules.parse_yuan(text)
    if fen is None:
        problems.append(Problem(name, "programme.not_yuan"))
        return 0
    return fen


def _thresholds(form, problems: list[Problem]) -> dict[str, int]:
    thresholds: dict[str, int] = {}
    for tier in TIERS[1:]:
        if (form.get(f"threshold_{tier}") or "").strip():
            thresholds[tier] = _fen(form, f"threshold_{tier}", problems)
    ordered = [thresholds[t] for t in TIERS[1:] if t in thresholds]
    if ordered != sorted(ordered):
        problems.append(Problem("threshold_platinum", "programme.thresholds_order"))
    return thresholds


def _categories(text: str, problems: list[Problem]) -> dict[str, int]:
    found: dict[str, int] = {}
    for number, line in _lines(text):
        parts = line.split()
        if len(parts) != 2 or not parts[1].isascii() or not parts[1].isdigit():
            problems.append(Problem("categories", "programme.bad_category_line", {"line": number}))
            continue
        name, per_yuan = parts[0].lower(), int(parts[1])
        if name in found or per_yuan > MAX_SMALL:
            problems.append(Problem("categories", "programme.bad_category_line", {"line": number}))
            continue
        found[name] = per_yuan
    return found


def _promotions(text: str, problems: list[Problem]) -> list[dict]:
    found: list[dict] = []
    for number, line in _lines(text):
        parts = line.split()
        problem = Problem("promotions", "programme.bad_promotion_line", {"line": number})
        if len(parts) not in (4, 5) or not all(p.isascii() and p.isdigit() for p in parts[3:]):
            problems.append(problem)
            continue
        starts, ends = _day(parts[1], "", []), _day(parts[2], "", [])
        if starts is None or ends is None or ends < starts:
            problems.append(problem)
            continue
        found.append(
            {
                "code": parts[0],
                "starts_on": starts.isoformat(),
                "ends_on": ends.isoformat(),
                "multiplier": int(parts[3]),
                "bonus_points": int(parts[4]) if len(parts) == 5 else 0,
            }
        )
    return found


def _day(text: str, name: str, problems: list[Problem]) -> date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        problems.append(Problem(name, "programme.not_date"))
        return None


def _lines(text: str) -> list[tuple[int, str]]:
    return [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1) if line.strip()]


def _check_as_counters_will(body: dict, problems: list[Problem]) -> None:
    """The protocol's own check of a published rule set (a placeholder version: publish
    numbers it), so a draft that passes here cannot be refused when published."""
    try:
        validate_change("rules", {k: v for k, v in body.items() if v is not None} | {"version": 2})
    except ProtocolError as refused:
        name = (refused.field or "").split(".")[0] or "form"
        problems.append(Problem(name, "programme.refused", {"detail": refused.detail}))


def _without_id(body: dict) -> dict:
    return {k: v for k, v in body.items() if k != "id"}


def _yuan_text(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}" if fen % 100 else str(fen // 100)
