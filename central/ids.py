"""Ids at the centre are made as on the counters: UUIDv7 (common.ids)."""

from common.ids import new_id

__all__ = ["new_id"]
