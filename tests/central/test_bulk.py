"""A push's bulk writes (COPY and an update over arrays on PostgreSQL, executemany on SQLite)
write what plain inserts and updates would, and fail the way the push's retry expects."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy import select

from central.admin import chain_by_name
from central.bulk import BULK_FROM, insert_rows, one_of, update_rows
from central.ids import new_id
from central.models import Member, Purchase
from tests.conftest import START

COUNT = BULK_FROM + 10  # over the threshold: the PostgreSQL path


def members(chain_id: str, count: int = COUNT) -> list[dict]:
    # No tier, peak tier, balance or card serial: the columns' defaults fill them.
    return [
        {
            "id": new_id(),
            "chain_id": chain_id,
            "member_no": f"M{i:04d}",
            "name": f"会员{i}",
            "mobile": f"139{i:08d}",
            "birth_month": 1 + i % 12,
            "birth_day": 1 + i % 28,
            "birth_year": None,
            "redeem_blocked": False,
            "consent_marketing": i % 2 == 0,
            "note": None,
            "active": True,
            "home_store_id": "",
            "created_at": START,
            "updated_at": START,
        }
        for i in range(count)
    ]


def test_rows_written_in_bulk_read_back_as_given_with_defaults(central):
    with central.session() as s, s.begin():
        chain_id = chain_by_name(s, central.chain, START).id
        rows = members(chain_id)
        insert_rows(s, Member.__table__, rows)
    with central.session() as s:
        found = {m.id: m for m in s.scalars(select(Member))}
    assert len(found) == COUNT
    first = found[rows[0]["id"]]
    assert (first.name, first.tier, first.balance, first.card_serial) == ("会员0", "bronze", 0, 1)
    assert first.consent_marketing is True and found[rows[1]["id"]].consent_marketing is False
    assert first.created_at == START  # aware in, stored as UTC, aware out

    later = START + timedelta(hours=8)
    changed = [
        {"id": r["id"], "balance": 10 * i, "tier": "gold", "updated_at": later}
        for i, r in enumerate(rows)
    ]
    with central.session() as s, s.begin():
        update_rows(s, Member.__table__, "id", changed)
    with central.session() as s:
        got = {m.id: (m.balance, m.tier, m.updated_at, m.name) for m in s.scalars(select(Member))}
    assert got[rows[3]["id"]] == (30, "gold", later, "会员3")
    assert sorted(b for b, *_ in got.values()) == [10 * i for i in range(COUNT)]

    with central.session() as s:
        wanted = [rows[0]["id"], rows[5]["id"], "missing"]
        picked = s.scalars(select(Member.member_no).where(one_of(s, Member.id, wanted))).all()
    assert sorted(picked) == ["M0000", "M0005"]


def test_a_duplicate_key_in_bulk_is_sqlalchemys_integrity_error_and_writes_nothing(central):
    rows = [
        {
            "store_id": "S",
            "receipt_no": f"R{i}",
            "purchase_id": new_id(),
            "op_id": new_id(),
            "member_id": "m",
            "paid_fen": 100 * i,
            "points": i,
        }
        for i in range(COUNT)
    ]
    with central.session() as s, s.begin():
        insert_rows(s, Purchase.__table__, rows[:5])
    with pytest.raises(sa_exc.IntegrityError), central.session() as s, s.begin():
        insert_rows(s, Purchase.__table__, rows)  # R0..R4 again: the whole batch is refused
    assert central.scalar("SELECT count(*) FROM purchase") == 5


def test_naive_times_are_refused_in_bulk_too(central):
    with central.session() as s, s.begin():
        chain_id = chain_by_name(s, central.chain, START).id
        rows = members(chain_id)
        rows[-1]["created_at"] = datetime(2026, 3, 1, 10)  # no zone
        with pytest.raises((ValueError, sa_exc.StatementError)):
            insert_rows(s, Member.__table__, rows)


def test_rows_that_differ_in_their_columns_are_refused_not_filled_in(central):
    with central.session() as s, s.begin():
        chain_id = chain_by_name(s, central.chain, START).id
        rows = members(chain_id)
        rows[-1]["tier"] = "gold"  # the first row leaves tier to its default
        with pytest.raises(ValueError):
            insert_rows(s, Member.__table__, rows)
        del rows[-1]["tier"]
        del rows[-2]["note"]
        with pytest.raises(ValueError):
            insert_rows(s, Member.__table__, rows)
    assert central.scalar("SELECT count(*) FROM member") == 0
