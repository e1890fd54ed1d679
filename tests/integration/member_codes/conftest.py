"""A member and their code, and a second counter of another store with its own signing key."""

from collections.abc import Iterator

import pytest

from services.core.actor import Actor
from services.core.bootstrap import Runtime
from services.core.setup import NewCounter, set_up_counter
from services.members.accounts import NewMember, member_code, register_member
from tests.integration.member_codes.helpers import code_for, register
from tests.templates import open_migrated_counter


@pytest.fixture
def member(counter):
    return register(counter)


@pytest.fixture
def code(counter, member):
    return code_for(counter, member.id)


@pytest.fixture
def other_counter(tmp_path, clock) -> Iterator[tuple[Runtime, Actor]]:
    """A second counter, of another store, with its own signing key."""
    rt = open_migrated_counter(tmp_path / "other", clock)
    try:
        identity, manager = set_up_counter(
            rt.writer(), NewCounter("别的门店", "T002", "1", "赵经理", "2580"), clock.now()
        )
        actor = Actor(manager.id, manager.name, manager.role, identity.store_id, identity.device_id)
        yield rt, actor
    finally:
        rt.close()


@pytest.fixture
def foreign_code(other_counter) -> str:
    rt, actor = other_counter
    summary = register_member(
        rt.writer(), actor, rt.now(), NewMember("外店会员", "13700137000", 3, 3)
    )
    return member_code(rt.writer(), actor, rt.now(), summary.id)
