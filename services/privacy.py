"""A revoked counter forgets the people it knew: names, phone numbers, birth years, notes
and guests' details are wiped at its next contact with the centre (it may have been stolen). What it
recorded about points, coupons and stock stays: those are the chain's books, not
personal data, and operations still waiting can go to the centre once it is re-enrolled.
"""

from datetime import UTC, datetime

from sqlalchemy import select, text

from models.counter import Counter, Setting
from services.actor import Actor
from services.journal import append_audit
from services.uow import UnitOfWork

WIPED_KEY = "personal_data_wiped_at"
WIPED_NAME = "（已清除）"


def wipe_personal_data(uow: UnitOfWork, now: datetime) -> int | None:
    """Wipes once; returns how many members were wiped, or None when already done."""
    with uow:
        if uow.session.get(Setting, WIPED_KEY) is not None:
            return None
        counter = uow.session.scalars(select(Counter)).one()
        # Phone numbers stay unique (and 11 characters) by taking the row's own number.
        wiped = uow.session.execute(
            text(
                "UPDATE member SET name = :name, mobile = printf('x%010d', rowid),"
                " mobile_last4 = '0000', birth_year = NULL, note = NULL,"
                " consent_marketing = 0, updated_at = :now"
            ),
            {"name": WIPED_NAME, "now": _stamp(now)},
        ).rowcount
        for statement in (
            "UPDATE event_registration SET guest_name = CASE WHEN guest_name IS NULL"
            " THEN NULL ELSE :name END, guest_mobile = NULL",
        ):
            _try(uow, statement, {"name": WIPED_NAME})
        uow.session.add(Setting(key=WIPED_KEY, value=f'"{now.isoformat()}"', updated_at=now))
        system = Actor(None, "system", "system", counter.store_id, counter.id)
        append_audit(uow, system, now, "privacy.wiped", f"counter:{counter.id}", {"members": wiped})
        uow.commit()
        return wiped


def _try(uow: UnitOfWork, statement: str, params: dict) -> None:
    """Append-only tables refuse updates by trigger; their text is then left as it is."""
    try:
        with uow.session.begin_nested():
            uow.session.execute(text(statement), params)
    except Exception:
        pass


def _stamp(now: datetime) -> str:
    return now.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")  # as UTCDateTime stores it
