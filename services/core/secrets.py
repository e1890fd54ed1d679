"""Where the counter's secrets live: the device token and its Ed25519 signing key.

Never in the database file, which backups copy and a thief can take: in the OS keystore
through `keyring` (Windows Credential Locker, macOS Keychain, Secret Service) when the
machine has a usable one, otherwise in `secrets.enc` in the data folder, encrypted (Fernet)
under a per-user key file kept outside it (see the operator's guide, "Security", for what
that does and does not protect). Values are read once and then kept in memory, so signing a
card or a coupon never waits on the keystore.
"""

import base64
import contextlib
import json
import logging
import os
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Protocol

import platformdirs
from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import select, text

from models.counter import Counter
from models.keys import TrustedKey
from models.sync import SyncState
from services.core.actor import Actor
from services.core.journal import append_audit
from services.core.uow import UnitOfWork

log = logging.getLogger(__name__)

SERVICE = "LoyaltyCounter"  # the keystore entry's service name
SECRETS_FILENAME = "secrets.enc"
KEY_FILENAME = "secret-store.key"
# Its own folder name: on macOS and Windows the app's config and data folders are one.
KEY_DIR_NAME = "LoyaltyCounter-keys"
KEY_DIR_ENV = "LOYALTY_KEY_DIR"
STORE_ENV = "LOYALTY_SECRET_STORE"  # "file": the encrypted file even where a keystore exists


class SecretStore(Protocol):
    kind: str

    def get(self, name: str) -> str | None: ...

    def put(self, name: str, value: str) -> None: ...

    def delete(self, name: str) -> None: ...


class KeyringStore:
    """The OS keystore; one entry per secret under the service name."""

    kind = "keyring"

    def __init__(self, backend) -> None:
        self._backend = backend
        self._cache: dict[str, str | None] = {}

    def get(self, name: str) -> str | None:
        if name not in self._cache:
            self._cache[name] = self._backend.get_password(SERVICE, name)
        return self._cache[name]

    def put(self, name: str, value: str) -> None:
        self._backend.set_password(SERVICE, name, value)
        self._cache[name] = value

    def delete(self, name: str) -> None:
        import keyring.errors

        with contextlib.suppress(keyring.errors.PasswordDeleteError):  # not there: nothing
            self._backend.delete_password(SERVICE, name)
        self._cache[name] = None


class FileStore:
    """All of one data folder's secrets in one Fernet token, under a key kept elsewhere."""

    kind = "file"

    def __init__(self, data_dir: Path, key_path: Path) -> None:
        self.path = data_dir / SECRETS_FILENAME
        self.key_path = key_path
        self._lock = threading.Lock()
        self._values: dict[str, str] | None = None

    def get(self, name: str) -> str | None:
        with self._lock:
            return self._load().get(name)

    def put(self, name: str, value: str) -> None:
        with self._lock:
            self._save(self._load() | {name: value})

    def delete(self, name: str) -> None:
        with self._lock:
            values = self._load()
            if name in values:
                self._save({k: v for k, v in values.items() if k != name})

    def _load(self) -> dict[str, str]:
        if self._values is None:
            self._values = {}
            if self.path.exists():
                try:
                    plain = Fernet(self._key()).decrypt(self.path.read_bytes())
                    self._values = json.loads(plain)
                except InvalidToken:
                    # Copied from another machine or user, or the key is gone: unreadable.
                    log.warning("the counter's secrets cannot be decrypted with this user's key")
        return self._values

    def _save(self, values: dict[str, str]) -> None:
        if values:
            token = Fernet(self._key()).encrypt(json.dumps(values).encode())
            write_private(self.path, token)
        else:
            self.path.unlink(missing_ok=True)
        self._values = values

    def _key(self) -> bytes:
        if not self.key_path.exists():
            self.key_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            # Another process may have made it a moment ago: then theirs is used.
            with contextlib.suppress(FileExistsError):
                write_private(self.key_path, Fernet.generate_key(), exclusive=True)
        return self.key_path.read_bytes().strip()


class MemoryStore:
    """Nothing on disk: for a database without a folder."""

    kind = "memory"

    def __init__(self) -> None:
        self._values: dict[str, str] = {}

    def get(self, name: str) -> str | None:
        return self._values.get(name)

    def put(self, name: str, value: str) -> None:
        self._values[name] = value

    def delete(self, name: str) -> None:
        self._values.pop(name, None)


def write_private(path: Path, data: bytes, exclusive: bool = False) -> None:
    """Written readable by its owner only (0600), whatever the umask; atomically unless new."""
    if exclusive:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        return
    staging = path.with_name(path.name + ".tmp")
    fd = os.open(staging, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(staging, path)


def default_key_path() -> Path:
    folder = os.environ.get(KEY_DIR_ENV)
    base = Path(folder) if folder else platformdirs.user_config_path(KEY_DIR_NAME, appauthor=False)
    return base / KEY_FILENAME


def usable_keyring():
    """The OS keystore's backend, or None when there is none worth trusting (keyring's
    fail and null backends, and anything ranked below 1, such as plain-text files)."""
    try:
        import keyring

        backend = keyring.get_keyring()
        if backend.priority < 1:
            return None
        backend.get_password(SERVICE, "probe")  # a locked or absent daemon fails here
    except Exception as exc:  # keyring's own errors and D-Bus ones alike
        log.info("no usable OS keystore (%s): secrets go to the encrypted file", exc)
        return None
    return backend


def default_store(data_dir: Path) -> SecretStore:
    backend = None if os.environ.get(STORE_ENV) == "file" else usable_keyring()
    if backend is not None:
        return KeyringStore(backend)
    return FileStore(data_dir, default_key_path())


_factory: Callable[[Path], SecretStore] = default_store
_stores: dict[str, SecretStore] = {}
_stores_lock = threading.Lock()


def store_for(data_dir: Path | None) -> SecretStore:
    """One store per data folder for the life of the process (its values are cached)."""
    key = str(data_dir) if data_dir is not None else ":memory:"
    with _stores_lock:
        if key not in _stores:
            _stores[key] = MemoryStore() if data_dir is None else _factory(data_dir)
        return _stores[key]


def data_dir_of(uow: UnitOfWork) -> Path | None:
    """The folder of the database this unit of work is open on (None: in memory)."""
    database = uow.session.get_bind().url.database
    if not database or database == ":memory:":
        return None
    return Path(database).resolve().parent


def secret_store(uow: UnitOfWork) -> SecretStore:
    """The store of the database this unit of work is open on."""
    return store_for(data_dir_of(uow))


# what is kept ---------------------------------------------------------------------------


def token_name(device_id: str) -> str:
    return f"{device_id}:device-token"


def signing_key_name(key_id: str) -> str:
    return f"signing-key:{key_id}"


def device_token(uow: UnitOfWork) -> str | None:
    device_id = uow.session.scalar(select(Counter.id))
    return None if device_id is None else secret_store(uow).get(token_name(device_id))


def read_device_token(reader: Callable[[], UnitOfWork]) -> str | None:
    with reader() as uow:
        return device_token(uow)


def keep_device_token(uow: UnitOfWork, device_id: str, token: str) -> None:
    secret_store(uow).put(token_name(device_id), token)


def signing_key(uow: UnitOfWork, key_id: str) -> bytes | None:
    value = secret_store(uow).get(signing_key_name(key_id))
    return None if value is None else base64.b64decode(value)


def keep_signing_key(uow: UnitOfWork, key_id: str, raw: bytes) -> None:
    secret_store(uow).put(signing_key_name(key_id), base64.b64encode(raw).decode())


def forget_secrets(uow: UnitOfWork) -> None:
    """The token and every key this counter made, gone from the store (a revoked counter)."""
    store = secret_store(uow)
    for key_id in uow.session.scalars(select(TrustedKey.key_id).where(TrustedKey.is_own)):
        store.delete(signing_key_name(key_id))
    device_id = uow.session.scalar(select(Counter.id))
    if device_id is not None:
        store.delete(token_name(device_id))


def secrets_in_columns(uow: UnitOfWork) -> bool:
    """Whether a token or a private key is still in the database (a read: every start
    asks, and a second window must not wait on the first one's write lock for it)."""
    with uow:
        token = uow.session.scalar(select(SyncState.device_token).where(SyncState.singleton == 1))
        key = uow.session.scalar(
            select(TrustedKey.key_id).where(TrustedKey.private_key.is_not(None)).limit(1)
        )
        return bool(token) or key is not None


def move_secrets_out(uow: UnitOfWork, now: datetime) -> int:
    """A counter from before the store: the token and keys still in their columns go to
    the store and the columns are blanked (they stay, empty), with an audit entry, in one
    transaction. Returns how many secrets moved."""
    with uow:
        counter = uow.session.scalars(select(Counter)).first()
        if counter is None:
            return 0
        moved = 0
        state = uow.session.get(SyncState, 1)
        if state is not None and state.device_token:
            keep_device_token(uow, counter.id, state.device_token)
            state.device_token = ""
            moved += 1
        for key in uow.session.scalars(
            select(TrustedKey).where(TrustedKey.is_own, TrustedKey.private_key.is_not(None))
        ):
            keep_signing_key(uow, key.key_id, key.private_key)
            key.private_key = None
            moved += 1
        if moved:
            # The old values' bytes are zeroed in the file, not just unlinked from the tree.
            uow.session.execute(text("PRAGMA secure_delete = ON"))
            system = Actor(None, "system", "system", counter.store_id, counter.id)
            kind = secret_store(uow).kind
            detail = {"secrets": moved, "store": kind}
            append_audit(uow, system, now, "secrets.moved", f"counter:{counter.id}", detail)
            uow.commit()
            uow.session.execute(text("PRAGMA secure_delete = OFF"))  # the usual cost again
        return moved
