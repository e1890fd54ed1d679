"""A family's public surface, loaded on first use.

Each family package (services.points, services.sync, ...) names its use cases and views in
its root without importing its modules up front: inner modules import each other across
families, and a root that imported everything at once would pull those cycles in."""

import sys
from collections.abc import Callable
from importlib import import_module


def lazy_surface(package: str, homes: dict[str, str]) -> tuple[Callable, Callable]:
    """(__getattr__, __dir__) for `package`, whose public names live in its modules:
    `homes` maps each name to the module (inside the package) that defines it."""

    def find(name: str):
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f"{package}.{home}"), name)
        setattr(sys.modules[package], name, value)  # found once, then a plain attribute
        return value

    def names() -> list[str]:
        return sorted(set(homes) | set(vars(sys.modules[package])))

    return find, names
