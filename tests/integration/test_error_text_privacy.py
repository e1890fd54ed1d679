"""A database error raised by the counter's engine names the statement, never its values."""

import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy import text

from services.members.accounts import NewMember, register_member

MOBILE = "13912345678"


def test_an_integrity_error_does_not_carry_the_mobile(counter, clock):
    writer = counter.runtime.writer
    register_member(writer(), counter.manager, clock.now(), NewMember("陈安娜", MOBILE, 8, 12))
    other = register_member(
        writer(), counter.manager, clock.now(), NewMember("李四", "13800000000", 3, 4)
    )
    with pytest.raises(sa_exc.IntegrityError) as caught, writer() as uow:
        uow.session.execute(
            text("UPDATE member SET mobile = :mobile WHERE id = :id"),
            {"mobile": MOBILE, "id": other.id},
        )
    assert "UPDATE member" in str(caught.value)
    assert MOBILE not in str(caught.value)
