"""The command line: what --help lists, where --data-dir may go, and that `sync` and `enroll`
say what is wrong instead of creating a counter or "waiting 0"."""

import logging

import pytest

import main
from tests.central.harness import (  # noqa: F401  (fixtures)
    STORE_CODE,
    central_sqlite,
    make_counter,
)
from tests.factories import register
from tests.integration.sync_helpers import outbox


@pytest.fixture
def central_fixture_for_counters(central_sqlite):
    central_sqlite.create_store()
    return central_sqlite


def test_help_lists_the_commands(capsys):
    with pytest.raises(SystemExit) as done:
        main.parse_args(["--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    assert "enroll" in text and "sync" in text


@pytest.mark.parametrize(
    "argv",
    [
        ["--data-dir", "/x/y", "sync", "--once"],
        ["sync", "--once", "--data-dir", "/x/y"],
        ["sync", "--data-dir", "/x/y", "--once"],
    ],
)
def test_the_data_folder_may_be_named_before_or_after_the_command(argv):
    args = main.parse_args(argv)
    assert (args.command, args.data_dir) == ("sync", "/x/y")


def test_the_window_still_takes_its_own_options():
    args = main.parse_args(["--data-dir", "/x/y", "--lang", "en"])
    assert (args.command, args.data_dir, args.lang) == (None, "/x/y", "en")


def test_sync_on_a_mistyped_folder_says_so_and_creates_nothing(tmp_path, capsys):
    folder = tmp_path / "counter-typo"
    assert main.main(["sync", "--once", "--data-dir", str(folder)]) != 0
    assert not folder.exists()
    assert "no counter in" in capsys.readouterr().err


def test_sync_on_a_counter_never_enrolled_says_so(make_counter, capsys):
    counter = make_counter(enroll=False)
    register(counter)
    waiting = len(outbox(counter))
    code = main.main(["sync", "--once", "--data-dir", str(counter.runtime.data_dir)])
    out = capsys.readouterr()
    assert code != 0
    assert "sync.not_enrolled" in out.err and f"{waiting} operations" in out.err
    assert "waiting" not in out.out
    assert len(outbox(counter)) == waiting


def test_enrolling_with_another_stores_code_names_both_codes(
    make_counter, central_sqlite, monkeypatch, capsys
):
    central_sqlite.create_store("S9", "另一家店")
    counter = make_counter(enroll=False)
    monkeypatch.setattr(
        "services.sync.client.default_http", lambda url, _link=None: central_sqlite.http(url)
    )
    code = central_sqlite.enrollment_code("S9")
    folder = str(counter.runtime.data_dir)
    argv = ["enroll", "--central", "http://127.0.0.1:8470", "--code", code, "--data-dir", folder]
    assert main.main(argv) != 0
    err = capsys.readouterr().err
    assert "enroll.store_mismatch" in err
    assert "S9" in err and STORE_CODE in err


def test_no_alembic_progress_lines_at_start(make_counter, caplog):
    counter = make_counter(enroll=False)
    with caplog.at_level(logging.INFO):
        main.main(["sync", "--once", "--data-dir", str(counter.runtime.data_dir)])
    chatter = [r for r in caplog.records if r.name.startswith("alembic")]
    assert chatter == []
