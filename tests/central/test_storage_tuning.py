"""How the centre's tables are stored on PostgreSQL, where a push's speed depends on it."""

import pytest


def test_member_pages_keep_room_for_a_heap_only_update(central):
    if central.engine.dialect.name != "postgresql":
        pytest.skip("a PostgreSQL storage parameter")
    options = central.scalar("SELECT reloptions FROM pg_class WHERE relname = 'member'")
    assert "fillfactor=90" in (options or [])
