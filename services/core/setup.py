"""First run: the store this counter serves, the counter itself, and its first manager."""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select

from common.ids import new_id
from models.counter import Counter, Store
from services.core.actor import Actor
from services.core.errors import StateError, ValidationError
from services.core.journal import append_audit
from services.core.uow import UnitOfWork
from services.protocol import codes
from services.rules.text import clean_text, name_problem, normalize_store_code
from services.staff.accounts import StaffSummary, add_staff_in, checked_new_staff

DEFAULT_TIMEZONE = "Asia/Shanghai"


@dataclass(frozen=True)
class CounterIdentity:
    store_id: str
    store_code: str
    store_name: str
    timezone: str
    device_id: str
    counter_label: str


@dataclass(frozen=True)
class NewCounter:
    store_name: str
    store_code: str
    counter_label: str
    manager_name: str
    manager_pin: str
    timezone: str = DEFAULT_TIMEZONE


def load_identity(uow: UnitOfWork) -> CounterIdentity | None:
    """None until the first run has set the counter up."""
    with uow:
        row = uow.session.execute(select(Counter, Store).join(Store)).first()
        if row is None:
            return None
        counter, store = row
        return CounterIdentity(
            store.id, store.code, store.name, store.timezone, counter.id, counter.label
        )


def set_up_counter(
    uow: UnitOfWork, new: NewCounter, now: datetime
) -> tuple[CounterIdentity, StaffSummary]:
    """Store, counter and first manager in one transaction: all of them or none."""
    store_name = clean_text(new.store_name)
    label = clean_text(new.counter_label) or "1"
    code = normalize_store_code(new.store_code)
    _validate(store_name, code, new)
    manager_name, pin_digest = checked_new_staff(new.manager_name, "manager", new.manager_pin)
    with uow:
        if uow.session.scalars(select(Counter)).first() is not None:
            raise StateError(codes.COUNTER_ALREADY_SET_UP)
        store = Store(
            id=new_id(), code=code, name=store_name, timezone=new.timezone, created_at=now
        )
        uow.session.add(store)
        uow.flush()  # no ORM relationship orders these inserts
        counter = Counter(
            id=new_id(),
            singleton=1,
            store_id=store.id,
            label=label,
            last_seq=0,
            last_member_no=0,
            created_at=now,
        )
        uow.session.add(counter)
        system = Actor(None, "system", "system", store.id, counter.id)
        detail = {"code": code, "name": store_name}
        append_audit(uow, system, now, "counter.set_up", f"store:{store.id}", detail)
        manager = add_staff_in(uow, system, now, manager_name, "manager", pin_digest)
        uow.commit()
    identity = CounterIdentity(store.id, code, store_name, new.timezone, counter.id, label)
    return identity, manager


def _validate(store_name: str, code: str | None, new: NewCounter) -> None:
    if problem := name_problem(store_name):
        raise ValidationError("store." + problem)
    if code is None:
        raise ValidationError(codes.STORE_BAD_CODE)
    try:
        ZoneInfo(new.timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(codes.STORE_BAD_TIMEZONE) from exc
