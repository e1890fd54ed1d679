from tests.central.console.helpers import console, console_sqlite  # noqa: F401  (fixtures)
from tests.central.harness import (  # noqa: F401  (fixtures)
    central,
    central_fixture_for_counters,
    central_sqlite,
    make_counter,
)
