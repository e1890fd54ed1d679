"""The offline lease: granted by the centre at enrollment and in every answer; past it the
counter earns but refuses redemptions and coupons until a sync renews it; unreached past
the wipe horizon it forgets its customers but keeps its sales for the centre."""

from datetime import timedelta

import httpx
import pytest

from central.app import create_app
from models.counter import Setting
from services.core import secrets
from services.core.bootstrap import open_counter
from services.core.clock import ManualClock
from services.core.errors import StateError
from services.coupons.use import redeem_gift_coupon
from services.members.accounts import NewMember, update_member
from services.members.check_in import check_in
from services.members.privacy import WIPED_KEY
from services.reports.status import read_sync_status
from services.sync import list_rejected, load_state
from services.sync.lease import EXPIRY_WIPE_KEY
from tests.central.harness import (  # noqa: F401  (fixtures)
    central,
    central_fixture_for_counters,
    make_counter,
)
from tests.conftest import START
from tests.factories import earn, register
from tests.integration.sync_helpers import exchange, outbox
from tests.integration.test_gift_redemption import make_gift, redeem
from tests.integration.test_sync import centre_balance
from tests.integration.test_sync_wipe import files_holding

DAY = timedelta(days=1)
MOBILE = "13912345678"
WAITING_MOBILE = "13787654321"
RENAMED_MOBILE = "13911112222"


@pytest.fixture
def centre_clock(central):
    """The centre on a clock of its own that starts with the counters'."""
    clock = ManualClock(START)
    central.app = create_app(central.engine, clock=clock.now)
    return clock


def lease(counter):
    state = load_state(counter.runtime.reader)
    return state.lease_until, state.wipe_after


def travel(counter, centre_clock, delta: timedelta) -> None:
    counter.clock.advance(seconds=delta.total_seconds())
    centre_clock.advance(seconds=delta.total_seconds())


def offline(_url: str) -> httpx.Client:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("no network", request=request)

    return httpx.Client(transport=httpx.MockTransport(refuse))


def test_enrollment_grants_a_lease_and_each_sync_renews_it(
    central, centre_clock, make_counter, monkeypatch
):
    central.create_store()
    a = make_counter("1")
    assert lease(a) == (START + 7 * DAY, START + 30 * DAY)
    member = register(a)
    earn(a, member.id, "R1", 10_000)
    travel(a, centre_clock, 2 * DAY)
    monkeypatch.setenv("CENTRAL_LEASE_DAYS", "3")
    assert a.cycle().ok
    assert lease(a) == (START + 5 * DAY, START + 32 * DAY)
    until = central.scalar("SELECT lease_until FROM device")
    assert str(until).startswith(str((START + 5 * DAY).date()))
    # A pull alone (nothing to push) renews it too.
    travel(a, centre_clock, DAY)
    report = a.cycle()
    assert report.ok and report.pushed.sent == 0
    assert lease(a)[0] == START + 6 * DAY


def test_past_the_lease_redemptions_and_coupons_wait_but_earning_goes_on(
    central, centre_clock, make_counter
):
    central.create_store()
    a = make_counter("1")
    member = register(a)
    earn(a, member.id, "R1", 100_000)  # 1,000 points
    coupon = exchange(a, member.id, 100)[0]
    gift = make_gift(a)
    assert a.cycle().ok
    travel(a, centre_clock, 7 * DAY + timedelta(minutes=1))  # offline all week

    refused = [
        lambda: earn(a, member.id, "R2", 10_000, cash=100),
        lambda: earn(a, member.id, "R3", 10_000, coupon=coupon.payload),
        lambda: exchange(a, member.id, 100),
        lambda: redeem(a, member.id, gift),
        lambda: coupons_redeem_gift(a, coupon.payload),
    ]
    for attempt in refused:
        with pytest.raises(StateError) as error:
            attempt()
        assert error.value.code == "lease.expired"
    pending = len([row for row in outbox(a) if row[3] == "pending"])
    assert earn(a, member.id, "R4", 10_000).quote.points.total > 0  # earning still works
    assert len([row for row in outbox(a) if row[3] == "pending"]) == pending + 1
    checked = check_in(a.runtime.writer(), a.manager, a.runtime.now(), member.member_no)
    assert checked.card is not None and checked.card.id == member.id  # so does check-in

    assert a.cycle().ok  # the centre reached: the lease is renewed
    assert earn(a, member.id, "R5", 10_000, cash=100).quote.points_cash == 100


def coupons_redeem_gift(counter, signed_text):
    return redeem_gift_coupon(
        counter.runtime.writer(), counter.manager, counter.runtime.now(), signed_text, None, False
    )


def test_unreached_past_the_horizon_it_forgets_its_customers_and_keeps_its_sales(
    central, centre_clock, make_counter
):
    central.create_store()
    a = make_counter("1")
    first = register(a, "周晓梅", MOBILE)
    earn(a, first.id, "R1", 10_000)
    # An edit audited with its old and new values: the wipe changes that entry's detail.
    update_member(
        a.runtime.writer(),
        a.manager,
        a.runtime.now(),
        first.id,
        NewMember("周小梅", RENAMED_MOBILE, 8, 12),
    )
    assert a.cycle().ok
    earn(a, first.id, "R2", 20_000)  # a sale offline for a member the centre knows
    second = register(a, "欧阳娜娜", WAITING_MOBILE)  # registered offline, never delivered
    earn(a, second.id, "R3", 5_000)
    folder = a.runtime.data_dir
    needles = {m: m.encode() for m in (MOBILE, WAITING_MOBILE, RENAMED_MOBILE)}
    a.http = offline
    travel(a, centre_clock, 29 * DAY)
    assert a.cycle().error_code == "sync.offline"
    assert files_holding(folder, needles)  # within the horizon nothing is wiped

    travel(a, centre_clock, DAY + timedelta(minutes=1))
    assert a.cycle().error_code == "sync.offline"
    a.runtime.close()
    assert files_holding(folder, needles) == []
    a.runtime = open_counter(folder, a.clock)
    with a.runtime.reader() as uow:
        assert secrets.device_token(uow)  # kept: the waiting sales still have to go
        assert uow.session.get(Setting, EXPIRY_WIPE_KEY) is not None
    waiting = [row for row in outbox(a) if row[3] == "pending"]
    assert {row[4] for row in waiting} == {"member.register", "points.earn"}

    a.http = central.http
    assert a.cycle().ok
    assert [row for row in outbox(a) if row[3] == "pending"] == []
    # The known member's sale arrives whole; the one registered offline arrives without a
    # name or number, which the centre refuses, and says so on the Sync page.
    assert centre_balance(central, first.id) == 300
    assert {r.op_type: r.code for r in list_rejected(a.runtime.reader)} == {
        "member.register": "op.bad_payload",
        "points.earn": "member.unknown",
    }
    # The wipe made the audit chain again: the centre records it as such, not as forged.
    assert [tuple(r) for r in central.rows("SELECT code FROM audit_break")] == [
        ("audit.chain_rehashed",)
    ]
    assert read_sync_status(a.runtime.reader()).audit_break is None
    with a.runtime.reader() as uow:  # a later revocation wipes again
        assert uow.session.get(Setting, WIPED_KEY) is None
    a.runtime.close()
