"""`uow.sales`: the purchases a sale writes and the reads about them on the till's path."""

from datetime import datetime

from sqlalchemy import and_, bindparam, insert, select, update

from models.catalog import Member
from models.points import Purchase
from services.core.raw_sql import db_time, from_db_time
from services.core.repository import Repository, Statement

_purchase, _member = Purchase.__table__, Member.__table__
_INSERT = Statement(insert(_purchase))
_MARK = Statement(
    update(_member)
    .where(_member.c.id == bindparam("member_id"))
    .values(last_purchase_at=bindparam("at"))
)
_EARLIER = Statement(
    select(_purchase.c.at, _purchase.c.points_earned, _member.c.name)
    .join(_member, _member.c.id == _purchase.c.member_id)
    .where(
        and_(
            _purchase.c.store_id == bindparam("store_id"),
            _purchase.c.receipt_no == bindparam("receipt_no"),
        )
    )
)


class SaleStore(Repository):
    def add(self, purchase: Purchase) -> None:
        """The purchase row, written as the ORM would write it (the object stays out of
        the session: nothing else in the sale reads it back)."""
        values = {}
        for column in _purchase.columns:
            value = getattr(purchase, column.key)
            values[column.name] = db_time(value) if isinstance(value, datetime) else value
        self.run(_INSERT, **values)

    def mark_member(self, member_id: str, now: datetime) -> None:
        self.run(_MARK, member_id=member_id, at=db_time(now))
        self.forget(Member, member_id, "last_purchase_at")

    def earlier(self, store_id: str, receipt_no: str) -> tuple[datetime, int, str] | None:
        """The purchase this store already took under this receipt: (when, points, member)."""
        row = self.one(_EARLIER, store_id=store_id, receipt_no=receipt_no)
        return None if row is None else (from_db_time(row[0]), row[1], row[2])
