"""A push's bulk writes (COPY and an update over arrays on PostgreSQL, executemany on SQLite)
write what plain inserts and updates would, and fail the way the push's retry expects."""

from datetime import datetime, timedelta, timezone

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


# Texts that PostgreSQL's array syntax treats specially, sent as the arrays' text form.
AWKWARD = ['a"b', "c\\d", "{e,f}", "NULL", " g ", "", "h'i", "会员\t\n", '\\"', "j,k"]


def test_awkward_texts_go_through_the_array_text_form_unchanged(central):
    with central.session() as s, s.begin():
        chain_id = chain_by_name(s, central.chain, START).id
        rows = members(chain_id)
        insert_rows(s, Member.__table__, rows)
        named = [
            {"id": r["id"], "name": AWKWARD[i % len(AWKWARD)], "balance": -i}
            for i, r in enumerate(rows)
        ]
        update_rows(s, Member.__table__, "id", named)
    with central.session() as s:
        got = {m.id: (m.name, m.balance) for m in s.scalars(select(Member))}
        by_name = s.scalars(select(Member.name).where(one_of(s, Member.name, AWKWARD))).all()
        by_digit = s.scalars(select(Member.name).where(one_of(s, Member.balance, [-1, -2]))).all()
    assert got == {r["id"]: (r["name"], r["balance"]) for r in named}
    assert sorted(by_name) == sorted(r["name"] for r in named)
    assert sorted(by_digit) == sorted(AWKWARD[1:3])


def test_times_in_an_update_keep_their_instant_and_naive_ones_are_refused(central):
    shanghai = timezone(timedelta(hours=8))
    with central.session() as s, s.begin():
        chain_id = chain_by_name(s, central.chain, START).id
        rows = members(chain_id)
        insert_rows(s, Member.__table__, rows)
        local = START.astimezone(shanghai) + timedelta(minutes=5)
        update_rows(s, Member.__table__, "id", [{"id": r["id"], "updated_at": local} for r in rows])
    with central.session() as s:
        assert set(s.scalars(select(Member.updated_at))) == {START + timedelta(minutes=5)}
    naive = START.replace(tzinfo=None)  # the same wall clock as an aware time before it
    with central.session() as s, s.begin():
        changed = [{"id": r["id"], "updated_at": START} for r in rows]
        changed[-1]["updated_at"] = naive
        with pytest.raises((ValueError, sa_exc.StatementError)):
            update_rows(s, Member.__table__, "id", changed)
        again = members(chain_id)
        again[-1]["created_at"] = naive
        with pytest.raises((ValueError, sa_exc.StatementError)):
            insert_rows(s, Member.__table__, again)
