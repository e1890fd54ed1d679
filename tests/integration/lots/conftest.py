"""Points lots over time. The clock starts on 1 June 2025 (10:00 in Shanghai) so lots from two
years can be earned.
"""

import pytest

from services.core.clock import ManualClock
from tests.integration.lots.helpers import START_2025


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START_2025)
