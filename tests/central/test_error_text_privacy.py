"""A database error raised by the centre's engine (SQLite or PostgreSQL) names the statement,
never its values: tracebacks in the centre's log carry no names or mobiles."""

import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy import text

MOBILE = "13912345678"
NAME = "欧阳秘密"


def test_an_integrity_error_does_not_carry_personal_data(central):
    insert = text(
        "INSERT INTO member (id, chain_id, member_no, name, mobile, birth_month, birth_day,"
        " tier, peak_tier, balance, redeem_blocked, consent_marketing, active, home_store_id,"
        " card_serial, created_at)"
        " VALUES (:id, :chain, 'M1', :name, :mobile, 1, 1, 'bronze', 'bronze', 0, false,"
        " false, true, 'nowhere', 1, CURRENT_TIMESTAMP)"
    )
    values = {"id": "m-1", "chain": "no-such-chain", "name": NAME, "mobile": MOBILE}
    with pytest.raises(sa_exc.IntegrityError) as caught, central.engine.begin() as conn:
        conn.execute(insert, values)  # the chain does not exist: a foreign key refuses it
    assert "INSERT INTO member" in str(caught.value)
    assert MOBILE not in str(caught.value)
    assert NAME not in str(caught.value)
