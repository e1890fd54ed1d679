"""Inviting a member by what the manager types: the look-up and the registration are one
transaction, and a query that finds no one, or several, records nothing."""

import pytest

from services.core.errors import NotFoundError, PermissionDenied, StateError
from services.events import registrations
from services.events import reports as event_reports
from tests.factories import register
from tests.integration.events.conftest import sign


def invite(counter, event_id, query, actor=None):
    rt = counter.runtime
    return registrations.invite_member(
        rt.writer(), actor or counter.manager, rt.now(), event_id, query
    )


def registered(counter, event_id) -> list[str]:
    report = event_reports.attendance(counter.runtime.reader(), event_id)
    return sorted(r.name for r in report.rows)


def test_a_mobile_number_invites_its_member_once(counter, setup):
    event_id, people = setup
    reg = invite(counter, event_id, "13800000001")
    assert (reg.name, reg.member_id, reg.kind) == ("乙", people[1][0].id, "invited")
    assert registered(counter, event_id) == ["乙"]
    with pytest.raises(StateError) as caught:
        invite(counter, event_id, "13800000001")
    assert caught.value.code == "event.already_registered"
    assert registered(counter, event_id) == ["乙"]


def test_a_card_code_invites_and_the_card_then_signs_in(counter, setup):
    event_id, people = setup
    member, code = people[0]
    assert invite(counter, event_id, code).member_id == member.id
    assert sign(counter, event_id, code, "n1").outcome == "admitted"


def test_a_name_two_members_share_records_nothing(counter, setup):
    event_id, _people = setup
    register(counter, "甲二", "13900000002")
    with pytest.raises(NotFoundError) as caught:
        invite(counter, event_id, "甲")
    assert caught.value.code == "member.not_found"
    with pytest.raises(NotFoundError):
        invite(counter, event_id, "13700000000")  # no one
    assert registered(counter, event_id) == []
    assert invite(counter, event_id, "甲二").name == "甲二"


def test_door_staff_may_not_invite(counter, setup):
    event_id, _people = setup
    with pytest.raises(PermissionDenied):
        invite(counter, event_id, "13800000001", counter.make_event_staff())
    assert registered(counter, event_id) == []
