"""The import-linter contracts in pyproject.toml hold: ui -> services -> models, no Qt below."""

import os
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
GUI_CONTRACT = "The GUI never touches the database"


def lint_imports(*args: str) -> subprocess.CompletedProcess:
    exe = shutil.which("lint-imports")
    if exe is None:
        pytest.fail("lint-imports (import-linter) is not installed")
    return subprocess.run(
        [exe, "--no-cache", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def assert_kept(result: subprocess.CompletedProcess) -> None:
    if result.returncode != 0:
        print(result.stdout)
        print(result.stderr)
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_contracts_hold():
    assert_kept(lint_imports())


def as_ini(config: dict) -> str:
    """import-linter's INI form of a [tool.importlinter] table."""

    def value(v):
        if isinstance(v, list):
            return "".join(f"\n    {item}" for item in v)
        return str(v)

    lines = ["[importlinter]"]
    lines += [f"{k} = {value(v)}" for k, v in config.items() if k != "contracts"]
    for n, contract in enumerate(config["contracts"], 1):
        lines.append(f"\n[importlinter:contract:{n}]")
        lines += [f"{k} = {value(v)}" for k, v in contract.items()]
    return "\n".join(lines) + "\n"


def test_a_gui_module_importing_the_database_breaks_the_contract(tmp_path):
    """The same contracts over a tiny tree where ui imports SQLAlchemy: they must catch it."""
    config = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text("utf-8"))["tool"][
        "importlinter"
    ]
    # every package of ours a contract names, so each contract has what it speaks of
    ours = set(config["root_packages"])
    named = {"ui", "services", "models", "central"}
    for contract in config["contracts"]:
        for key in ("layers", "source_modules", "forbidden_modules"):
            named |= {m for m in contract.get(key, []) if m.split(".")[0] in ours}
    for module in sorted(named):
        if "*" in module:
            module = module.split(".*")[0]
        parts = module.split(".")
        for depth in range(1, len(parts) + 1):
            package = tmp_path.joinpath(*parts[:depth])
            package.mkdir(exist_ok=True)
            (package / "__init__.py").write_text("")
    (tmp_path / "ui" / "bad_page.py").write_text("import sqlalchemy\n")
    ini = tmp_path / "importlinter.ini"
    ini.write_text(as_ini(config), "utf-8")
    exe = shutil.which("lint-imports")
    result = subprocess.run(
        [exe, "--no-cache", "--config", str(ini)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
    )
    assert result.returncode != 0
    assert GUI_CONTRACT in result.stdout
    assert "ui.bad_page -> sqlalchemy" in result.stdout
