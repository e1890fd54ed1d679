"""The centre accepts what the counter's refund rules now send: a reversal smaller than the
proportional one, a tier taken back on the refund of the upgrading purchase, and an upgrade
whose spend leaves out the points part of a refunded purchase, as the counter counts it."""

from services import points
from tests.central.harness import (  # noqa: F401  (fixtures)
    central,
    central_fixture_for_counters,
    make_counter,
)
from tests.factories import earn, register
from tests.integration.sync_helpers import outbox


def centre_tier(central, member_id) -> str:
    [row] = central.rows("SELECT tier FROM member WHERE id = :m", m=member_id)
    return row.tier


def results(counter) -> set[tuple[str, str | None]]:
    return {(row[3], row[5]) for row in outbox(counter)}


def refund(counter, receipt, fen):
    return points.refund(
        counter.runtime.writer(), counter.manager, counter.runtime.now(), receipt, fen
    )


def test_refund_of_the_upgrading_purchase_takes_the_tier_back_at_the_centre(central, make_counter):
    central.create_store()
    a = make_counter("1")
    member = register(a)
    earn(a, member.id, "A", 150_000)
    assert earn(a, member.id, "B", 60_000).new_tier == "silver"
    assert a.cycle().ok
    assert centre_tier(central, member.id) == "silver"
    assert refund(a, "B", 60_000).new_tier == "bronze"
    assert a.cycle().ok
    assert results(a) == {("applied", None)}
    assert centre_tier(central, member.id) == "bronze"


def test_an_upgrade_after_refunding_a_purchase_paid_partly_in_points_is_accepted(
    central, make_counter
):
    central.create_store()
    a = make_counter("1")
    member = register(a)
    assert earn(a, member.id, "A", 200_000).new_tier == "silver"
    earn(a, member.id, "B", 10_000, cash=500)  # 90 after discount: 85 paid, 5 in points
    refund(a, "B", 9_000)
    # 2,000 counted + 3,000.01 paid (3,333.34 less 10%): gold by the counter's count; taking
    # the 5 yuan of points off as well left the centre 4.99 yuan short and refused it.
    assert earn(a, member.id, "C", 333_334).new_tier == "gold"
    assert a.cycle().ok
    assert results(a) == {("applied", None)}
    assert centre_tier(central, member.id) == "gold"
