"""The chain's numbers for a run of whole months, for the chain or one store, read from the
aggregates migration 0007's triggers keep (never from the ledger itself, so a year over ten
million entries is a few small scans). The measures are the shared ones
(services.rules.kpis): the counter's daily report and the console agree.

Active members are the members who bought in the period; the repurchase rate is those who
bought in two or more months, or twice in one, of them. At risk: bought in the three months
before the last three of the period, and not in those last three.
"""

import json
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from central.programme.kpi_figures import (
    Campaign,
    ChainNumbers,
    EventAttendance,
    MonthFigures,
    NpsWeek,
    Period,
    Scope,
    first_day,
    month_number,
)
from services.rules import kpis as measures
from services.rules import points as point_rules

ERA_MONTHS = 60  # as migration 0007 sets the bits


def chain_numbers(
    session: Session, scope: Scope, period: Period, rules: point_rules.RuleSet, zone: str
) -> ChainNumbers:
    """Every figure of the KPI page. `rules`: the rule set in force (the cash value of the
    points); `zone`: the chain's calendar for the tier changes' and events' times."""
    stores = chain_stores(session, scope)
    found = ChainNumbers(scope, period, stores)
    found.active_members, found.bought_again = _repurchase(session, scope, period)
    found.months = _months(session, list(stores), period)
    found.liability_points = _liability(session, scope)
    found.liability_fen = measures.liability_fen(found.liability_points, rules)
    found.campaigns = _campaigns(session, scope, list(stores), period)
    found.nps = _nps(session, list(stores), period)
    start, end = _bounds(period, zone)
    found.tier_moves = _tier_moves(session, scope, start, end)
    found.events = _events(session, scope, start, end)
    found.at_risk = _at_risk(session, list(stores), period)
    return found


# members by month -------------------------------------------------------------------------


def _masks(months: list[int]) -> dict[int, int]:
    """Each era's bits for these months."""
    masks: dict[int, int] = {}
    for m in months:
        masks[m // ERA_MONTHS] = masks.get(m // ERA_MONTHS, 0) | 1 << (m % ERA_MONTHS)
    return masks


def _era_case(masks: dict[int, int], prefix: str, params: dict) -> str:
    """A SQL expression for this row's mask (by its era), its values put in `params`; a
    plain parameter when there is one era (the usual case, and one less test a row)."""
    if len(masks) == 1:
        [(era, mask)] = masks.items()
        params[f"{prefix}m{era}"] = mask
        return f":{prefix}m{era}"
    whens = []
    for era, mask in masks.items():
        params[f"{prefix}e{era}"], params[f"{prefix}m{era}"] = era, mask
        whens.append(f"WHEN :{prefix}e{era} THEN :{prefix}m{era}")
    return f"(CASE era {' '.join(whens)} ELSE 0 END)"


def _repurchase(session: Session, scope: Scope, period: Period) -> tuple[int, int]:
    masks = _masks(period.months)
    params: dict = {"key": scope.store_id or scope.chain_id, "eras": list(masks)}
    r = _era_case(masks, "r", params)
    hit = f"((months & {r}) <> 0)"
    # Twice in one month, or in two months of the period (x & (x - 1): more than one bit).
    again = f"((months2 & {r}) <> 0 OR ((months & {r}) & ((months & {r}) - 1)) <> 0)"
    rows = f"""
        SELECT member_id, max(CASE WHEN {hit} THEN 1 ELSE 0 END) AS hit,
            max(CASE WHEN {again} THEN 1 ELSE 0 END) AS again,
            sum(CASE WHEN {hit} THEN 1 ELSE 0 END) AS eras
        FROM kpi_member_months WHERE store_id = :key AND era IN :eras
        GROUP BY member_id"""
    if len(masks) == 1:  # one row per member: no grouping needed
        rows = f"""
            SELECT member_id, CASE WHEN {hit} THEN 1 ELSE 0 END AS hit,
                CASE WHEN {again} THEN 1 ELSE 0 END AS again, 1 AS eras
            FROM kpi_member_months WHERE store_id = :key AND era IN :eras"""
    buyers, again_count = session.execute(
        _expanding(
            f"""SELECT coalesce(sum(hit), 0),
                coalesce(sum(CASE WHEN again = 1 OR eras > 1 THEN 1 ELSE 0 END), 0)
            FROM ({rows}) per_member WHERE hit = 1""",
            "eras",
        ),
        params,
    ).one()
    return int(buyers), int(again_count)


def _at_risk(session: Session, store_ids: list[str], period: Period) -> dict[str, int]:
    last = month_number(period.last)
    prior, recent = _masks(list(range(last - 5, last - 2))), _masks(list(range(last - 2, last + 1)))
    params: dict = {"stores": store_ids, "eras": sorted(set(prior) | set(recent))}
    was = f"((months & {_era_case(prior, 'p', params)}) <> 0)"
    now = f"((months & {_era_case(recent, 'n', params)}) <> 0)"
    per_member = f"""
        SELECT store_id, max(CASE WHEN {was} THEN 1 ELSE 0 END) AS was,
            max(CASE WHEN {now} THEN 1 ELSE 0 END) AS now
        FROM kpi_member_months WHERE store_id IN :stores AND era IN :eras
        GROUP BY store_id, member_id"""
    if len(params["eras"]) == 1:
        per_member = f"""
            SELECT store_id, CASE WHEN {was} THEN 1 ELSE 0 END AS was,
                CASE WHEN {now} THEN 1 ELSE 0 END AS now
            FROM kpi_member_months WHERE store_id IN :stores AND era IN :eras"""
    if not store_ids:
        return {}
    rows = session.execute(
        _expanding(
            f"""SELECT store_id, count(*) FROM ({per_member}) m
            WHERE was = 1 AND now = 0 GROUP BY store_id""",
            "stores",
            "eras",
        ),
        params,
    )
    return {store_id: int(n) for store_id, n in rows}


# sums by store and day --------------------------------------------------------------------


def _months(session: Session, store_ids: list[str], period: Period) -> list[MonthFigures]:
    totals = {m: [0, 0, 0, 0] for m in period.months}
    if store_ids:
        rows = session.execute(
            _expanding(
                """SELECT day, sum(purchases), sum(paid_fen), sum(points_in), sum(points_out)
                FROM kpi_store_day WHERE store_id IN :stores AND day >= :first AND day < :end
                GROUP BY day""",
                "stores",
            ),
            {"stores": store_ids, "first": period.first, "end": period.end},
        )
        for day, *sums in rows:
            day = date.fromisoformat(day) if isinstance(day, str) else day
            into = totals[month_number(day)]
            for i, value in enumerate(sums):
                into[i] += int(value)
    return [MonthFigures(first_day(m), *totals[m]) for m in period.months]


def _campaigns(
    session: Session, scope: Scope, store_ids: list[str], period: Period
) -> list[Campaign]:
    if not store_ids:
        return []
    rows = session.execute(
        _expanding(
            """SELECT campaign, sum(issued), sum(redeemed) FROM kpi_coupon_day
            WHERE store_id IN :stores AND day >= :first AND day < :end GROUP BY campaign""",
            "stores",
        ),
        {"stores": store_ids, "first": period.first, "end": period.end},
    ).all()
    names = _template_names(session, scope.chain_id)
    found = [
        Campaign(key, *names.get(key, _source_names(key)), int(issued), int(redeemed))
        for key, issued, redeemed in rows
    ]
    return sorted(found, key=lambda c: (-c.issued, c.key))


SOURCES = {
    "birthday": ("生日券", "Birthday coupon"),
    "exchange": ("积分兑换券", "Points exchange"),
    "manual": ("手动发放", "Issued by hand"),
}


def _source_names(key: str) -> tuple[str, str]:
    source = key.removeprefix("source:")
    return SOURCES.get(source, (source, source))


def _template_names(session: Session, chain_id: str) -> dict[str, tuple[str, str]]:
    rows = session.execute(
        text("SELECT id, body FROM reference WHERE chain_id = :c AND kind = 'coupon_template'"),
        {"c": chain_id},
    )
    names = {}
    for template_id, body in rows:
        data = json.loads(body)
        names[template_id] = (data.get("name_zh", ""), data.get("name_en", ""))
    return names


def _nps(session: Session, store_ids: list[str], period: Period) -> list[NpsWeek]:
    if not store_ids:
        return []
    rows = session.execute(
        _expanding(
            """SELECT store_id, week, responses, promoters, detractors FROM kpi_nps_week
            WHERE store_id IN :stores AND week >= :first AND week < :end
            ORDER BY week, store_id""",
            "stores",
        ),
        {"stores": store_ids, "first": period.first - timedelta(days=6), "end": period.end},
    )
    return [
        NpsWeek(s, w if isinstance(w, date) else date.fromisoformat(w), measures.Nps(r, p, d))
        for s, w, r, p, d in rows
    ]


# members now ------------------------------------------------------------------------------


def _liability(session: Session, scope: Scope) -> int:
    where = "chain_id = :c AND balance > 0"
    if scope.store_id:
        where += " AND home_store_id = :s"
    value = session.scalar(
        text(f"SELECT coalesce(sum(balance), 0) FROM member WHERE {where}"),
        {"c": scope.chain_id, "s": scope.store_id},
    )
    return int(value)


def _tier_moves(
    session: Session, scope: Scope, start: datetime, end: datetime
) -> dict[tuple[str, str], int]:
    """(tier at the period's start, tier at its end) -> members, for members whose tier
    changed in it and ended elsewhere."""
    where = "chain_id = :c AND at >= :start AND at < :end"
    if scope.store_id:
        where += " AND home_store_id = :s"
    rows = session.execute(
        text(
            f"SELECT member_id, old_tier, new_tier FROM member_tier_change WHERE {where}"
            " ORDER BY member_id, at, id"
        ),
        {"c": scope.chain_id, "s": scope.store_id, "start": _naive(start), "end": _naive(end)},
    )
    first_last: dict[str, list[str]] = {}
    for member_id, old, new in rows:
        first_last.setdefault(member_id, [old, new])[1] = new
    moves: dict[tuple[str, str], int] = {}
    for old, new in first_last.values():
        if old != new:
            moves[(old, new)] = moves.get((old, new), 0) + 1
    return moves


def _events(session: Session, scope: Scope, start: datetime, end: datetime):
    events = []
    for event_id, code, body in session.execute(
        text("SELECT id, code, body FROM reference WHERE chain_id = :c AND kind = 'event'"),
        {"c": scope.chain_id},
    ):
        data = json.loads(body)
        starts = datetime.fromisoformat(data["starts_at"])
        if start <= starts < end:
            events.append((event_id, code, data["name"], data["starts_at"]))
    if not events:
        return []
    ids = [e[0] for e in events]
    signin_where = "event_id IN :ids" + (" AND store_id = :s" if scope.store_id else "")
    registered = dict(
        session.execute(
            _expanding(
                "SELECT event_id, count(*) FROM event_registration"
                " WHERE event_id IN :ids GROUP BY event_id",
                "ids",
            ),
            {"ids": ids},
        ).all()
    )
    attended = dict(
        session.execute(
            _expanding(
                f"SELECT event_id, count(*) FROM event_signin WHERE {signin_where}"
                " GROUP BY event_id",
                "ids",
            ),
            {"ids": ids, "s": scope.store_id},
        ).all()
    )
    return sorted(
        (
            EventAttendance(code, name, at, int(registered.get(i, 0)), int(attended.get(i, 0)))
            for i, code, name, at in events
        ),
        key=lambda e: e.starts_at,
    )


# helpers ----------------------------------------------------------------------------------


def chain_stores(session: Session, scope: Scope) -> dict[str, str]:
    """The stores in scope, id -> name, by code."""
    where = "chain_id = :c" + (" AND id = :s" if scope.store_id else "")
    rows = session.execute(
        text(f"SELECT id, name FROM store WHERE {where} ORDER BY code"),
        {"c": scope.chain_id, "s": scope.store_id},
    )
    return dict(rows.all())


def _expanding(sql: str, *names: str):
    return text(sql).bindparams(*(bindparam(n, expanding=True) for n in names))


def _bounds(period: Period, zone: str) -> tuple[datetime, datetime]:
    tz = ZoneInfo(zone)
    return (
        datetime.combine(period.first, time(0), tz),
        datetime.combine(period.end, time(0), tz),
    )


def _naive(moment: datetime) -> datetime:
    """The centre stores naive UTC."""
    return moment.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)
