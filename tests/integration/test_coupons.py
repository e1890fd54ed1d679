"""Coupons end to end at the service layer: issue, redeem in a purchase, and every refusal."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from models.coupons import Coupon
from services import points
from services.core.clock import ManualClock
from services.core.errors import NotFoundError, PermissionDenied, StateError, ValidationError
from services.coupons import campaigns
from services.coupons import issue as coupons
from services.coupons import use as coupon_use
from services.coupons.codes import CODE_LENGTH, read_coupon_code
from services.events.planning import EventSpec, create_event
from services.members.check_in import member_card
from services.points.ledger import balance_problems
from services.sync.keys import own_signing_key
from tests.conftest import STORE_NAME
from tests.factories import earn, register

JUNE_2026 = datetime(2026, 6, 10, 2, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(JUNE_2026)


def exchange(counter, member_id, pts=100):
    return coupons.exchange_points(
        counter.runtime.writer(),
        counter.manager,
        counter.runtime.now(),
        member_id,
        pts,
    )


def refused(code, fn, *args, **kwargs):
    with pytest.raises((StateError, ValidationError, NotFoundError)) as caught:
        fn(*args, **kwargs)
    assert caught.value.code == code, caught.value
    return caught.value


def template_id(counter, purpose):
    return coupons.templates(counter.runtime.reader(), purpose)[0].template_id


def test_points_buy_a_coupon_that_takes_ten_yuan_off_a_purchase(counter, db):
    member = register(counter)
    earn(counter, member.id, "R1", 30000)  # 300 points
    [coupon] = exchange(counter, member.id, 100)
    assert len(coupon.payload) == CODE_LENGTH and coupon.value == 1000
    assert db.scalar(f"SELECT points_balance FROM member WHERE id = '{member.id}'") == 200
    result = earn(counter, member.id, "R2", 5000, coupon=coupon.payload)
    assert result.quote.coupon_fen == 1000
    assert result.quote.paid_fen == 4000  # points are earned on what was paid
    assert result.quote.points.total == 40
    assert db.scalar(f"SELECT status FROM coupon WHERE id = '{coupon.coupon_id}'") == "redeemed"
    assert db.scalar("SELECT coupon_fen FROM purchase WHERE receipt_no = 'R2'") == 1000
    ops = [r[0] for r in db.rows("SELECT op_type FROM outbox ORDER BY seq")]
    assert ops.count("coupon.issue") == 1 and ops.count("coupon.redeem") == 1
    assert_consistent(counter)


def test_exchange_refuses_odd_points_and_a_short_balance(counter):
    member = register(counter)
    earn(counter, member.id, "R1", 15000)
    refused("coupon.points_step", exchange, counter, member.id, 150)
    refused("points.insufficient", exchange, counter, member.id, 200)


def test_a_second_use_is_refused_with_when_and_where(counter, clock):
    member = register(counter)
    earn(counter, member.id, "R1", 20000)
    [coupon] = exchange(counter, member.id)
    earn(counter, member.id, "R2", 5000, coupon=coupon.payload)
    used_at = clock.now()
    clock.advance(minutes=5)
    error = refused("coupon.used", earn, counter, member.id, "R3", 5000, coupon=coupon.payload)
    assert error.params["at"] == used_at
    assert error.params["store"] == STORE_NAME
    assert error.params["counter"]


def test_a_coupon_used_at_another_store_is_refused_from_the_centres_list(counter, clock):
    member = register(counter)
    earn(counter, member.id, "R1", 20000)
    [coupon] = exchange(counter, member.id)
    when = clock.now() - timedelta(hours=2)
    coupon_use.record_used_elsewhere(
        counter.runtime.writer(), coupon.coupon_id, when, "西湖店", "2号台", clock.now()
    )
    error = refused("coupon.used", earn, counter, member.id, "R2", 5000, coupon=coupon.payload)
    assert (error.params["store"], error.params["counter"], error.params["at"]) == (
        "西湖店",
        "2号台",
        when,
    )


def test_forged_and_altered_coupons_are_told_apart(counter):
    member = register(counter)
    earn(counter, member.id, "R1", 20000)
    [coupon] = exchange(counter, member.id)
    # altered: one symbol of the signed body changed
    body = coupon.payload
    flip = body[:60] + ("A" if body[60] != "A" else "B") + body[61:]
    refused("coupon.altered", earn, counter, member.id, "R2", 5000, coupon=flip)
    # forged: a well-formed code signed by a key this chain never trusted
    with counter.runtime.writer() as uow:
        row = uow.session.scalars(select(Coupon)).one()
        row_payload = row.payload
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from services.coupons import codes as coupon_codes
    from services.sync import keys

    stranger = Ed25519PrivateKey.generate()

    def foreign_key(uow, owner, now):
        public = stranger.public_key().public_bytes_raw()
        return keys.key_id_for(public), stranger

    with counter.runtime.writer() as uow:
        claim = read_coupon_code(uow, row_payload)
    original = coupon_codes.own_signing_key
    coupon_codes.own_signing_key = foreign_key
    try:
        with counter.runtime.writer() as uow:
            forged = coupon_codes.sign_coupon_code(uow, "x", claim, counter.runtime.now())
    finally:
        coupon_codes.own_signing_key = original
    refused("coupon.forged", earn, counter, member.id, "R2", 5000, coupon=forged)
    refused("coupon.malformed", earn, counter, member.id, "R2", 5000, coupon="LCC123")


def test_expired_wrong_member_and_under_minimum_each_have_their_code(counter, clock):
    anna = register(counter)
    bo = register(counter, "王博", "13900139000")
    earn(counter, anna.id, "R1", 20000)
    [coupon] = exchange(counter, anna.id)
    refused("coupon.wrong_member", earn, counter, bo.id, "R2", 5000, coupon=coupon.payload)
    winback = coupons.issue_by_hand(
        counter.runtime.writer(),
        counter.manager,
        clock.now(),
        template_id(counter, "winback"),
        anna.id,
        "顾客投诉补偿",
    )
    error = refused(
        "coupon.under_minimum", earn, counter, anna.id, "R3", 29999, coupon=winback.payload
    )
    assert error.params["min_fen"] == 30000
    result = earn(counter, anna.id, "R4", 30000, coupon=winback.payload)
    assert result.quote.coupon_fen == 5000
    clock.advance(days=91)
    refused("coupon.expired", earn, counter, anna.id, "R5", 5000, coupon=coupon.payload)


def test_typed_short_code_finds_the_coupon(counter):
    member = register(counter)
    earn(counter, member.id, "R1", 20000)
    [coupon] = exchange(counter, member.id)
    typed = coupon.code.replace("-", "").lower()
    assert earn(counter, member.id, "R2", 5000, coupon=typed).quote.coupon_fen == 1000
    refused("coupon.not_found", earn, counter, member.id, "R3", 5000, coupon="ABCD-EFGH-JKLM")


def test_birthday_coupon_is_offered_once_a_year_by_tier(counter, clock, db):
    member = register(counter, month=6)
    reader = counter.runtime.reader()
    assert campaigns.birthday_offer(reader, member.id, clock.now()) is None  # bronze: none
    db.execute(f"UPDATE member SET tier = 'gold' WHERE id = '{member.id}'")
    offer = campaigns.birthday_offer(reader, member.id, clock.now())
    assert offer is not None and offer.value == 50000
    issued = campaigns.issue_birthday(
        counter.runtime.writer(), counter.manager, clock.now(), member.id
    )
    assert issued.value == 50000
    assert campaigns.birthday_offer(reader, member.id, clock.now()) is None
    refused(
        "coupon.no_birthday_coupon",
        campaigns.issue_birthday,
        counter.runtime.writer(),
        counter.manager,
        clock.now(),
        member.id,
    )
    clock.advance(days=365)  # June again, a year on
    assert campaigns.birthday_offer(reader, member.id, clock.now()) is not None


def test_a_void_restores_the_coupon_and_a_revoke_returns_its_points(counter, clock, db):
    member = register(counter)
    earn(counter, member.id, "R1", 20000)
    first, second = exchange(counter, member.id, 200)
    earn(counter, member.id, "R2", 5000, coupon=first.payload)
    writer = counter.runtime.writer
    coupon_use.void_redemption(writer(), counter.manager, clock.now(), first.coupon_id, "取消交易")
    assert earn(counter, member.id, "R3", 5000, coupon=first.payload).quote.coupon_fen == 1000
    before = db.scalar(f"SELECT points_balance FROM member WHERE id = '{member.id}'")
    back = coupon_use.revoke_coupon(
        writer(), counter.manager, clock.now(), second.coupon_id, "作废"
    )
    assert back == 100
    assert db.scalar(f"SELECT points_balance FROM member WHERE id = '{member.id}'") == before + 100
    refused("coupon.revoked", earn, counter, member.id, "R4", 5000, coupon=second.payload)
    kinds = [r[0] for r in db.rows("SELECT kind FROM coupon_move ORDER BY id")]
    assert kinds.count("void_redemption") == 1 and kinds.count("revoke") == 1
    assert db.scalar("SELECT count(*) FROM audit_log WHERE action LIKE 'coupon.%'") == 2
    assert_consistent(counter)


def test_a_cashier_cannot_grant_coupons_or_void_them(counter, clock):
    cashier = counter.make_cashier()
    member = register(counter)
    with pytest.raises(PermissionDenied):
        coupons.issue_by_hand(
            counter.runtime.writer(),
            cashier,
            clock.now(),
            template_id(counter, "manual"),
            member.id,
            "送券",
        )
    earn(counter, member.id, "R1", 20000)
    [coupon] = exchange(counter, member.id)
    with pytest.raises(PermissionDenied):
        coupon_use.revoke_coupon(
            counter.runtime.writer(), cashier, clock.now(), coupon.coupon_id, "作废"
        )


def test_event_gift_coupons_are_bearer_and_redeemed_on_their_own(counter, clock, db):
    event_id = create_event(
        counter.runtime.writer(),
        counter.manager,
        clock.now(),
        EventSpec(
            "EV1", "夏日会员日", "一楼中庭", clock.now(), clock.now() + timedelta(hours=5), 100
        ),
    )
    batch = campaigns.issue_event_batch(
        counter.runtime.writer(),
        counter.manager,
        clock.now(),
        template_id(counter, "event"),
        event_id,
        3,
    )
    assert len({c.coupon_id for c in batch}) == 3 and all(c.member_name is None for c in batch)
    member = register(counter)
    refused("coupon.not_a_discount", earn, counter, member.id, "R1", 5000, coupon=batch[0].payload)
    redeem = coupon_use.redeem_gift_coupon
    redeem(counter.runtime.writer(), counter.manager, clock.now(), batch[0].payload, None, False)
    refused(
        "coupon.used",
        redeem,
        counter.runtime.writer(),
        counter.manager,
        clock.now(),
        batch[0].payload,
        member.id,
        False,
    )
    [points_coupon] = (earn(counter, member.id, "R2", 20000), exchange(counter, member.id))[1]
    refused(
        "coupon.needs_purchase",
        redeem,
        counter.runtime.writer(),
        counter.manager,
        clock.now(),
        points_coupon.payload,
        member.id,
        False,
    )
    refused(
        "coupon.bad_batch",
        campaigns.issue_event_batch,
        counter.runtime.writer(),
        counter.manager,
        clock.now(),
        template_id(counter, "event"),
        event_id,
        0,
    )
    assert db.scalar("SELECT count(*) FROM coupon WHERE source = 'event'") == 3


def test_a_coupon_from_another_counter_is_remembered_when_used_here(counter, clock, db):
    member = register(counter)
    earn(counter, member.id, "R1", 20000)
    [coupon] = exchange(counter, member.id)
    # As if issued elsewhere: this counter forgets its own row but still trusts the key.
    db.execute("DROP TRIGGER coupon_no_delete")  # test-only: append-only rules lifted
    db.execute("DROP TRIGGER coupon_move_no_delete")
    db.execute("DELETE FROM coupon_move")
    db.execute("DELETE FROM coupon")
    result = earn(counter, member.id, "R2", 5000, coupon=coupon.payload)
    assert result.quote.coupon_fen == 1000
    assert db.scalar("SELECT source FROM coupon") == "elsewhere"
    refused("coupon.used", earn, counter, member.id, "R3", 5000, coupon=coupon.payload)


def test_wrong_tier_and_online_only_are_refused(counter, clock, db):
    member = register(counter)
    manual = template_id(counter, "manual")  # 10% off, not accepted offline
    issued = coupons.issue_by_hand(
        counter.runtime.writer(), counter.manager, clock.now(), manual, None, "开业酬宾"
    )
    refused("coupon.online_only", earn, counter, member.id, "R1", 10000, coupon=issued.payload)
    assert (
        points.earn(
            counter.runtime.writer(),
            counter.manager,
            clock.now(),
            member.id,
            "R1",
            10000,
            {},
            coupon_text=issued.payload,
            online=True,
        ).quote.coupon_fen
        == 1000
    )
    db.execute(f"UPDATE member SET tier = 'gold' WHERE id = '{member.id}'")
    with counter.runtime.writer() as uow:
        own_signing_key(uow, "x", clock.now())
    silver = campaigns.issue_tier_quarter(counter.runtime.writer(), counter.manager, clock.now())
    assert [c.member_name for c in silver] == ["陈安娜"]
    db.execute(f"UPDATE member SET tier = 'bronze' WHERE id = '{member.id}'")
    refused("coupon.wrong_tier", earn, counter, member.id, "R2", 30000, coupon=silver[0].payload)
    # once a quarter
    assert (
        campaigns.issue_tier_quarter(counter.runtime.writer(), counter.manager, clock.now()) == []
    )


def test_winback_goes_to_lapsed_members_once_per_lapse(counter, clock):
    anna = register(counter)
    bo = register(counter, "王博", "13900139000")
    earn(counter, bo.id, "R1", 1000)
    clock.advance(days=100)
    earn(counter, anna.id, "R2", 1000)  # anna bought recently
    clock.advance(days=100)  # bo lapsed 200 days, anna 100
    issue = campaigns.issue_winback
    got = issue(counter.runtime.writer(), counter.manager, clock.now(), [anna.id, bo.id])
    assert [c.member_name for c in got] == ["王博"]
    again = issue(counter.runtime.writer(), counter.manager, clock.now(), [anna.id, bo.id])
    assert again == []


def assert_consistent(counter) -> None:
    with counter.runtime.reader() as uow:
        assert balance_problems(uow) == []


def test_the_member_card_lists_coupons_the_member_can_still_use(counter, clock):
    member = register(counter)
    earn(counter, member.id, "R1", 20000)
    [coupon] = exchange(counter, member.id)

    def card():
        return member_card(counter.runtime.reader(), counter.manager, clock.now(), member.id)

    assert card().coupons == (("积分兑换券 10元", "Points coupon, 10 yuan"),)
    earn(counter, member.id, "R2", 5000, coupon=coupon.payload)
    assert card().coupons == ()


def test_a_member_in_arrears_cannot_redeem_but_still_earns(counter, clock, db):
    member = register(counter)
    earn(counter, member.id, "R1", 30000)
    db.execute(
        "INSERT INTO sync_member (member_id, balance, arrears, redeem_blocked, updated_at)"
        " VALUES (?, -200, 200, 1, '2026-06-10 02:00:00.000000')",
        member.id,
    )
    refused("points.redemption_blocked", exchange, counter, member.id, 100)
    with pytest.raises(StateError):
        points.earn(
            counter.runtime.writer(), counter.manager, clock.now(), member.id, "R2", 5000, {}, 100
        )
    assert earn(counter, member.id, "R3", 5000).quote.points.total == 50
