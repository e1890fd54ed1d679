"""What a member's card shows besides the member row, read by a repository on the unit of
work's own connection: building the ORM's queries was most of a scan's look-up (about 3 ms
of 4.6), SQLite's own part a tenth of a millisecond. The statements are fixed strings, so
sqlite3 keeps them prepared in its statement cache from one scan to the next."""

from dataclasses import dataclass
from datetime import datetime

from services.core.raw_sql import db_time, from_db_time
from services.core.repository import TextStatements
from services.core.uow import UnitOfWork
from services.rules.members import store_day_start

STORE = "SELECT s.id, s.name, s.timezone FROM store s JOIN counter c ON c.store_id = s.id"
RECENT = (
    "SELECT v.at, v.store_id, c.label FROM visit v LEFT JOIN counter c ON c.id = v.device_id"
    " WHERE v.member_id = ? ORDER BY v.at DESC LIMIT ?"
)
TODAY = "SELECT count(*) FROM visit WHERE member_id = ? AND at >= ?"
EXPIRING = (
    "SELECT sum(remaining), min(expires_at) FROM points_lot"
    " WHERE member_id = ? AND remaining > 0 AND expires_at > ? AND expires_at <= ?"
)
COUPONS = (
    "SELECT title_zh, title_en FROM coupon"
    " WHERE member_id = ? AND status = 'issued' AND expires_at > ?"
    " ORDER BY expires_at LIMIT ?"
)


@dataclass(frozen=True)
class CardParts:
    store_id: str
    store_name: str
    timezone: str
    recent: tuple[tuple[datetime, str, str | None], ...]  # at, store id, counter label
    visits_today: int
    expiring: int
    expiring_on: datetime | None
    coupons: tuple[tuple[str, str], ...]  # (Chinese, English) titles, soonest expiry first


def read_card_parts(
    uow: UnitOfWork,
    member_id: str,
    now: datetime,
    warn_until: datetime,
    visits: int,
    coupons: int,
) -> CardParts:
    """Inside an open unit of work: this counter's store, the member's last `visits`
    visits and today's count, points expiring by `warn_until`, up to `coupons` usable
    coupons."""
    card = TextStatements(uow)
    store_id, store_name, timezone = card.execute(STORE).fetchone()
    recent = tuple(
        (from_db_time(at), visit_store, label)
        for at, visit_store, label in card.execute(RECENT, (member_id, visits))
    )
    day_start = db_time(store_day_start(now, timezone))
    (today,) = card.execute(TODAY, (member_id, day_start)).fetchone()
    expiring, first = card.execute(
        EXPIRING, (member_id, db_time(now), db_time(warn_until))
    ).fetchone()
    titles = tuple((zh, en) for zh, en in card.execute(COUPONS, (member_id, db_time(now), coupons)))
    return CardParts(
        store_id,
        store_name,
        timezone,
        recent,
        today,
        expiring or 0,
        from_db_time(first),
        titles,
    )
