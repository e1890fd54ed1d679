"""Declarative base and the column types every table shares (the naming convention and
the UTC datetime column are the centre's too: common.columns)."""

from datetime import datetime
from typing import Annotated

from sqlalchemy import CHAR, MetaData, String
from sqlalchemy.orm import DeclarativeBase, mapped_column

from common.columns import NAMING_CONVENTION, UTCDateTime

# UUIDv7 made on the device, stored as its canonical 36-character text.
UUIDPk = Annotated[str, mapped_column(CHAR(36), primary_key=True)]
UUIDRef = Annotated[str, mapped_column(CHAR(36))]
Timestamp = Annotated[datetime, mapped_column(UTCDateTime())]
Name = Annotated[str, mapped_column(String(120))]
Code = Annotated[str, mapped_column(String(64))]


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


__all__ = [
    "NAMING_CONVENTION",
    "Base",
    "Code",
    "Name",
    "Timestamp",
    "UTCDateTime",
    "UUIDPk",
    "UUIDRef",
]
