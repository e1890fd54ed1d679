"""What the KPI tests share: the quarter, three members, purchases inserted as a push writes
them, and the chain's numbers read back.
"""

from datetime import UTC, date, datetime

from sqlalchemy import insert

from central.programme import kpis
from services.rules import points as point_rules

NOW = datetime(2026, 4, 2, tzinfo=UTC)
ZONE = "Asia/Shanghai"
M1, M2, M3 = (f"00000000-0000-4000-8000-00000000000{i}" for i in (1, 2, 3))
QUARTER = kpis.Period.of(date(2026, 1, 1), date(2026, 3, 1))


def utc(text_: str) -> datetime:
    return datetime.fromisoformat(text_).replace(tzinfo=UTC)


def add(central, table, rows: list[dict]) -> None:
    with central.session() as s, s.begin():
        s.execute(insert(table), rows)


def purchase(store, member, at, paid, receipt):
    return {
        "store_id": store.id,
        "receipt_no": receipt,
        "purchase_id": receipt,
        "op_id": receipt,
        "member_id": member,
        "paid_fen": paid,
        "points": paid // 100,
        "at": utc(at),
    }


def numbers(central, store=None) -> kpis.ChainNumbers:
    with central.session() as s:
        scope = kpis.Scope(store.chain_id if store else chain_id(central), store and store.id)
        return kpis.chain_numbers(s, scope, QUARTER, point_rules.DEFAULT_RULES, ZONE)


def chain_id(central) -> str:
    return central.scalar("SELECT id FROM chain")
