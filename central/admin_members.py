"""Members loaded by head office (CSV-like rows), and a member as its feed change carries it."""

import csv
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from central.admin_reference import check_body
from central.chains import chain_by_name
from central.errors import CentralError
from central.feed import PendingChanges, flush_changes
from central.ids import new_id
from central.models import Member, Store
from common.tiers import TIERS
from services.protocol import codes as error_codes

MEMBER_FIELDS = (
    "member_no",
    "name",
    "mobile",
    "birth_month",
    "birth_day",
    "birth_year",
    "tier",
    "balance",
    "consent_marketing",
    "home_store_id",
)


def member_body(m: Member | dict) -> dict:
    get = (lambda k: m[k]) if isinstance(m, dict) else (lambda k: getattr(m, k))
    balance = get("balance")
    return {
        "id": get("id"),
        "member_no": get("member_no"),
        "name": get("name"),
        "mobile": get("mobile"),
        "birth_month": get("birth_month"),
        "birth_day": get("birth_day"),
        "birth_year": get("birth_year"),
        "tier": get("tier"),
        "balance": balance,
        "arrears": max(-balance, 0),
        "redeem_blocked": bool(get("redeem_blocked")),
        "consent_marketing": bool(get("consent_marketing")),
        "active": bool(get("active")),
        "home_store_id": get("home_store_id"),
        "card_serial": get("card_serial"),
    }


def import_members(
    session: Session, chain_name: str, rows: Iterable[dict[str, Any]], now: datetime, batch=5000
) -> int:
    """Members from CSV-like rows (member_no, name, mobile, birth_month, birth_day, optional
    birth_year, tier, balance, home_store code). New members only; each goes into the feed."""
    chain = chain_by_name(session, chain_name, now)
    stores = {
        code: store_id
        for code, store_id in session.execute(
            select(Store.code, Store.id).where(Store.chain_id == chain.id)
        )
    }
    count = 0
    chunk: list[dict] = []
    for raw in rows:
        chunk.append(_member_row(raw, chain.id, stores, now))
        if len(chunk) >= batch:
            count += _insert_members(session, chain.id, chunk)
            chunk = []
    if chunk:
        count += _insert_members(session, chain.id, chunk)
    return count


def _member_row(raw: dict[str, Any], chain_id: str, stores: dict[str, str], now) -> dict:
    tier = (raw.get("tier") or "bronze").strip().lower()
    if tier not in TIERS:
        raise CentralError(error_codes.MEMBER_BAD_TIER, 400, tier=tier)
    mobile = str(raw["mobile"]).strip()
    if len(mobile) != 11 or not mobile.isdigit():
        raise CentralError(error_codes.MEMBER_BAD_MOBILE, 400, mobile=mobile)
    home = stores.get(str(raw.get("home_store") or "").strip().upper(), "")
    year = str(raw.get("birth_year") or "").strip()
    return {
        "id": str(raw.get("id") or "").strip() or new_id(),
        "chain_id": chain_id,
        "member_no": str(raw["member_no"]).strip(),
        "name": str(raw["name"]).strip()[:120],
        "mobile": mobile,
        "birth_month": int(raw["birth_month"]),
        "birth_day": int(raw["birth_day"]),
        "birth_year": int(year) if year else None,
        "tier": tier,
        "peak_tier": tier,
        "balance": int(raw.get("balance") or 0),
        "redeem_blocked": False,
        "consent_marketing": str(raw.get("consent_marketing", "")).strip() in ("1", "true", "yes"),
        "note": None,
        "active": True,
        "home_store_id": home,
        "card_serial": 1,
        "created_at": now,
        "updated_at": now,
    }


def _insert_members(session: Session, chain_id: str, chunk: list[dict]) -> int:
    for row in chunk:  # before any query: an id or a mobile the database cannot hold
        check_body("member", member_body(row), "member.invalid")
    known = set(session.scalars(select(Member.id).where(Member.id.in_([r["id"] for r in chunk]))))
    fresh = [r for r in chunk if r["id"] not in known]
    if not fresh:
        return 0
    session.execute(insert(Member), fresh)
    pending = PendingChanges(chain_id)
    for row in fresh:
        pending.add("member", row["id"], member_body(row))
    flush_changes(session, pending)
    return len(fresh)


def read_members_csv(path: Path) -> Iterable[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        yield from csv.DictReader(handle)
