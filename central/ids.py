"""Ids made by the centre: UUIDv7, like the counters' own."""

from uuid6 import uuid7


def new_id() -> str:
    return str(uuid7())
