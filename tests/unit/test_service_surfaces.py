"""Each service family's root is its public surface (the GUI may import nothing else, by
contract): every name it lists is found in the module it names, no name hides one of the
family's modules, a root loads none of its modules until asked, and main.py (which
import-linter cannot cover, being a module and not a package) imports only roots."""

import ast
import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import services

ROOT = Path(__file__).resolve().parents[2]
FAMILIES = ("core", "staff", "members", "points", "coupons", "gifts", "events", "sync", "reports")
SHARED = {"rules", "protocol", "printing"}  # packages without a root surface
# The POS link has an eager root of its own; the GUI still reaches its server and endpoint.
NOT_YET = {"pos"}


def family(name: str):
    return importlib.import_module(f"services.{name}")


def test_every_service_package_is_a_family_or_shared():
    packages = {m.name for m in pkgutil.iter_modules(services.__path__) if m.ispkg}
    assert packages == set(FAMILIES) | SHARED | NOT_YET


@pytest.mark.parametrize("name", FAMILIES)
def test_every_public_name_is_in_the_module_its_root_names(name):
    root = family(name)
    assert root.__all__ == sorted(root._HOMES)
    for public, home in root._HOMES.items():
        module = importlib.import_module(f"services.{name}.{home}")
        assert public in vars(module), f"services.{name}.{home} has no {public}"
        assert getattr(root, public) is vars(module)[public]


@pytest.mark.parametrize("name", FAMILIES)
def test_no_public_name_hides_a_module_of_its_family(name):
    modules = {m.name for m in pkgutil.iter_modules(family(name).__path__)}
    assert modules, name
    assert not modules & set(family(name)._HOMES)


def test_an_unknown_name_is_refused_as_python_refuses_it():
    with pytest.raises(AttributeError, match="no_such_use_case"):
        _ = services.points.no_such_use_case
    with pytest.raises(ImportError):
        exec("from services.sync import no_such_use_case", {})


def test_a_root_loads_none_of_its_modules_until_a_name_is_asked():
    code = (
        "import sys, services.points, services.sync\n"
        "inner = ('services.points.', 'services.sync.')\n"
        "print(sorted(m for m in sys.modules if m.startswith(inner)))\n"
        "services.points.earn\n"
        "print('services.points.sale' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out == ["[]", "True"]


def test_main_imports_only_the_roots():
    inner = []
    for node in ast.walk(ast.parse((ROOT / "main.py").read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "services" and len(parts) > 2 and parts[1] in FAMILIES:
                inner.append(f"{name} (line {node.lineno})")
    assert inner == []
