"""Where a counter keeps its data: light enough to import before the window's first paint
(services.bootstrap, which opens the database, loads SQLAlchemy and the services)."""

import os
from collections.abc import Mapping
from pathlib import Path

import platformdirs

APP_NAME = "LoyaltyCounter"
DATA_DIR_ENV = "LOYALTY_DATA_DIR"


def resolve_data_dir(cli_value: str | None, environ: Mapping[str, str] = os.environ) -> Path:
    chosen = cli_value or environ.get(DATA_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
