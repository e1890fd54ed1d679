"""Ids at the centre are made as on the counters: UUIDv7 (services.ids)."""

from services.ids import new_id

__all__ = ["new_id"]
