"""Signed member codes: which keys a scan trusts, and codes revoked by a reissued card or a
deactivated member.
"""

import pytest

from services.core.errors import PermissionDenied, StateError, ValidationError
from services.members.accounts import deactivate_member, reissue_card
from services.members.codes import CODE_LENGTH, read_member_code
from services.rules.permissions import Permission
from services.staff.accounts import approve_as_manager
from tests.integration.member_codes.helpers import (
    REASON,
    altered,
    code_for,
    own_public_key,
    refused,
    scan,
    trust,
)

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
