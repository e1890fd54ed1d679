"""Imports every table module so `Base.metadata` is complete (Alembic and tests use it)."""

from models import (
    catalog,
    counter,
    coupons,
    events,
    gifts,
    journal,
    keys,
    points,
    pos,
    reports,
    staff,
    sync,
    visits,
)
from models.base import Base

metadata = Base.metadata

__all__ = [
    "catalog",
    "counter",
    "coupons",
    "events",
    "gifts",
    "journal",
    "keys",
    "metadata",
    "points",
    "pos",
    "reports",
    "staff",
    "sync",
    "visits",
]
