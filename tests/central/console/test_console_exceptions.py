"""Exceptions in the console: a coupon used at two offline counters is a conflict head
office sees (who, where, when) and resolves with a reason, which both counters then show;
refused and clock-flagged operations are listed; a store manager sees only their store's."""

from services import sync
from tests.central.test_authority import forge
from tests.conftest import STORE_CODE
from tests.factories import earn, register
from tests.integration.sync_helpers import exchange


def coupon_used_twice(central, make_counter):
    central.create_store("S1", "一店")
    central.create_store("S2", "二店")
    a = make_counter("1", "S1")
    member = register(a)
    earn(a, member.id, "R1", 30_000)
    [coupon] = exchange(a, member.id, 100)
    assert a.cycle().ok
    b = make_counter("1", "S2")
    assert b.cycle().ok
    earn(a, member.id, "A2", 5_000, coupon=coupon.payload)
    earn(b, member.id, "B2", 5_000, coupon=coupon.payload)
    assert a.cycle().ok and b.cycle().ok and a.cycle().ok
    return a, b


def test_resolve_a_conflict_and_the_counters_show_it(console, make_counter):
    a, b = coupon_used_twice(console.central, make_counter)
    conflict_id = console.central.scalar("SELECT id FROM conflict")
    client = console.signed_in("boss")
    page = client.page("/console/exceptions").text
    assert "优惠券重复使用" in page and "一店" in page and "二店" in page
    refused = client.submit(f"/console/exceptions/{conflict_id}/resolve", {"reason": "\x00"})
    assert refused.status_code == 422 and "不能包含控制字符" in refused.text
    done = client.submit(f"/console/exceptions/{conflict_id}/resolve", {"reason": "总部承担差额"})
    assert done.status_code == 200 and "冲突已处理" in done.text
    again = client.submit(f"/console/exceptions/{conflict_id}/resolve", {"reason": "again"})
    assert again.status_code == 409 and "已被处理" in again.text
    assert b.cycle().ok and a.cycle().ok
    for counter in (a, b):
        [conflict] = sync.list_conflicts(counter.runtime.reader)
        assert conflict.status == "resolved" and conflict.resolution == "总部承担差额"
    resolved = client.page("/console/exceptions?status=resolved").text
    assert "总部承担差额" in resolved and "boss" in resolved
    [row] = console.central.rows("SELECT action, reason, subject FROM console_audit")
    assert tuple(row) == ("conflict.resolve", "总部承担差额", f"conflict:{conflict_id}")


def test_refused_and_clock_flagged_operations_are_listed(console, make_counter):
    console.central.create_store()
    counter = make_counter()
    counter.clock.advance(hours=2)  # the counter's clock runs ahead of the centre's
    register(counter)
    assert counter.cycle().ok
    client = console.signed_in("boss")
    page = client.page("/console/exceptions").text
    clock = page.split('id="clock"')[1].split('id="pos"')[0]
    assert "member.register" in clock and "clock.device_skew" in clock


def test_a_refused_operation_is_listed_with_where_and_why(console, make_counter):
    console.central.create_store()
    counter = make_counter()
    member = register(counter)
    assert counter.cycle().ok
    forge(
        counter,
        "points.visit_bonus",
        {"member_id": member.id, "points": 10**9, "day": "2026-03-01", "rule_version": 1},
    )
    assert counter.cycle().ok
    code = console.central.scalar("SELECT code FROM operation WHERE result = 'rejected'")
    assert code
    client = console.signed_in("boss")
    refused = (
        client.page("/console/exceptions").text.split('id="refused"')[1].split('id="clock"')[0]
    )
    assert "points.visit_bonus" in refused and code in refused and STORE_CODE in refused


def test_a_store_manager_sees_their_conflicts_and_cannot_resolve(console, make_counter):
    coupon_used_twice(console.central, make_counter)
    console.central.create_store("S3", "三店")
    conflict_id = console.central.scalar("SELECT id FROM conflict")
    own = console.signed_in("m1", "store_manager", "S1")
    assert "优惠券重复使用" in own.page("/console/exceptions").text
    assert 'action="/console/exceptions/' not in own.page("/console/exceptions").text
    refused = own.submit(f"/console/exceptions/{conflict_id}/resolve", {"reason": "x"})
    assert refused.status_code == 403
    other = console.signed_in("m3", "store_manager", "S3")
    assert "优惠券重复使用" not in other.page("/console/exceptions").text
    assert console.central.scalar("SELECT status FROM conflict") == "open"
