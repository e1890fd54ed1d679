"""The packaged program: PyInstaller builds the one-folder bundle, which then starts on a
fresh data folder, migrates it, shows the main window (offscreen) and reports ready.

Slow (a few minutes): it is the check that the installable program works, not just the
source tree.
"""

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from models.migrate import head_revision
from services.core.about import VERSION

pytestmark = pytest.mark.slow  # builds the bundle (about a minute): CI's slow step

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "loyalty-counter.spec"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    if shutil.which("pyinstaller") is None and not _has_module("PyInstaller"):
        pytest.skip("PyInstaller is not installed (it comes with the dev extras)")
    work = tmp_path_factory.mktemp("bundle")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(work / "dist"),
            "--workpath",
            str(work / "build"),
            str(SPEC),
        ],
        cwd=ROOT,
        check=True,
        timeout=1800,
    )
    return work / "dist" / "loyalty-counter"


def _has_module(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


def test_the_bundle_carries_translations_icons_and_migrations(bundle):
    internal = bundle / "_internal"
    assert (internal / "resources" / "i18n" / "loyalty_zh_CN.qm").is_file()
    assert (internal / "resources" / "icons" / "loyalty-counter.png").is_file()
    versions = list((internal / "models" / "migrations" / "versions").glob("*.py"))
    assert len(versions) == len(list((ROOT / "models" / "migrations" / "versions").glob("*.py")))


def test_the_bundle_starts_on_a_fresh_folder_and_migrates_it(bundle, tmp_path):
    program = bundle / ("loyalty-counter.exe" if os.name == "nt" else "loyalty-counter")
    data = tmp_path / "fresh"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LOYALTY_SMOKE_TEST="1")
    run = subprocess.run(
        [str(program), "--data-dir", str(data), "--demo", "--lang", "zh_CN"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert f"{VERSION} ready" in run.stdout
    with sqlite3.connect(data / "counter.sqlite3") as conn:
        assert (
            conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
        )
        assert conn.execute("SELECT count(*) FROM member").fetchone()[0] == 200
