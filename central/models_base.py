"""The base of the central system's tables: its naming convention and column types. Times
are stored as UTC."""

from datetime import datetime
from typing import Annotated

from sqlalchemy import (
    MetaData,
    String,
)
from sqlalchemy.orm import DeclarativeBase, mapped_column

from common.columns import NAMING_CONVENTION, UTCDateTime

Id = Annotated[str, mapped_column(String(36), primary_key=True)]
Ref = Annotated[str, mapped_column(String(36))]
When = Annotated[datetime, mapped_column(UTCDateTime())]
MaybeWhen = Annotated[datetime | None, mapped_column(UTCDateTime(), nullable=True)]


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
