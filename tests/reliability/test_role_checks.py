"""Every privileged service call checks the role itself, not only the screen that offers
it: a cashier or event staff member calling the service directly is refused, and nothing
is written."""

from datetime import timedelta

import pytest

from services import points
from services.core import backups
from services.core.errors import PermissionDenied
from services.core.settings import change_setting
from services.coupons import campaigns
from services.coupons import issue as coupons
from services.coupons import use as coupon_use
from services.events.planning import EventSpec, create_event
from services.gifts import redeem as gifts
from services.gifts import stock
from services.gifts.definitions import GiftSpec, define_gift
from services.staff.accounts import create_staff

FAKE = "00000000-0000-7000-8000-000000000001"


def cashier_refused(c, now):
    return {
        "adjust points": lambda a: points.adjust(c.runtime.writer(), a, now, FAKE, 100, "原因"),
        "grant a coupon": lambda a: coupons.issue_by_hand(
            c.runtime.writer(), a, now, FAKE, None, "原因"
        ),
        "event coupon batch": lambda a: campaigns.issue_event_batch(
            c.runtime.writer(), a, now, FAKE, FAKE, 5
        ),
        "quarterly coupons": lambda a: campaigns.issue_tier_quarter(c.runtime.writer(), a, now),
        "win-back coupons": lambda a: campaigns.issue_winback(c.runtime.writer(), a, now, [FAKE]),
        "void a redemption": lambda a: coupon_use.void_redemption(
            c.runtime.writer(), a, now, FAKE, "原因"
        ),
        "revoke a coupon": lambda a: coupon_use.revoke_coupon(
            c.runtime.writer(), a, now, FAKE, "原因"
        ),
        "restore a backup": lambda a: backups.restore(
            c.runtime.data_dir, c.runtime.data_dir / "x.sqlite3", a, now, True
        ),
        "add staff": lambda a: create_staff(c.runtime.writer(), a, now, "新人", "cashier", "2468"),
        "change a setting": lambda a: change_setting(
            c.runtime.writer(), a, now, "lock_after_minutes", 30
        ),
        "create an event": lambda a: create_event(
            c.runtime.writer(),
            a,
            now,
            EventSpec("E1", "活动", "大厅", now, now + timedelta(hours=2), 10),
        ),
        "define a gift": lambda a: define_gift(
            c.runtime.writer(), a, now, GiftSpec("GIFT-X", "礼品", "Gift", 100)
        ),
        "write off stock": lambda a: stock.adjust_stock(
            c.runtime.writer(), a, now, FAKE, "lost", 1, "原因"
        ),
    }


def event_staff_refused(c, now):
    return {
        "earn points": lambda a: points.earn(c.runtime.writer(), a, now, FAKE, "R1", 100, {}),
        "refund": lambda a: points.refund(c.runtime.writer(), a, now, "R1", 100),
        "points for a coupon": lambda a: coupons.exchange_points(
            c.runtime.writer(), a, now, FAKE, 100
        ),
        "redeem a gift": lambda a: gifts.redeem_gift(c.runtime.writer(), a, now, FAKE, FAKE),
        "receive stock": lambda a: stock.receive_stock(c.runtime.writer(), a, now, FAKE, 1, "DN"),
    }


CASHIER_CALLS = list(cashier_refused(None, None))
EVENT_STAFF_CALLS = list(event_staff_refused(None, None))


@pytest.mark.parametrize("call", CASHIER_CALLS)
def test_a_cashier_is_refused_by_the_service(counter, clock, db, call):
    cashier = counter.make_cashier()
    before = db.count("outbox"), db.count("audit_log")
    with pytest.raises(PermissionDenied):
        cashier_refused(counter, clock.now())[call](cashier)
    assert (db.count("outbox"), db.count("audit_log")) == before


@pytest.mark.parametrize("call", EVENT_STAFF_CALLS)
def test_event_staff_are_refused_by_the_service(counter, clock, db, call):
    staff = counter.make_event_staff()
    before = db.count("outbox")
    with pytest.raises(PermissionDenied):
        event_staff_refused(counter, clock.now())[call](staff)
    assert db.count("outbox") == before
