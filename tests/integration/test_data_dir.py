"""Where a counter keeps its data, and what happens when it cannot write there."""

import os
from pathlib import Path

import platformdirs
import pytest

from services.core import bootstrap
from services.core.bootstrap import APP_NAME, DATA_DIR_ENV, open_counter, resolve_data_dir
from services.core.errors import StorageError


def test_command_line_wins_over_environment(tmp_path):
    chosen = resolve_data_dir(str(tmp_path / "cli"), {DATA_DIR_ENV: str(tmp_path / "env")})
    assert chosen == (tmp_path / "cli").resolve()


def test_environment_wins_over_default(tmp_path):
    assert (
        resolve_data_dir(None, {DATA_DIR_ENV: str(tmp_path / "env")})
        == (tmp_path / "env").resolve()
    )


def test_default_is_the_user_data_dir():
    default = resolve_data_dir(None, {})
    assert default == Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    assert default.name == APP_NAME
    assert resolve_data_dir("", {DATA_DIR_ENV: ""}) == default


def test_relative_and_home_paths_resolved(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    assert resolve_data_dir("~/loyalty", {}) == (tmp_path / "loyalty").resolve()
    assert resolve_data_dir("rel", {}) == (tmp_path / "rel").resolve()
    assert resolve_data_dir("rel", {}).is_absolute()


def test_missing_folders_are_created(tmp_path, clock):
    runtime = open_counter(tmp_path / "a" / "b" / "c", clock)
    try:
        assert (tmp_path / "a" / "b" / "c" / "counter.sqlite3").is_file()
    finally:
        runtime.close()


def test_folder_that_cannot_be_written_refused(tmp_path, clock):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        if os.access(locked, os.W_OK):
            # root ignores the mode bits: a path below a regular file cannot be made either
            blocker = tmp_path / "a-file"
            blocker.write_text("not a folder")
            target = blocker / "data"
        else:
            target = locked / "data"
        with pytest.raises(StorageError) as caught:
            open_counter(target, clock)
        assert caught.value.code in ("storage.read_only", "storage.no_folder")
    finally:
        locked.chmod(0o755)


def test_existing_folder_without_write_access_is_read_only(tmp_path, clock, monkeypatch):
    # Exercises the read-only branch even when the tests run as root.
    real_access = os.access
    monkeypatch.setattr(
        bootstrap.os,
        "access",
        lambda path, mode: False if mode == os.W_OK else real_access(path, mode),
    )
    with pytest.raises(StorageError) as caught:
        open_counter(tmp_path, clock)
    assert caught.value.code == "storage.read_only"
    assert not (tmp_path / "counter.sqlite3").exists()
