"""Ids at the centre are made as on the counters: UUIDv7 (services.core.ids)."""

from services.core.ids import new_id

__all__ = ["new_id"]
