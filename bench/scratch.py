"""Secrets a bench's counters make stay in the bench's own temporary folder.

A counter keeps its device token and signing key in the OS keystore when there is one, or
encrypted in its data folder under a per-user key file kept outside it. Each bench counter
would leave a keystore entry, or that key file, behind; a bench runs its main under
`private_secrets`, so they go to the encrypted file and a key folder removed at the end.
Child processes inherit the setting.
"""

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def private_secrets() -> Iterator[None]:
    from services.core.secrets import KEY_DIR_ENV, STORE_ENV

    saved = {name: os.environ.get(name) for name in (KEY_DIR_ENV, STORE_ENV)}
    with tempfile.TemporaryDirectory(prefix="bench_keys_") as folder:
        os.environ[STORE_ENV] = "file"
        os.environ[KEY_DIR_ENV] = folder
        try:
            yield
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
