"""The counter's signing key and device token live outside its database file, and its data
folder is its user's alone: a copied folder yields no key to mint coupons with."""

import base64
import os
import shutil
import stat
from pathlib import Path

import keyring.backend
import keyring.backends.fail
import pytest
from sqlalchemy import text

from services.core import secrets
from services.core.backups import back_up_now
from services.core.bootstrap import open_counter
from services.core.clock import ManualClock
from services.core.errors import StateError
from services.members.accounts import NewMember, member_code, register_member
from tests.conftest import START

TOKEN = "d3v1ce-t0ken-4f2a9c"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def folder_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def sign_a_card(counter, mobile: str = "13800138000") -> str:
    member = register_member(
        counter.runtime.writer(),
        counter.manager,
        counter.runtime.now(),
        NewMember("陈安娜", mobile, 8, 12),
    )
    return member_code(counter.runtime.writer(), counter.manager, counter.runtime.now(), member.id)


def own_key(runtime) -> tuple[str, bytes | None, bytes | None]:
    """(key id, private key in the column, private key in the store)."""
    with runtime.reader() as uow:
        key_id, column = uow.session.execute(
            text("SELECT key_id, private_key FROM trusted_key WHERE is_own")
        ).one()
        return key_id, column, secrets.signing_key(uow, key_id)


def test_the_signing_key_is_in_the_store_not_in_any_file_of_the_data_folder(counter):
    sign_a_card(counter)
    _key_id, column, stored = own_key(counter.runtime)
    assert column is None and len(stored) == 32
    held = folder_bytes(counter.runtime.data_dir)
    for form in (stored, base64.b64encode(stored), stored.hex().encode()):
        assert form not in held
    assert (counter.runtime.data_dir / secrets.SECRETS_FILENAME).exists()  # encrypted there


def test_the_store_key_is_private_and_outside_the_data_folder(counter):
    sign_a_card(counter)
    store = secrets.store_for(counter.runtime.data_dir)
    assert isinstance(store, secrets.FileStore)
    assert not store.key_path.resolve().is_relative_to(counter.runtime.data_dir.resolve())
    assert mode(store.key_path) == 0o600
    assert mode(store.path) == 0o600


def test_a_copied_data_folder_cannot_sign(counter, tmp_path, monkeypatch):
    sign_a_card(counter)
    copy = tmp_path / "copied"
    shutil.copytree(counter.runtime.data_dir, copy)
    # Another machine or user: the same files, but not the key that opens the secrets.
    other_key = tmp_path / "elsewhere" / secrets.KEY_FILENAME
    monkeypatch.setattr(secrets, "_factory", lambda d: secrets.FileStore(d, other_key))
    runtime = open_counter(copy, ManualClock(START))
    try:
        with pytest.raises(StateError) as refused:
            copied = type(counter)(runtime, counter.identity, counter.manager, "x")
            sign_a_card(copied, mobile="13900139000")
        assert refused.value.code == "keys.signing_key_missing"
    finally:
        runtime.close()


def test_an_older_counter_moves_its_secrets_out_at_start_up(counter):
    sign_a_card(counter)
    runtime = counter.runtime
    key_id, _column, key = own_key(runtime)
    # As a counter of the previous version left it: both secrets in plain columns.
    with runtime.writer() as uow:
        uow.session.execute(
            text(
                "INSERT INTO sync_state (singleton, central_url, device_token, central_store_id,"
                " store_name, chain_name, enrolled_at, cursor, online, failures)"
                " VALUES (1, 'http://127.0.0.1:1', :t, 's', 'n', 'c', '2026-03-01 02:00:00', 0,"
                " 0, 0)"
            ),
            {"t": TOKEN},
        )
        uow.session.execute(
            text("UPDATE trusted_key SET private_key = :k WHERE key_id = :i"),
            {"k": key, "i": key_id},
        )
        secrets.secret_store(uow).delete(secrets.signing_key_name(key_id))
        uow.commit()
    back_up_now(runtime.data_dir, runtime.now())  # an old backup holds them too
    runtime.close()
    secrets._stores.clear()  # a new process

    reopened = open_counter(runtime.data_dir, ManualClock(START))
    try:
        with reopened.reader() as uow:
            assert secrets.device_token(uow) == TOKEN
            assert uow.session.execute(text("SELECT device_token FROM sync_state")).scalar() == ""
            moved = uow.session.execute(
                text("SELECT detail FROM audit_log WHERE action = 'secrets.moved'")
            ).scalar_one()
        assert own_key(reopened) == (key_id, None, key)
        assert '"secrets":2' in moved
    finally:
        reopened.close()
    held = folder_bytes(runtime.data_dir)
    assert TOKEN.encode() not in held and key not in held


def test_an_older_data_folder_becomes_private_at_open(tmp_path, clock):
    folder = tmp_path / "data"
    runtime = open_counter(folder, clock)
    back_up_now(folder, clock.now())
    runtime.close()
    # As an older version left it: world-readable folder, database and backups.
    for path in [folder, folder / "backups", *folder.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    runtime = open_counter(folder, clock)
    try:
        back_up_now(folder, clock.now().replace(hour=3))
        assert mode(folder) == 0o700 and mode(folder / "backups") == 0o700
        files = [p for p in folder.rglob("*") if p.is_file()]
        assert any(p.name.endswith("-wal") for p in files)
        assert len(list((folder / "backups").glob("*.sqlite3"))) == 2
        assert {p.name: mode(p) for p in files} == {p.name: 0o600 for p in files}
    finally:
        runtime.close()


def test_backups_are_private_whatever_the_umask(counter):
    old = os.umask(0o022)
    try:
        info = back_up_now(counter.runtime.data_dir, counter.runtime.now())
    finally:
        os.umask(old)
    assert mode(info.path) == 0o600 and mode(info.path.parent) == 0o700


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A stand-in for the OS keystore: the machine's own is never touched by tests."""

    priority = 5

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.entries.get((service, username))

    def set_password(self, service, username, password):
        self.entries[(service, username)] = password

    def delete_password(self, service, username):
        self.entries.pop((service, username), None)


class PlainTextKeyring(MemoryKeyring):
    priority = 0.5  # as keyrings.alt's plain-text file: not a keystore worth the name


def test_a_usable_os_keystore_is_preferred(tmp_path, monkeypatch):
    backend = MemoryKeyring()
    monkeypatch.delenv(secrets.STORE_ENV)
    monkeypatch.setattr(keyring, "get_keyring", lambda: backend)
    store = secrets.default_store(tmp_path)
    store.put("signing-key:0a0b0c0d", "c2VjcmV0")
    assert isinstance(store, secrets.KeyringStore)
    assert backend.entries == {(secrets.SERVICE, "signing-key:0a0b0c0d"): "c2VjcmV0"}
    store.delete("signing-key:0a0b0c0d")
    assert backend.entries == {} and store.get("signing-key:0a0b0c0d") is None
    assert list(tmp_path.iterdir()) == []


def test_without_a_trustworthy_keystore_the_encrypted_file_is_used(tmp_path, monkeypatch):
    monkeypatch.delenv(secrets.STORE_ENV)
    for backend in (PlainTextKeyring(), keyring.backends.fail.Keyring()):
        monkeypatch.setattr(keyring, "get_keyring", lambda b=backend: b)
        store = secrets.default_store(tmp_path)
        assert isinstance(store, secrets.FileStore)
    store.put("device-token", TOKEN)
    assert TOKEN.encode() not in (tmp_path / secrets.SECRETS_FILENAME).read_bytes()
    assert secrets.FileStore(tmp_path, store.key_path).get("device-token") == TOKEN
