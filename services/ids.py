"""Ids are UUIDv7 made on the device: time-sortable and unique across offline counters."""

from uuid6 import uuid7


def new_id() -> str:
    return str(uuid7())
