"""Small reads the points use cases share: the store's time zone, a plain connection
for the hot reads, and a receipt number as the counter keeps it."""

from services.core.errors import ValidationError
from services.core.raw_sql import raw_connection
from services.core.uow import UnitOfWork
from services.protocol import codes
from services.rules.text import clean_text

RECEIPT_MAX = 64


def store_timezone(uow: UnitOfWork) -> str:
    return (
        plain_connection(uow)
        .execute("SELECT s.timezone FROM store s JOIN counter c ON c.store_id = s.id")
        .fetchone()[0]
    )


def plain_connection(uow: UnitOfWork):
    """The unit of work's own connection for a plain read (each ORM query costs an earn more
    than SQLite does), after writing what the ORM still holds so the read sees it."""
    if uow.session.new or uow.session.dirty or uow.session.deleted:
        uow.flush()
    return raw_connection(uow)


def checked_receipt(receipt_no: str) -> str:
    receipt = clean_text(receipt_no).replace(" ", "").upper()
    if not receipt or len(receipt) > RECEIPT_MAX or not receipt.isascii():
        raise ValidationError(codes.PURCHASE_BAD_RECEIPT)
    return receipt
