"""Reports against a small day worked out by hand: the day's close per staff member, the
KPIs of a period, RFM and the at-risk list, NPS, and their edge cases."""

from datetime import UTC, date, datetime, timedelta

import pytest

from services import points
from services.core.clock import ManualClock
from services.core.errors import PermissionDenied, ValidationError
from services.coupons import campaigns
from services.coupons import issue as coupons
from services.coupons.use import void_redemption
from services.gifts.definitions import GiftSpec, define_gift
from services.gifts.redeem import redeem_gift
from services.gifts.stock import receive_stock
from services.members import segments
from services.members.check_in import record_visit
from services.reports import nps
from services.reports import summary as reports
from services.rules import kpis
from tests.factories import earn, register

DAY = date(2026, 3, 10)
MORNING = datetime(2026, 3, 10, 1, 30, tzinfo=UTC)  # 09:30 in Shanghai


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(MORNING - timedelta(days=1))  # the day before, for earlier history


@pytest.fixture
def worked_day(counter, clock):
    """Manager 王经理 and cashier 李收银 at work on 10 March; one earn the day before."""
    manager, cashier = counter.manager, counter.make_cashier()
    bo = register(counter, "王博", "13900139000", actor=manager)  # the day before: not counted
    earn(counter, bo.id, "R0", 20000, actor=manager)
    clock.advance(days=1)
    anna = register(counter, "陈安娜", "13800138000", actor=manager)
    cai = register(counter, "蔡明", "13700137000", actor=cashier)
    earn(counter, anna.id, "R1", 100000, actor=manager)  # 1,000 points by the manager
    earn(counter, bo.id, "R2", 30000, actor=cashier)  # 300 by the cashier
    [coupon] = coupons.exchange_points(
        counter.runtime.writer(), manager, clock.now(), anna.id, 100
    )  # the manager: 100 redeemed, one coupon issued
    earn(counter, anna.id, "R3", 5000, coupon=coupon.payload, actor=cashier)  # 40 points, 1 used
    record_visit(counter.runtime.writer(), cashier, clock.now(), anna.id, "code")
    record_visit(counter.runtime.writer(), cashier, clock.now(), cai.id, "code")
    gift_id = define_gift(
        counter.runtime.writer(), manager, clock.now(), GiftSpec("GIFT-CUP", "保温杯", "Cup", 500)
    )
    receive_stock(counter.runtime.writer(), manager, clock.now(), gift_id, 5, "DN-1")
    redeem_gift(counter.runtime.writer(), cashier, clock.now(), anna.id, gift_id)  # 500
    points.refund(counter.runtime.writer(), manager, clock.now(), "R2", 10000)  # not counted
    return {"manager": manager, "cashier": cashier, "anna": anna, "bo": bo, "cai": cai}


def test_the_days_close_per_staff_member(counter, clock, worked_day):
    close = reports.day_close(counter.runtime.reader(), counter.manager, DAY, clock.now())
    by_name = {row.staff_name: row for row in close.rows}
    manager, cashier = by_name["王经理"], by_name["李收银"]
    assert (manager.points_issued, manager.points_redeemed) == (1000, 100)
    assert (manager.coupons_issued, manager.coupons_used, manager.new_members) == (1, 0, 1)
    assert (cashier.points_issued, cashier.points_redeemed) == (300 + 40, 500)
    assert (cashier.coupons_used, cashier.gifts_given, cashier.visits) == (1, 1, 2)
    assert cashier.new_members == 1
    assert close.total.points_issued == 1340 and close.total.points_redeemed == 600
    assert close.total.new_members == 2  # 王博 joined the day before
    assert close.store_name and close.pending_operations > 0
    assert close.points_expired == 0


def test_a_voided_redemption_takes_the_coupon_off_the_days_uses(counter, clock, worked_day, db):
    used = db.scalar("SELECT id FROM coupon WHERE status = 'redeemed'")
    void_redemption(counter.runtime.writer(), counter.manager, clock.now(), used, "取消交易")
    close = reports.day_close(counter.runtime.reader(), counter.manager, DAY, clock.now())
    assert close.total.coupons_used == 0


def test_an_empty_day_is_all_zeros(counter, clock):
    close = reports.day_close(
        counter.runtime.reader(), counter.manager, date(2020, 1, 1), clock.now()
    )
    assert close.rows == []
    assert all(getattr(close.total, f) == 0 for f in reports.FIGURES)


def test_points_expired_today_are_in_the_close(counter, clock):
    member = register(counter, "陈安娜", "13800138000", actor=counter.manager)
    earn(counter, member.id, "R1", 12300, actor=counter.manager)  # 123, gone at the end of 2027
    new_year = datetime(2028, 1, 1, 2, 0, tzinfo=UTC)  # 10:00 on 1 January in Shanghai
    clock.advance(seconds=int((new_year - clock.now()).total_seconds()))
    assert points.expire_due(counter.runtime.writer(), counter.manager, clock.now()) >= 1
    close = reports.day_close(
        counter.runtime.reader(), counter.manager, date(2028, 1, 1), clock.now()
    )
    assert close.points_expired == 123
    assert close.total.points_issued == 0 and close.total.points_redeemed == 0


def test_kpis_of_the_period(counter, clock, worked_day):
    for score in (10, 9, 8, 6, 0):
        nps.record_rating(counter.runtime.writer(), counter.manager, clock.now(), score)
    k = reports.period_kpis(counter.runtime.reader(), counter.manager, DAY - timedelta(days=1), DAY)
    # anna bought twice (R1, R3), bo twice (R0 the day before, R2): both repeat in the period
    assert (k.active_members, k.repeat_members, k.repurchase_per_mille) == (2, 2, 1000)
    assert (k.coupons_issued, k.coupons_redeemed, k.coupon_redemption_per_mille) == (1, 1, 1000)
    assert k.new_members == 3
    balances = {"anna": 1000 - 100 + 40 - 500, "bo": 200 + 300 - 100, "cai": 0}
    assert k.points_outstanding == sum(balances.values())
    assert k.liability_fen == k.points_outstanding  # 100 points = 1 yuan = 100 fen
    assert k.visits_per_day == [(DAY - timedelta(days=1), 0), (DAY, 2)]
    assert k.top_gifts == [("保温杯", "Cup", 1)]
    assert k.tiers == {"bronze": 3}
    assert (k.nps.responses, k.nps.promoters, k.nps.detractors, k.nps.score) == (5, 2, 2, 0)
    assert [week for week, _ in k.nps_by_week] == [date(2026, 3, 9)]  # the Monday


def test_kpis_of_an_empty_period(counter):
    k = reports.period_kpis(
        counter.runtime.reader(), counter.manager, date(2020, 1, 1), date(2020, 1, 31)
    )
    assert (k.active_members, k.repurchase_per_mille, k.coupon_redemption_per_mille) == (
        0,
        None,
        None,
    )
    assert k.nps.score is None and k.top_gifts == [] and len(k.visits_per_day) == 31
    with pytest.raises(ValueError):
        reports.period_kpis(
            counter.runtime.reader(), counter.manager, date(2020, 2, 1), date(2020, 1, 1)
        )


def test_a_refunded_purchase_counts_what_was_kept(counter, clock):
    member = register(counter, "陈安娜", "13800138000", actor=counter.manager)
    earn(counter, member.id, "R1", 10000, actor=counter.manager)
    points.refund(counter.runtime.writer(), counter.manager, clock.now(), "R1", 10000)
    counts = segments.rfm_counts(counter.runtime.reader(), counter.manager, clock.now())
    # bought today but refunded everything: active, not frequent, no spend
    assert counts == {"new_or_occasional": 1}


def test_at_risk_members_are_quiet_and_spending_less(counter, clock):
    anna = register(counter, "陈安娜", "13800138000", actor=counter.manager)
    bo = register(counter, "王博", "13900139000", actor=counter.manager)
    earn(counter, anna.id, "A1", 200000, actor=counter.manager)  # big spender half a year ago
    earn(counter, bo.id, "B1", 10000, actor=counter.manager)
    clock.advance(days=200)
    earn(counter, anna.id, "A2", 10000, actor=counter.manager)  # silver now: pays 90, down 95%
    earn(counter, bo.id, "B2", 10000, actor=counter.manager)  # same as before: not at risk
    clock.advance(days=100)  # both quiet for 100 days
    found = segments.at_risk_members(counter.runtime.reader(), counter.manager, clock.now())
    assert [m.name for m in found] == ["陈安娜"]
    assert (found[0].spend_recent_fen, found[0].spend_before_fen) == (9000, 200000)
    assert found[0].mobile_masked == "138****8000"
    chosen = [m.member_id for m in found]
    early = campaigns.issue_winback(counter.runtime.writer(), counter.manager, clock.now(), chosen)
    assert early == []  # at risk after 90 days; the win-back coupon waits for six months
    clock.advance(days=90)
    issued = campaigns.issue_winback(counter.runtime.writer(), counter.manager, clock.now(), chosen)
    assert [c.member_name for c in issued] == ["陈安娜"]


def test_ratings_are_checked_and_journalled(counter, clock, db):
    with pytest.raises(ValidationError):
        nps.record_rating(counter.runtime.writer(), counter.manager, clock.now(), 11)
    with pytest.raises(ValidationError):
        nps.record_rating(counter.runtime.writer(), counter.manager, clock.now(), True)
    nps.record_rating(counter.runtime.writer(), counter.manager, clock.now(), 9, " 服务很好 ")
    assert db.rows("SELECT score, comment FROM nps_response") == [(9, "服务很好")]
    assert db.count("outbox WHERE op_type = 'nps.record'") == 1


def test_nps_rounds_like_a_person_would():
    assert kpis.nps([10, 10, 8]).score == 67
    assert kpis.nps([0, 10, 9]).score == 33
    assert kpis.nps([0, 0, 10]).score == -33
    assert kpis.nps([]).score is None


def test_rfm_segments_from_what_members_did(counter, clock):
    champ = register(counter, "陈安娜", "13800138000", actor=counter.manager)
    lapsed = register(counter, "王博", "13900139000", actor=counter.manager)
    register(counter, "蔡明", "13700137000", actor=counter.manager)  # never bought: dormant
    earn(counter, lapsed.id, "L1", 600000, actor=counter.manager)  # big, then nothing for 200 days
    clock.advance(days=200)
    for n in range(3):
        earn(counter, champ.id, f"C{n}", 200000, actor=counter.manager)
        clock.advance(days=5)
    counts = segments.rfm_counts(counter.runtime.reader(), counter.manager, clock.now())
    assert counts == {"champions": 1, "cannot_lose": 1, "dormant": 1}


def test_reports_are_for_managers(counter, clock):
    cashier = counter.make_cashier()
    for call in (
        lambda: reports.day_close(counter.runtime.reader(), cashier, DAY, clock.now()),
        lambda: reports.period_kpis(counter.runtime.reader(), cashier, DAY, DAY),
        lambda: segments.rfm_counts(counter.runtime.reader(), cashier, clock.now()),
        lambda: segments.at_risk_members(counter.runtime.reader(), cashier, clock.now()),
    ):
        with pytest.raises(PermissionDenied):
            call()
