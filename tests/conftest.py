"""Shared fixtures: a manual clock, a counter database in a temporary folder, a set-up store.

The UI tests use these too, so the fixture names (`clock`, `runtime`, `counter`) are stable.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, settings

from services.core import secrets
from services.core.actor import Actor
from services.core.bootstrap import Runtime
from services.core.clock import ManualClock
from services.core.setup import CounterIdentity, NewCounter, set_up_counter
from services.staff import pin_hash
from services.staff.accounts import StaffSummary, create_staff
from tests.templates import open_migrated_counter

# The tests run on every core, beside whatever else the machine runs: how long an example
# took to make or to run is the machine's load, not a property of the code under test.
settings.register_profile(
    "shared-cores", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("shared-cores")

START = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)
FAST_SCRYPT_N = 2**8

STORE_NAME = "测试门店"
STORE_CODE = "T001"
COUNTER_LABEL = "1"
MANAGER_NAME = "王经理"
MANAGER_PIN = "2580"
CASHIER_NAME = "李收银"
CASHIER_PIN = "3691"
EVENT_STAFF_NAME = "张活动"
EVENT_STAFF_PIN = "4826"


@pytest.fixture(autouse=True)
def fast_pin_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cheap scrypt for tests; each hash records its own cost, so verification still works."""
    monkeypatch.setattr(pin_hash, "SCRYPT_N", FAST_SCRYPT_N)


@pytest.fixture(autouse=True)
def isolated_secret_store(tmp_path_factory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Secrets go to an encrypted file under a temporary key, never the machine's keystore."""
    key = tmp_path_factory.mktemp("user-keys") / secrets.KEY_FILENAME
    monkeypatch.setattr(secrets, "_factory", lambda data_dir: secrets.FileStore(data_dir, key))
    monkeypatch.setattr(secrets, "_stores", {})
    monkeypatch.setenv(secrets.STORE_ENV, "file")  # and in the processes tests start
    monkeypatch.setenv(secrets.KEY_DIR_ENV, str(key.parent))


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def runtime(tmp_path, clock: ManualClock) -> Iterator[Runtime]:
    rt = open_migrated_counter(tmp_path / "data", clock)
    try:
        yield rt
    finally:
        rt.close()


@dataclass(frozen=True)
class SetUpCounter:
    """A counter that has been through first run, with helpers to add more staff."""

    runtime: Runtime
    identity: CounterIdentity
    manager: Actor
    manager_pin: str

    cashier_pin: str = CASHIER_PIN
    event_staff_pin: str = EVENT_STAFF_PIN

    def actor_for(self, staff: StaffSummary) -> Actor:
        return Actor(
            staff.id, staff.name, staff.role, self.identity.store_id, self.identity.device_id
        )

    def add_staff(self, name: str, role: str, pin: str) -> Actor:
        summary = create_staff(
            self.runtime.writer(), self.manager, self.runtime.now(), name, role, pin
        )
        return self.actor_for(summary)

    def make_cashier(self, name: str = CASHIER_NAME) -> Actor:
        return self.add_staff(name, "cashier", CASHIER_PIN)

    def make_event_staff(self, name: str = EVENT_STAFF_NAME) -> Actor:
        return self.add_staff(name, "event_staff", EVENT_STAFF_PIN)


@pytest.fixture
def counter(runtime: Runtime, clock: ManualClock) -> SetUpCounter:
    identity, manager = set_up_counter(
        runtime.writer(),
        NewCounter(STORE_NAME, STORE_CODE, COUNTER_LABEL, MANAGER_NAME, MANAGER_PIN),
        clock.now(),
    )
    actor = Actor(manager.id, manager.name, manager.role, identity.store_id, identity.device_id)
    return SetUpCounter(runtime=runtime, identity=identity, manager=actor, manager_pin=MANAGER_PIN)
