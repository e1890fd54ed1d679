"""The chain's numbers: one page for a run of months and the chain or one store (a store
manager's is always their own), with charts drawn here and a CSV export (UTF-8 with a BOM,
so a spreadsheet opens the Chinese names as such)."""

import csv
import io
from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from central.console import charts, web, words_programme  # noqa: F401  (the words)
from central.console.auth import SignedIn
from central.console.errors import ConsoleError
from central.programme import kpis, rules_draft

router = APIRouter()
CSV_COLUMNS = ("measure", "subject", "store", "period", "value")


@router.get("/numbers")
def numbers_page(
    request: Request, user: web.User, db: web.Db, first: str = "", last: str = "", store: str = ""
) -> Response:
    found, stores = _numbers(request, user, db, first, last, store)
    lang = web.language(request)
    labels = [m.month.strftime("%Y-%m") for m in found.months]
    paid_chart = charts.bar_chart(
        labels,
        [[m.paid_fen // 100 for m in found.months]],
        web.messages.translate(lang, "numbers.paid"),
    )
    points_chart = charts.bar_chart(
        labels,
        [[m.points_in for m in found.months], [m.points_out for m in found.months]],
        web.messages.translate(lang, "numbers.points_in"),
    )
    return web.render(
        request,
        "numbers.html",
        {
            "n": found,
            "stores": stores,
            "chosen": found.scope.store_id or "",
            "first": found.period.first.strftime("%Y-%m"),
            "last": found.period.last.strftime("%Y-%m"),
            "paid_chart": paid_chart,
            "points_chart": points_chart,
            "tiers": rules_draft.TIERS,
            "query": request.url.query,
        },
    )


@router.get("/numbers.csv")
def numbers_csv(
    request: Request, user: web.User, db: web.Db, first: str = "", last: str = "", store: str = ""
) -> Response:
    found, _stores = _numbers(request, user, db, first, last, store)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_rows(found, web.language(request)))
    name = f"numbers-{found.period.first:%Y-%m}-{found.period.last:%Y-%m}.csv"
    response = Response(
        ("\ufeff" + out.getvalue()).encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
    response.headers.update(web.HEADERS)
    return response


def csv_rows(found: kpis.ChainNumbers, lang: str) -> list[tuple]:
    """One figure a row: what, of what, where, when, and the value (integers: fen, points,
    per mille)."""
    where = found.stores.get(found.scope.store_id or "", "") if found.scope.store_id else "*"
    period = f"{found.period.first:%Y-%m}..{found.period.last:%Y-%m}"
    per_mille = found.repurchase_per_mille
    rows = [
        ("active_members", "", where, period, found.active_members),
        ("bought_again", "", where, period, found.bought_again),
        ("repurchase_per_mille", "", where, period, "" if per_mille is None else per_mille),
        ("points_liability", "", where, period, found.liability_points),
        ("points_liability_fen", "", where, period, found.liability_fen),
    ]
    for m in found.months:
        month = f"{m.month:%Y-%m}"
        rows += [
            ("purchases", "", where, month, m.purchases),
            ("paid_fen", "", where, month, m.paid_fen),
            ("points_credited", "", where, month, m.points_in),
            ("points_debited", "", where, month, m.points_out),
        ]
    for c in found.campaigns:
        name = c.name_zh if lang == "zh_CN" else c.name_en
        rows += [
            ("coupons_issued", name, where, period, c.issued),
            ("coupons_redeemed", name, where, period, c.redeemed),
        ]
    for w in found.nps:
        store = found.stores.get(w.store_id, w.store_id)
        score = "" if w.nps.score is None else w.nps.score
        rows += [
            ("nps", "", store, w.week.isoformat(), score),
            ("nps_responses", "", store, w.week.isoformat(), w.nps.responses),
        ]
    for (old, new), count in sorted(found.tier_moves.items()):
        rows.append(("tier_moves", f"{old}>{new}", where, period, count))
    for e in found.events:
        rows += [
            ("event_registered", f"{e.code} {e.name}", where, e.starts_at[:10], e.registered),
            ("event_attended", f"{e.code} {e.name}", where, e.starts_at[:10], e.attended),
        ]
    for store_id, count in sorted(found.at_risk.items()):
        rows.append(("at_risk_members", "", found.stores.get(store_id, store_id), period, count))
    return rows


def _numbers(
    request: Request, user: SignedIn, db: Session, first: str, last: str, store: str
) -> tuple[kpis.ChainNumbers, dict[str, str]]:
    if user.store_id is not None and store not in ("", user.store_id):
        raise ConsoleError("console.forbidden", 403)  # a manager sees their own store only
    store_id = user.store_id or store or None
    today = rules_draft.chain_today(db, user.chain_id, web.now(request))
    end = _month(last, "numbers.last") if last else today.replace(day=1)
    start = _month(first, "numbers.first") if first else _months_before(end, 11)
    try:
        period = kpis.Period.of(start, end)
    except ValueError as refused:
        raise ConsoleError(str(refused)) from None
    all_stores = kpis.Scope(user.chain_id, user.store_id)
    stores = kpis.chain_stores(db, all_stores)
    if store_id is not None and store_id not in stores:
        raise ConsoleError("console.not_found", 404)
    rules = rules_draft.in_force(db, user.chain_id, today)
    zone = rules_draft.chain_zone(db, user.chain_id)
    found = kpis.chain_numbers(db, kpis.Scope(user.chain_id, store_id), period, rules, zone)
    return found, stores


def _month(text: str, field: str) -> date:
    try:
        year, month = text.strip().split("-")
        return date(int(year), int(month), 1)
    except ValueError:
        raise ConsoleError("kpi.bad_month", field=field) from None


def _months_before(day: date, count: int) -> date:
    index = day.year * 12 + day.month - 1 - count
    return date(index // 12, index % 12 + 1, 1)
