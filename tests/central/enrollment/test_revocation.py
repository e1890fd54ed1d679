"""Enrollment as an attacker tries it: a rogue device whose revocation would take an honest
counter's cards with it.
"""

from datetime import UTC, datetime

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy.exc import IntegrityError

from central.feed import PendingChanges, flush_changes
from central.models import Device
from common.ids import new_id
from services.core.errors import ValidationError
from services.members.codes import read_member_code, sign_member_code
from tests.central.enrollment.helpers import public_hex
from tests.conftest import STORE_CODE

# --- revocation goes by device ---------------------------------------------------------------


def card_by(counter) -> str:
    with counter.runtime.writer() as uow:
        text = sign_member_code(
            uow, f"device:{counter.device_id}", new_id(), 1, counter.runtime.now()
        )
        uow.commit()
    return text


def verdict(counter, text: str) -> str:
    with counter.runtime.writer() as uow:
        try:
            read_member_code(uow, text)
        except ValidationError as refused:
            return refused.code
    return "ok"


def plant_legacy_device(centre, public_key: bytes, key_id: str) -> str:
    """A device row as enrollment made it before it checked keys: any key under any id, and
    its key published to the chain."""
    [(store_id, chain_id)] = centre.rows(
        "SELECT id, chain_id FROM store WHERE code = :c", c=STORE_CODE
    )
    device_id = new_id()
    now = datetime.now(UTC)
    with centre.session() as s, s.begin():
        s.add(
            Device(
                id=device_id,
                chain_id=chain_id,
                store_id=store_id,
                label=f"rogue-{device_id[-4:]}",
                public_key=public_key,
                key_id=key_id,
                token_hash="0" * 64,
                last_seq=0,
                enrolled_at=now,
            )
        )
        s.flush()
        body = {
            "key_id": key_id,
            "public_key": public_key.hex(),
            "owner": f"device:{device_id}",
            "revoked_at": None,
        }
        pending = PendingChanges(chain_id)
        pending.add("trusted_key", key_id, body)
        flush_changes(s, pending)
    return device_id


def test_revoking_a_rogue_device_leaves_the_honest_counters_cards_trusted(
    central,
    make_counter,
):
    central.create_store()
    honest, other = make_counter("1"), make_counter("2")
    card = card_by(honest)
    assert other.cycle().ok and verdict(other, card) == "ok"
    [(public_key, key_id)] = central.rows(
        "SELECT public_key, key_id FROM device WHERE id = :d", d=honest.device_id
    )
    # Rogues as a centre before key checks could hold them (one with the honest counter's very
    # key, one with another key under the honest key's id): the database itself refuses both.
    for key in (bytes(public_key), bytes.fromhex(public_hex(Ed25519PrivateKey.generate()))):
        with pytest.raises(IntegrityError):
            plant_legacy_device(central, key, key_id)
    assert honest.cycle().ok and other.cycle().ok
    assert (verdict(honest, card), verdict(other, card)) == ("ok", "ok")
    # A counter enrolled afterwards reads the whole feed in one page, and trusts the card too.
    late = make_counter("3")
    assert late.cycle().ok and verdict(late, card) == "ok"
    # Revoking the honest counter itself still takes its cards out of trust.
    central.revoke(honest.device_id)
    assert other.cycle().ok and late.cycle().ok
    assert (verdict(other, card), verdict(late, card)) == ("qr.unknown_key", "qr.unknown_key")
