"""A coupon's value is checked by the chain's one rule wherever a coupon or template is made
or read: a signed percent-off over 100 % is refused with a code at the till (it used to make a
negative amount to pay and a raw IntegrityError), and no checkout pays less than nothing."""

from dataclasses import replace
from datetime import timedelta

import pytest

from common.ids import new_id
from services.core.errors import StateError, ValidationError
from services.coupons import issue as coupons
from services.coupons.codes import CouponClaim, sign_coupon_code
from services.gifts.definitions import CouponTemplateSpec, define_coupon_template
from services.members.accounts import NewMember, register_member
from tests.factories import earn

SPEC = CouponTemplateSpec("T-PCT", "九折", "10% off", "percent_off", 10)


def member_of(counter):
    rt = counter.runtime
    return register_member(
        rt.writer(), counter.manager, rt.now(), NewMember("陈安娜", "13800138000", 8, 12)
    )


def signed(counter, member_id, kind, value, min_spend_fen=0) -> str:
    """A coupon signed with this counter's own key, as another counter or the centre would."""
    now = counter.runtime.now()
    claim = CouponClaim(
        new_id(), member_id, kind, value, min_spend_fen, now, now + timedelta(days=30), True, None
    )
    with counter.runtime.writer() as uow:
        text = sign_coupon_code(uow, f"device:{counter.identity.device_id}", claim, now)
        uow.commit()
    return text


def test_a_signed_coupon_over_100_percent_is_refused_with_a_code(counter, db):
    member = member_of(counter)
    text = signed(counter, member.id, "percent_off", 150)
    with pytest.raises(StateError) as caught:
        earn(counter, member.id, "R1", 10000, coupon=text)
    assert caught.value.code == "coupon.bad_value"
    assert db.count("purchase") == 0


def test_an_amount_off_above_the_bill_leaves_nothing_to_pay(counter, db):
    member = member_of(counter)
    text = signed(counter, member.id, "amount_off", 5000)
    result = earn(counter, member.id, "R1", 3000, coupon=text)
    assert (result.quote.coupon_fen, result.quote.paid_fen) == (3000, 0)
    assert db.scalar("SELECT paid_fen FROM purchase") == 0


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"value": 0}, "coupon.bad_value"),
        ({"value": 101}, "coupon.bad_value"),
        ({"value": 150}, "coupon.bad_value"),
        ({"kind": "amount_off", "value": 0}, "coupon.bad_value"),
        ({"kind": "amount_off", "value": -500}, "coupon.bad_value"),
        ({"kind": "cashback"}, "coupon.bad_kind"),
        ({"min_spend_fen": -1}, "coupon.bad_min_spend"),
        ({"valid_days": 0}, "coupon.bad_terms"),
    ],
)
def test_a_template_with_a_bad_value_is_refused(counter, db, changes, code):
    rt = counter.runtime
    before = db.count("coupon_template")
    with pytest.raises(ValidationError) as caught:
        define_coupon_template(rt.writer(), counter.manager, rt.now(), replace(SPEC, **changes))
    assert caught.value.code == code
    assert db.count("coupon_template") == before


def test_a_template_may_take_the_whole_amount_off(counter):
    rt = counter.runtime
    spec = replace(SPEC, code="T-FREE", value=100)
    assert define_coupon_template(rt.writer(), counter.manager, rt.now(), spec)


def test_no_coupon_is_issued_from_a_bad_template_that_came_from_elsewhere(counter, db):
    template = coupons.templates(counter.runtime.reader(), "manual")[0]
    db.execute(
        "UPDATE coupon_template SET kind = 'amount_off', value = 0 WHERE id = ?",
        template.template_id,
    )
    rt = counter.runtime
    with pytest.raises(StateError) as caught:
        coupons.issue_by_hand(
            rt.writer(), counter.manager, rt.now(), template.template_id, None, "活动补发"
        )
    assert caught.value.code == "coupon.bad_value"
    assert db.count("coupon") == 0
