"""Small reads the points use cases share, as a repository on the unit of work (Core
statements compiled once: each ORM query costs an earn more than SQLite does), and a
receipt number as the counter keeps it."""

from datetime import datetime

from sqlalchemy import bindparam, func, select

from models.counter import Counter, Store
from models.points import PointsLot, Purchase, RuleVersion
from services.core.errors import ValidationError
from services.core.raw_sql import db_time, from_db_time
from services.core.repository import Repository, Statement
from services.core.uow import UnitOfWork
from services.protocol import codes
from services.rules.text import clean_text

RECEIPT_MAX = 64

_store, _counter, _lot, _purchase = (
    Store.__table__,
    Counter.__table__,
    PointsLot.__table__,
    Purchase.__table__,
)
_TIMEZONE = Statement(select(_store.c.timezone).join(_counter, _counter.c.store_id == _store.c.id))
_ANY_TIMEZONE = Statement(select(_store.c.timezone).limit(1))
_RULE_BODIES = Statement(
    select(RuleVersion.__table__.c.body)
    .order_by(RuleVersion.__table__.c.version.desc())
    .limit(bindparam("most"))
)
_NEXT_EXPIRY = Statement(
    select(_lot.c.expires_at, func.sum(_lot.c.remaining))
    .where(
        _lot.c.member_id == bindparam("member_id"),
        _lot.c.remaining > 0,
        _lot.c.expires_at > bindparam("now"),
    )
    .group_by(_lot.c.expires_at)
    .order_by(_lot.c.expires_at)
    .limit(1)
)
_SPENDS = Statement(
    select(_purchase.c.paid_fen, _purchase.c.points_cash_fen, _purchase.c.refunded_fen).where(
        _purchase.c.member_id == bindparam("member_id"),
        _purchase.c.at > bindparam("since"),
        _purchase.c.at <= bindparam("until"),
    )
)
_DAY = Statement(
    select(
        _purchase.c.receipt_no,
        _purchase.c.gross_fen,
        _purchase.c.refunded_fen,
        _purchase.c.member_id,
    ).where(
        _purchase.c.store_id == bindparam("store_id"),
        _purchase.c.at >= bindparam("start"),
        _purchase.c.at < bindparam("end"),
    )
)


class PointsReads(Repository):
    """Reads on the till's path; what the session still holds is written first."""

    def timezone(self) -> str:
        """This counter's store's time zone."""
        return self.one(_TIMEZONE)[0]

    def any_timezone(self) -> str | None:
        row = self.one(_ANY_TIMEZONE)
        return row[0] if row else None

    def rule_bodies(self, most: int) -> list[str]:
        """The newest rule sets' bodies, newest first."""
        return [row[0] for row in self.all(_RULE_BODIES, most=most)]

    def next_expiry(self, member_id: str, now: datetime) -> tuple[datetime | None, int]:
        """The member's next expiry date after `now` and the points expiring then."""
        row = self.one(_NEXT_EXPIRY, member_id=member_id, now=db_time(now))
        return (from_db_time(row[0]), row[1]) if row else (None, 0)

    def spends(self, member_id: str, since: datetime, until: datetime) -> list[tuple]:
        """(paid, points as cash, refunded) fen of the member's purchases in (since, until]."""
        return self.all(_SPENDS, member_id=member_id, since=db_time(since), until=db_time(until))

    def day_purchases(self, store_id: str, start: datetime, end: datetime) -> list[tuple]:
        """(receipt, gross fen, refunded fen, member) of the store's purchases in [start, end)."""
        return self.all(_DAY, store_id=store_id, start=db_time(start), end=db_time(end))


def store_timezone(uow: UnitOfWork) -> str:
    return PointsReads(uow).timezone()


def checked_receipt(receipt_no: str) -> str:
    receipt = clean_text(receipt_no).replace(" ", "").upper()
    if not receipt or len(receipt) > RECEIPT_MAX or not receipt.isascii():
        raise ValidationError(codes.PURCHASE_BAD_RECEIPT)
    return receipt
