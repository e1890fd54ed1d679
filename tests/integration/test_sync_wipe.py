"""A revoked counter, perhaps a stolen one, keeps nothing that says who its customers were,
nor anything that would let it speak or sign for the chain: not in the database, its WAL,
its backups or anywhere else in its data folder."""

import base64
import json
import sqlite3
from pathlib import Path

from sqlalchemy import text

from common.canonical import sha256_hex
from services.core import secrets
from services.core.backups import back_up_now
from services.core.journal import verify_audit_chain
from services.members.accounts import NewMember, member_code, update_member
from services.members.privacy import WIPED_NAME
from services.reports.nps import record_rating
from tests.central.harness import (  # noqa: F401  (fixtures)
    central,
    central_fixture_for_counters,
    make_counter,
)
from tests.factories import earn, register
from tests.integration.sync_helpers import outbox, raw

DELIVERED = ("周晓梅", "13912345678")  # reached the centre before the theft
WAITING = ("欧阳娜娜", "13787654321")  # registered offline, never delivered
RENAMED = ("周小梅", "13911112222")  # the first member's details after an edit


def files_holding(folder: Path, needles: dict[str, bytes]) -> list[str]:
    """Which needle each file of the folder (at any depth) holds, as 'file: needle'."""
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        found += [f"{path.name}: {label}" for label, value in needles.items() if value in data]
    return found


def personal_needles() -> dict[str, bytes]:
    needles = {}
    for name, mobile in (DELIVERED, WAITING, RENAMED):
        needles[name] = name.encode("utf-8")
        needles[mobile] = mobile.encode("ascii")
        needles[mobile + " (UTF-16)"] = mobile.encode("utf-16-le")
    return needles


def secret_needles(counter) -> dict[str, bytes]:
    with counter.runtime.reader() as uow:
        token = secrets.device_token(uow)
        (key_id,) = uow.session.execute(text("SELECT key_id FROM trusted_key WHERE is_own")).one()
        key = secrets.signing_key(uow, key_id)
    assert token and key
    return {
        "token": token.encode(),
        "signing key": key,
        "signing key (base64)": base64.b64encode(key),
        "signing key (hex)": key.hex().encode(),
    }


def stolen_counter(central, make_counter):
    """A counter that knew people every way it can: delivered and waiting registrations,
    an edit in the audit log, a rating's comment, a card signed with its key, a backup."""
    central.create_store()
    a = make_counter("1")
    first = register(a, *DELIVERED)
    earn(a, first.id, "R1", 10_000)
    assert a.cycle().ok
    update_member(
        a.runtime.writer(), a.manager, a.runtime.now(), first.id, NewMember(*RENAMED, 8, 12)
    )
    second = register(a, *WAITING)
    earn(a, second.id, "R2", 5_000)
    member_code(a.runtime.writer(), a.manager, a.runtime.now(), second.id)
    record_rating(
        a.runtime.writer(), a.manager, a.runtime.now(), 9, f"{WAITING[0]} {WAITING[1]} 很满意"
    )
    back_up_now(a.runtime.data_dir, a.runtime.now())
    prints = a.runtime.data_dir / "prints"  # as the GUI leaves a printed card
    prints.mkdir()
    (prints / "card.pdf").write_bytes(f"%PDF {DELIVERED[0]} {DELIVERED[1]}".encode())
    return a


def test_the_wipe_leaves_no_name_mobile_token_or_key_in_any_file(central, make_counter):
    a = stolen_counter(central, make_counter)
    folder = a.runtime.data_dir
    needles = personal_needles() | secret_needles(a)
    assert files_holding(folder, personal_needles())  # the search finds them before
    central.revoke(a.device_id)
    assert a.cycle().error_code == "device.revoked"
    a.runtime.close()  # as a switched-off laptop: whatever the files hold now is all there is
    assert files_holding(folder, needles) == []
    assert not (folder / "backups").exists() and not (folder / "prints").exists()
    assert not folder.joinpath("counter.sqlite3-wal").exists() or (
        folder.joinpath("counter.sqlite3-wal").stat().st_size == 0
    )


def test_the_wipe_forgets_the_token_and_the_key(central, make_counter):
    a = stolen_counter(central, make_counter)
    central.revoke(a.device_id)
    a.cycle()
    with a.runtime.reader() as uow:
        assert secrets.device_token(uow) is None
        own = uow.session.execute(text("SELECT key_id FROM trusted_key WHERE is_own")).all()
        assert [secrets.signing_key(uow, key_id) for (key_id,) in own] == [None]
    # The next cycle cannot even say who it is; nothing is wiped twice.
    assert a.cycle().error_code != "device.revoked"


def test_waiting_operations_keep_their_money_facts_and_lose_the_person(central, make_counter):
    a = stolen_counter(central, make_counter)
    central.revoke(a.device_id)
    a.cycle()
    conn = raw(a)
    try:
        rows = conn.execute(
            "SELECT op_type, payload, payload_hash, state FROM outbox ORDER BY seq"
        ).fetchall()
    finally:
        conn.close()
    waiting = {
        op_type: json.loads(payload) for op_type, payload, _h, state in rows if state == "pending"
    }
    assert waiting["member.register"]["name"] is None
    assert waiting["member.register"]["mobile"] is None
    assert waiting["points.earn"]["gross_fen"] == 5_000  # the money fact stays
    assert {row[3] for row in outbox(a)} >= {"pending", "applied"}
    for _op_type, payload, digest, _state in rows:
        assert sha256_hex(payload) == digest  # hashes match the payloads kept


def test_the_audit_chain_still_checks_after_the_wipe(central, make_counter):
    a = stolen_counter(central, make_counter)
    central.revoke(a.device_id)
    a.cycle()
    with a.runtime.reader() as uow:
        assert verify_audit_chain(uow).ok
        wiped = uow.session.execute(
            text("SELECT detail FROM audit_log WHERE action = 'privacy.wiped'")
        ).scalar_one()
        names = uow.session.execute(text("SELECT DISTINCT name FROM member")).all()
    assert json.loads(wiped)["audit_entries"] >= 1  # the edit, with old and new values
    assert names == [(WIPED_NAME,)]


def test_the_wiped_database_is_still_a_sound_sqlite_file(central, make_counter):
    a = stolen_counter(central, make_counter)
    central.revoke(a.device_id)
    a.cycle()
    conn = sqlite3.connect(a.runtime.data_dir / "counter.sqlite3")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        triggers = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")
        assert triggers.fetchone()[0] >= 20  # the append-only guards are back in place
    finally:
        conn.close()


def test_an_enrolled_counter_keeps_its_token_outside_its_files(central, make_counter):
    central.create_store()
    a = make_counter("1")
    register(a, *DELIVERED)
    assert a.cycle().ok  # the token is read from the secret store
    with a.runtime.reader() as uow:
        token = secrets.device_token(uow)
        column = uow.session.execute(text("SELECT device_token FROM sync_state")).scalar_one()
    assert token and column == ""
    assert files_holding(a.runtime.data_dir, {"token": token.encode()}) == []
