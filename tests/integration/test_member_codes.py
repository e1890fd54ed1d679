"""Signed member codes: what a card's QR says, and what a scan of it is allowed to do."""

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import partial

import pytest

from common.codec import ALPHABET
from models.db import database_path
from services.core.actor import Actor
from services.core.bootstrap import Runtime
from services.core.errors import LoyaltyError, PermissionDenied, StateError, ValidationError
from services.core.setup import NewCounter, set_up_counter
from services.members.accounts import (
    CheckIn,
    NewMember,
    check_in,
    deactivate_member,
    look_up,
    member_code,
    register_member,
    reissue_card,
)
from services.members.codes import CODE_LENGTH, read_member_code
from services.rules.permissions import Permission
from services.staff.accounts import approve_as_manager
from services.sync.keys import trust_public_key
from tests.factories import register as factories_register
from tests.templates import open_migrated_counter

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


@pytest.fixture
def member(counter):
    return register(counter)


@pytest.fixture
def code(counter, member):
    return code_for(counter, member.id)


@pytest.fixture
def other_counter(tmp_path, clock) -> Iterator[tuple[Runtime, Actor]]:
    """A second counter, of another store, with its own signing key."""
    rt = open_migrated_counter(tmp_path / "other", clock)
    try:
        identity, manager = set_up_counter(
            rt.writer(), NewCounter("别的门店", "T002", "1", "赵经理", "2580"), clock.now()
        )
        actor = Actor(manager.id, manager.name, manager.role, identity.store_id, identity.device_id)
        yield rt, actor
    finally:
        rt.close()


@pytest.fixture
def foreign_code(other_counter) -> str:
    rt, actor = other_counter
    summary = register_member(
        rt.writer(), actor, rt.now(), NewMember("外店会员", "13700137000", 3, 3)
    )
    return member_code(rt.writer(), actor, rt.now(), summary.id)


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


# --- altered codes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "position",
    [
        3 + 8,  # first symbol of the member id
        3 + 20,  # inside the member id
        3 + 34,  # the card serial
        3 + 40,  # the issue time
        3 + 43,  # first symbol of the signature
        3 + 100,  # inside the signature
        LAST - 1,
    ],
)
def test_altered_symbol_refused(counter, member, code, db, position):
    assert refused(counter, db, altered(code, position)) == "qr.bad_signature"
    assert db.count("visit") == 0


def test_altered_padding_bits_refused(counter, member, code, db):
    # The last symbol carries 3 signature bits and 2 padding bits (always zero).
    for step in (1, 2, 3):
        assert refused(counter, db, altered(code, LAST, step)) == "qr.malformed"
    assert refused(counter, db, altered(code, LAST, 4)) == "qr.bad_signature"


def test_every_single_altered_symbol_refused(counter, member, code, db):
    before = counts(db)
    for position in range(CODE_LENGTH):
        for step in (1, 16):
            text = altered(code, position, step)
            with pytest.raises(LoyaltyError) as caught:
                scan(counter, text)
            got = caught.value.code
            if position in PREFIX_POSITIONS:
                # No longer looks like a code: searched as a name, found nobody.
                assert got == "member.not_found", (position, step)
            elif position in VERSION_AND_KEY_POSITIONS:
                assert got in ("qr.unsupported_version", "qr.unknown_key"), (position, step)
            elif position == LAST:
                assert got in ("qr.malformed", "qr.bad_signature"), (position, step)
            else:
                assert got == "qr.bad_signature", (position, step)
    assert counts(db) == before


@pytest.mark.parametrize("foreign", ["I", "O", "Y", "Z", "+", "/", "=", "-", "😀", "张"])
def test_foreign_symbol_in_code_refused(counter, member, code, db, foreign):
    text = code[:50] + foreign + code[51:]
    assert refused(counter, db, text) == "qr.malformed"


def test_code_one_symbol_short_or_long_refused(counter, member, code, db):
    assert refused(counter, db, code[:-1]) == "qr.malformed"
    assert refused(counter, db, code + "0") == "qr.malformed"
    assert refused(counter, db, code[:3] + code[4:]) == "qr.malformed"


def test_code_from_another_version_refused(counter, member, code, db):
    # Version 2 instead of 1: the first symbol 0 (00000) and the second's top 3 bits 001.
    second = ALPHABET.index(code[4])
    version_2 = code[:4] + ALPHABET[(second & 0b00011) | 0b01000] + code[5:]
    assert refused(counter, db, version_2) == "qr.unsupported_version"


@pytest.mark.parametrize("position", [3, 4, 60, LAST])
def test_sharp_s_in_code_refused(counter, member, code, db, position):
    # 'ß'.upper() is 'SS': with ß first the decoded number overflowed (fixed in a172327).
    text = code[:position] + "ß" + code[position + 1 :]
    assert refused(counter, db, text) == "qr.malformed"


# --- keys --------------------------------------------------------------------------------


def test_code_signed_by_an_unknown_key_refused(counter, member, db, foreign_code):
    assert len(foreign_code) == CODE_LENGTH
    assert refused(counter, db, foreign_code) == "qr.unknown_key"


def test_code_signed_by_a_trusted_key_passes_the_signature_check(
    counter, member, db, other_counter, foreign_code
):
    rt, _ = other_counter
    key_id = trust(counter, own_public_key(rt))
    with counter.runtime.reader() as uow:
        read = read_member_code(uow, foreign_code)
    assert read.key_id == key_id
    # The signature is good; the member belongs to the other counter's database.
    assert refused(counter, db, foreign_code) == "member.not_found"


def test_trusting_a_key_does_not_let_tampered_codes_through(
    counter, member, db, other_counter, foreign_code
):
    rt, _ = other_counter
    trust(counter, own_public_key(rt))
    assert refused(counter, db, altered(foreign_code, 3 + 100)) == "qr.bad_signature"


def test_code_signed_by_a_revoked_key_refused(counter, member, code, db):
    db.execute("UPDATE trusted_key SET revoked_at = '2026-03-01 02:00:00.000000'")
    assert refused(counter, db, code) == "qr.unknown_key"
    # The counter makes itself a new key, and codes signed with it work.
    fresh = code_for(counter, member.id)
    assert fresh[3:11] != code[3:11]
    assert scan(counter, fresh).card.id == member.id


# --- reissue and deactivation --------------------------------------------------------------


def test_reissued_card_revokes_the_old_code(counter, member, code, db):
    new_code = reissue_card(
        counter.runtime.writer(), counter.manager, counter.runtime.now(), member.id
    )
    assert new_code != code
    assert db.scalar("SELECT card_serial FROM member WHERE id = ?", member.id) == 2
    assert refused(counter, db, code) == "qr.revoked"
    assert scan(counter, new_code).card.id == member.id
    assert db.count("visit") == 1
    # A code freshly made for printing carries the new serial too.
    assert scan(counter, code_for(counter, member.id)).card.id == member.id


def test_reissue_is_audited_and_recorded(counter, member, db):
    reissue_card(counter.runtime.writer(), counter.manager, counter.runtime.now(), member.id)
    assert db.rows("SELECT action, subject FROM audit_log WHERE action LIKE 'member.%'") == [
        ("member.card_reissued", f"member:{member.id}")
    ]
    assert db.scalar("SELECT op_type FROM outbox ORDER BY seq DESC LIMIT 1") == (
        "member.card_reissue"
    )


def test_twice_reissued_card_revokes_both_older_codes(counter, member, code, db):
    second = reissue_card(
        counter.runtime.writer(), counter.manager, counter.runtime.now(), member.id
    )
    third = reissue_card(
        counter.runtime.writer(), counter.manager, counter.runtime.now(), member.id
    )
    assert refused(counter, db, code) == "qr.revoked"
    assert refused(counter, db, second) == "qr.revoked"
    assert scan(counter, third).card.id == member.id


def test_deactivated_member_code_refused(counter, member, code, db):
    cashier = counter.make_cashier()
    now = counter.runtime.now()
    approval = approve_as_manager(
        counter.runtime.writer(),
        cashier,
        counter.manager.staff_id,
        counter.manager_pin,
        Permission.MEMBER_DEACTIVATE,
        REASON,
        now,
    )
    deactivate_member(counter.runtime.writer(), cashier, now, member.id, REASON, approval)
    assert db.scalar("SELECT active FROM member WHERE id = ?", member.id) == 0
    assert refused(counter, db, code) == "member.inactive"
    with pytest.raises(StateError) as caught:
        code_for(counter, member.id)
    assert caught.value.code == "member.inactive"


def test_cashier_may_not_deactivate_without_approval(counter, member, code, db):
    cashier = counter.make_cashier()
    with pytest.raises(PermissionDenied) as caught:
        deactivate_member(
            counter.runtime.writer(), cashier, counter.runtime.now(), member.id, REASON
        )
    assert caught.value.code == "auth.forbidden"
    assert scan(counter, code).card.id == member.id


def test_deactivation_needs_a_reason(counter, member, code):
    with pytest.raises(ValidationError) as caught:
        deactivate_member(
            counter.runtime.writer(), counter.manager, counter.runtime.now(), member.id, " x\n"
        )
    assert caught.value.code == "reason.required"
    assert scan(counter, code).card.id == member.id


# --- garbage -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hello", "member.not_found"),
        ("", "scan.empty"),
        ("   ", "scan.empty"),
        ("\r\n\t", "scan.empty"),
        ("\x00" * 20, "scan.empty"),
        ("x" * 10_240, "scan.too_long"),
        ("LCM" + "0" * 10_240, "scan.too_long"),
        ("LCM", "qr.malformed"),
        ("lcm", "qr.malformed"),
        ("LCM" + "I" * 146, "qr.malformed"),
        ("LCM" + "0" * 146, "qr.unsupported_version"),
        ("LCM" + "X" * 146, "qr.malformed"),
        ("LCM\x00\x00\x00", "qr.malformed"),
        ("😀", "member.not_found"),
        ("😀" * 149, "member.not_found"),
        ("LCM" + "😀" * 146, "qr.malformed"),
    ],
)
def test_garbage_refused_and_changes_nothing(counter, member, code, db, text, expected):
    assert refused(counter, db, text) == expected


def test_refusals_carry_error_types(counter, member, db):
    with pytest.raises(ValidationError):
        scan(counter, "")
    with pytest.raises(ValidationError):
        scan(counter, "LCM")


def test_visit_time_is_the_scan_time(counter, member, code, db, clock):
    clock.advance(hours=3)
    scan(counter, code)
    assert db.scalar("SELECT at FROM visit") == "2026-03-01 05:00:00.000000"
    assert clock.now() == datetime(2026, 3, 1, 5, 0, tzinfo=UTC)
