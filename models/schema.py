"""Imports every table module so `Base.metadata` is complete (Alembic and tests use it)."""

from models import catalog, counter, coupons, gifts, journal, keys, points, staff, visits
from models.base import Base

metadata = Base.metadata

__all__ = [
    "catalog",
    "counter",
    "coupons",
    "gifts",
    "journal",
    "keys",
    "metadata",
    "points",
    "staff",
    "visits",
]
