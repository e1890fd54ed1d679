"""Sales a till posted survive the counter's restart (the database closed and opened
again): the till or the cashier confirms or cancels them afterwards; one past its expiry is
refused with pos.sale_expired and records nothing."""

import pytest
from fastapi.testclient import TestClient

from services import points
from services.core.bootstrap import open_counter
from services.core.errors import StateError
from services.pos import PosDesk, PosSale, SaleLine
from services.pos.endpoint import build_app
from services.pos.sales import EXPIRES_AFTER, earn_for
from tests.factories import pos_sale_states, register

MOBILE = "13800138000"
SALE = PosSale("R-2001", 12800, (SaleLine("electronics", 9900),), MOBILE)
TOKEN = "t0ken-for-the-till"


@pytest.fixture
def till(counter):
    cashier = counter.make_cashier()
    member = register(counter, mobile=MOBILE)
    return cashier, member


def desk_for(runtime, cashier) -> PosDesk:
    return PosDesk(runtime.reader, runtime.writer, runtime.now, lambda: cashier)


def restart(runtime, clock):
    """The counter closes its database and a new process opens it again."""
    runtime.close()
    return open_counter(runtime.data_dir, clock)


def test_a_posted_sale_waits_after_a_restart_and_the_tills_confirm_earns(counter, clock, till):
    cashier, member = till
    posted = desk_for(counter.runtime, cashier).post(SALE)
    again = restart(counter.runtime, clock)
    try:
        desk = desk_for(again, cashier)
        waiting = desk.restore()
        assert [s.id for s in waiting] == [posted.id]
        kept = waiting[0]
        assert (kept.receipt, kept.sale.amount_fen, kept.sale.lines) == (
            "R-2001",
            12800,
            SALE.lines,
        )
        assert (kept.member_id, kept.member_name, kept.points) == (
            member.id,
            member.name,
            posted.points,
        )
        assert kept.coupons == posted.coupons and kept.expires_at == posted.expires_at
        done = desk.confirm(posted.id)
        assert (done.status, done.by, done.balance) == ("confirmed", "pos", posted.points)
        history = points.history(again.reader(), member.id)
        assert [(h.kind, h.reference) for h in history] == [("earn", "R-2001")]
        assert desk.waiting() == []
    finally:
        again.close()


def test_a_posted_sale_can_be_cancelled_after_a_restart_through_the_endpoint(counter, clock, till):
    cashier, member = till
    posted = desk_for(counter.runtime, cashier).post(SALE)
    again = restart(counter.runtime, clock)
    try:
        client = TestClient(build_app(desk_for(again, cashier), lambda: TOKEN), client=LOCAL)
        answer = client.post(f"/sales/{posted.id}/cancel", headers=BEARER)
        assert (answer.status_code, answer.json()["status"]) == (200, "cancelled")
        assert pos_sale_states(again) == [("cancelled", "pos")]
        assert points.history(again.reader(), member.id) == []
    finally:
        again.close()


LOCAL = ("127.0.0.1", 50123)
BEARER = {"Authorization": f"Bearer {TOKEN}"}


def test_an_expired_sale_is_refused_with_its_code_and_records_nothing(counter, clock, till):
    cashier, member = till
    posted = desk_for(counter.runtime, cashier).post(SALE)
    clock.advance(seconds=EXPIRES_AFTER.total_seconds() + 1)
    again = restart(counter.runtime, clock)
    try:
        desk = desk_for(again, cashier)
        assert desk.waiting() == []
        client = TestClient(build_app(desk, lambda: TOKEN), client=LOCAL)
        answer = client.post(f"/sales/{posted.id}/confirm", headers=BEARER)
        assert (answer.status_code, answer.json()["code"]) == (410, "pos.sale_expired")
        assert "30" in answer.json()["message"] and answer.json()["message_zh"]
        with pytest.raises(StateError) as caught:
            desk.claim_for_counter(posted.id)  # the cashier's Enter
        assert caught.value.code == "pos.sale_expired"
        with pytest.raises(StateError):
            desk.cancel(posted.id)
        assert points.history(again.reader(), member.id) == []
        assert client.get(f"/sales/{posted.id}", headers=BEARER).json()["status"] == "expired"
        # The till may post the receipt again: the expired sale steps aside.
        fresh = desk.post(SALE)
        assert pos_sale_states(again) == [("expired", None), ("pending", None)]
        assert desk.confirm(fresh.id).status == "confirmed"
    finally:
        again.close()


def test_restore_confirms_a_sale_whose_earn_was_recorded_just_before_a_stop(counter, clock, till):
    cashier, member = till
    desk = desk_for(counter.runtime, cashier)
    posted = desk.post(SALE)
    rt = counter.runtime
    # The earn committed, then the counter stopped before the sale was marked confirmed.
    result = earn_for(rt.writer, cashier, rt.now(), posted, False)
    again = restart(rt, clock)
    try:
        desk = desk_for(again, cashier)
        told = []
        desk.listeners.append(told.append)
        assert desk.restore() == []
        assert [(s.id, s.status, s.purchase_id) for s in told] == [
            (posted.id, "confirmed", result.purchase_id)
        ]
        with pytest.raises(StateError) as caught:
            desk.confirm(posted.id)
        assert caught.value.code == "pos.sale_settled"
        assert len(points.history(again.reader(), member.id)) == 1
    finally:
        again.close()


def test_settled_sales_are_kept_a_week_then_go(counter, clock, till):
    cashier, _member = till
    desk = desk_for(counter.runtime, cashier)
    first = desk.post(SALE)
    desk.cancel(first.id)
    clock.advance(days=7, seconds=1)
    desk.post(PosSale("R-2002", 500))
    assert pos_sale_states(counter.runtime) == [("pending", None)]


def test_the_tills_confirm_records_the_earn_and_the_confirmed_sale_in_one_commit(
    counter, till, monkeypatch
):
    """A failure while the sale is being marked confirmed leaves no earn either: a stop
    between the two can no longer leave the points recorded and the sale waiting."""
    cashier, member = till
    desk = desk_for(counter.runtime, cashier)
    posted = desk.post(SALE)

    def fail(*_args, **_kwargs):
        raise OSError("the disk went away")

    monkeypatch.setattr("services.pos.sale_rows.settle", fail)
    with pytest.raises(OSError):
        desk.confirm(posted.id)
    assert points.history(counter.runtime.reader(), member.id) == []
    assert pos_sale_states(counter.runtime) == [("pending", None)]
    monkeypatch.undo()
    done = desk.confirm(posted.id)  # the claim was let go: the sale can be confirmed
    assert (done.status, done.by, done.balance) == ("confirmed", "pos", posted.points)
    assert done.purchase_id is not None
    assert len(points.history(counter.runtime.reader(), member.id)) == 1
