"""Signed member codes: what a card's QR says, and a scan of a good one."""

import pytest

from common.codec import ALPHABET
from services.core.errors import ValidationError
from services.members.check_in import look_up
from services.members.codes import CODE_LENGTH, read_member_code
from tests.integration.member_codes.helpers import altered, code_for, counts, register, scan

# --- the code itself ---------------------------------------------------------------------


def test_code_text(code):
    assert len(code) == CODE_LENGTH == 149
    assert code.startswith("LCM")
    assert set(code) <= set(ALPHABET)


def test_code_says_who_and_which_card(counter, member, code, db):
    with counter.runtime.reader() as uow:
        read = read_member_code(uow, code)
    assert read.member_id == member.id
    assert read.card_serial == 1
    assert read.issued_at == counter.runtime.now().replace(microsecond=0)
    own_key = db.rows("SELECT key_id, owner, private_key IS NULL FROM trusted_key")
    # The private half is in the secret store, not the database file.
    assert own_key == [(read.key_id, f"device:{counter.identity.device_id}", 1)]


def test_key_is_made_once(counter, member, db):
    assert db.count("trusted_key") == 0
    first = code_for(counter, member.id)
    second_member = register(counter, name="第二位", mobile="13900139000")
    second = code_for(counter, second_member.id)
    assert db.count("trusted_key") == 1
    assert first[3:11] == second[3:11]  # same version and key id


def test_making_a_code_records_no_visit_or_operation(counter, member, db):
    before = (db.count("visit"), db.count("outbox"))
    code_for(counter, member.id)
    assert (db.count("visit"), db.count("outbox")) == before


# --- scanning a good code ------------------------------------------------------------------


def test_scan_checks_the_member_in(counter, member, code, db):
    visits, ops = db.count("visit"), db.count("outbox")
    result = scan(counter, code)
    assert result.card is not None
    assert (result.card.id, result.card.member_no) == (member.id, member.member_no)
    assert result.candidates == ()
    assert result.source == "code"
    assert db.count("visit") == visits + 1
    assert db.count("outbox") == ops + 1
    assert db.rows("SELECT member_id, source FROM visit") == [(member.id, "code")]
    assert db.scalar("SELECT op_type FROM outbox ORDER BY seq DESC LIMIT 1") == "member.visit"


def test_looking_a_code_up_writes_nothing(counter, member, code, db):
    before = counts(db)
    result = look_up(counter.runtime.reader(), counter.manager, counter.runtime.now(), code)
    assert (result.source, result.card.id) == ("code", member.id)
    assert counts(db) == before
    altered_code = altered(code, 3 + 100)
    with pytest.raises(ValidationError) as caught:
        look_up(counter.runtime.reader(), counter.manager, counter.runtime.now(), altered_code)
    assert caught.value.code == "qr.bad_signature"


def test_lower_case_code_works(counter, member, code, db):
    result = scan(counter, code.lower())
    assert result.card.id == member.id
    assert db.count("visit") == 1


def test_code_with_scanner_noise_works(counter, member, code):
    # A trailing Enter, spaces and full-width symbols from an IME are cleaned away.
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in code[:20]) + code[20:]
    assert scan(counter, f" {code[:70]} {code[70:]}\r\n").card.id == member.id
    assert scan(counter, full_width).card.id == member.id
