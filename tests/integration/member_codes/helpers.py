"""What the member-code tests share: where a code's fields fall, making, scanning and altering
a code, and the counter's own key.
"""

import sqlite3
from functools import partial

import pytest

from common.codec import ALPHABET
from models.db import database_path
from services.core.bootstrap import Runtime
from services.core.errors import LoyaltyError
from services.members.accounts import member_code
from services.members.check_in import CheckIn, check_in
from services.members.codes import CODE_LENGTH
from services.sync.keys import trust_public_key
from tests.factories import register as factories_register

# These tests' members were born in May.
register = partial(factories_register, month=5)

REASON = "会员要求注销"

# Where the fields of the 27-byte body fall among the 146 symbols after "LCM" (5 bits each):
# version bits 0-7, key id 8-39, member id 40-167, serial 168-183, issue time 184-215,
# signature 216-727, then two padding bits in the last symbol.
PREFIX_POSITIONS = range(0, 3)
VERSION_AND_KEY_POSITIONS = range(3, 3 + 8)  # symbols 0-7 of the body
SIGNED_DATA_POSITIONS = range(3 + 8, 3 + 43)  # member id, serial, issue time
SIGNATURE_POSITIONS = range(3 + 43, CODE_LENGTH - 1)
LAST = CODE_LENGTH - 1


def code_for(counter, member_id, actor=None):
    return member_code(
        counter.runtime.writer(), actor or counter.manager, counter.runtime.now(), member_id
    )


def scan(counter, text, actor=None) -> CheckIn:
    return check_in(counter.runtime.writer(), actor or counter.manager, counter.runtime.now(), text)


def counts(db) -> tuple[int, ...]:
    return tuple(db.count(t) for t in ("visit", "outbox", "audit_log", "member", "trusted_key"))


def refused(counter, db, text) -> str:
    """Scans `text`, expecting a refusal that writes nothing; returns its code."""
    before = counts(db)
    with pytest.raises(LoyaltyError) as caught:
        scan(counter, text)
    assert counts(db) == before
    return caught.value.code


def altered(code: str, position: int, step: int = 1) -> str:
    symbol = code[position].upper()
    if symbol in ALPHABET:
        replacement = ALPHABET[(ALPHABET.index(symbol) + step) % 32]
    else:  # the prefix
        replacement = "Q" if symbol != "Q" else "R"
    assert replacement != symbol
    return code[:position] + replacement + code[position + 1 :]


def own_public_key(rt: Runtime) -> bytes:
    conn = sqlite3.connect(database_path(rt.data_dir))
    try:
        rows = conn.execute("SELECT public_key FROM trusted_key WHERE is_own = 1").fetchall()
    finally:
        conn.close()
    assert len(rows) == 1
    return rows[0][0]


def trust(counter, public_key: bytes) -> str:
    uow = counter.runtime.writer()
    with uow:
        key_id = trust_public_key(uow, public_key, "device:other", counter.runtime.now())
        uow.commit()
    return key_id
