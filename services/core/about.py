"""What the About box says: this program's version and the licences of what it bundles."""

from dataclasses import dataclass
from importlib import metadata

VERSION = "0.4.0"
# What the counter ships with (its runtime dependencies); each keeps its own licence.
BUNDLED = (
    "PySide6",
    "shiboken6",
    "SQLAlchemy",
    "alembic",
    "platformdirs",
    "orjson",
    "cryptography",
    "reportlab",
    "rl_accel",
    "pillow",
    "zxing-cpp",
    "httpx",
)


@dataclass(frozen=True)
class Component:
    name: str
    version: str
    licence: str


def bundled_components() -> list[Component]:
    """Name, version and licence of each bundled library that is installed."""
    found = []
    for name in BUNDLED:
        try:
            meta = metadata.metadata(name)
        except metadata.PackageNotFoundError:
            continue
        found.append(Component(meta["Name"], meta["Version"], _licence(meta)))
    return found


def _licence(meta) -> str:
    expression = meta.get("License-Expression")
    if expression:
        return expression
    classifiers = [
        c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")
    ]
    if classifiers:
        return ", ".join(classifiers)
    text = (meta.get("License") or "").strip()
    return text.splitlines()[0][:60] if text else "see the package"
