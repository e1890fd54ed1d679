"""A demo store for a newcomer: staff, members, gifts, coupon templates and two events.

Everything goes through the same use cases a real counter uses, so the demo's outbox
and audit log are what a real day would leave behind.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from services.core.actor import Actor
from services.core.setup import NewCounter, set_up_counter
from services.coupons.issue import exchange_points
from services.events.planning import EventSpec, create_event, current_events
from services.events.registrations import register_guest, register_member_for_event
from services.gifts.definitions import (
    CouponTemplateSpec,
    GiftSpec,
    define_coupon_template,
    define_gift,
)
from services.gifts.redeem import redeem_gift
from services.gifts.stock import receive_stock
from services.members.accounts import NewMember, register_member
from services.members.check_in import member_card, record_visit
from services.points.sale import earn
from services.reports.nps import record_rating, record_satisfaction
from services.rules.pins import pin_problem
from services.staff.accounts import create_staff

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏建文辉力宇晨欣怡梓涵子轩浩然思雨"

GIFTS = (
    GiftSpec(
        "GIFT-CUP", "保温杯", "Insulated cup", 3000, "不锈钢真空保温杯 450ml", image="cup.png"
    ),
    GiftSpec(
        "GIFT-BAG", "帆布购物袋", "Canvas tote bag", 1500, "环保帆布袋，印品牌标志", image="bag.png"
    ),
    GiftSpec(
        "GIFT-WASH",
        "洗车服务",
        "Car wash",
        800,
        "合作洗车店标准洗车一次",
        per_member_limit=2,
        image="car-wash.png",
    ),
    GiftSpec("GIFT-UMB", "折叠雨伞", "Folding umbrella", 2500, image="umbrella.png"),
    GiftSpec("GIFT-TEA", "精品茶礼盒", "Tea gift box", 5000, min_tier="silver", image="tea.png"),
    GiftSpec(
        "GIFT-SPK", "蓝牙音箱", "Bluetooth speaker", 12000, min_tier="gold", image="speaker.png"
    ),
    GiftSpec(
        "GIFT-SET",
        "铂金尊享礼盒",
        "Platinum gift set",
        20000,
        min_tier="platinum",
        low_stock_threshold=2,
        image="gift-set.png",
    ),
    GiftSpec(
        "GIFT-MOV", "电影票两张", "Two cinema tickets", 4000, per_member_limit=1, image="cinema.png"
    ),
)
# The first delivery to the back room: two gifts arrive low so the alert shows.
OPENING_STOCK = {
    "GIFT-CUP": 40,
    "GIFT-BAG": 120,
    "GIFT-WASH": 30,
    "GIFT-UMB": 25,
    "GIFT-TEA": 12,
    "GIFT-SPK": 3,
    "GIFT-SET": 2,
    "GIFT-MOV": 50,
}
DEMO_DELIVERY = "DN-2026-0001"

# The standing templates (points, birthday, win-back, quarterly, event gift) come with the
# database; the demo adds a campaign of its own.
COUPON_TEMPLATES = (
    CouponTemplateSpec(
        "SPRING-20",
        "春季焕新 满200减20",
        "Spring: 20 off 200",
        "amount_off",
        2000,
        min_spend_fen=20000,
        valid_days=60,
    ),
)


@dataclass(frozen=True)
class DemoStaff:
    name: str
    role: str
    pin: str


@dataclass(frozen=True)
class DemoResult:
    staff: tuple[DemoStaff, ...]
    members: int
    purchases: int


def seed_demo(uow_factory, now: datetime, members: int = 200, seed: int = 2026) -> DemoResult:
    rng = random.Random(seed)
    pins = [_demo_pin(rng) for _ in range(3)]
    identity, manager = set_up_counter(
        uow_factory(),
        NewCounter("演示旗舰店", "DEMO01", "1", "王经理", pins[0]),
        now,
    )
    actor = Actor(manager.id, manager.name, manager.role, identity.store_id, identity.device_id)
    cashier = create_staff(uow_factory(), actor, now, "李收银", "cashier", pins[1])
    create_staff(uow_factory(), actor, now, "张活动", "event_staff", pins[2])
    gift_ids = {}
    for spec in GIFTS:
        gift_id = gift_ids[spec.sku] = define_gift(uow_factory(), actor, now, spec)
        receive_stock(uow_factory(), actor, now, gift_id, OPENING_STOCK[spec.sku], DEMO_DELIVERY)
    for spec in COUPON_TEMPLATES:
        define_coupon_template(uow_factory(), actor, now, spec)
    for spec in _demo_events(now):
        create_event(uow_factory(), actor, now, spec)
    registered = [
        register_member(uow_factory(), actor, now - timedelta(days=330), new)
        for new in _demo_members(rng, members)
    ]
    purchases = _demo_purchases(uow_factory, actor, now, registered, rng)
    _demo_coupons(uow_factory, actor, now, registered)
    _demo_registrations(uow_factory, actor, now, registered)
    till = Actor(cashier.id, cashier.name, cashier.role, identity.store_id, identity.device_id)
    purchases += _demo_shift(uow_factory, till, now, registered, rng, gift_ids)
    staff = (
        DemoStaff("王经理", "manager", pins[0]),
        DemoStaff("李收银", "cashier", pins[1]),
        DemoStaff("张活动", "event_staff", pins[2]),
    )
    return DemoResult(staff=staff, members=members, purchases=purchases)


def _demo_purchases(uow_factory, actor: Actor, now: datetime, registered, rng) -> int:
    """A year of shopping for most members, so balances, tiers and expiry are real."""
    count = 0
    for member in registered[: len(registered) * 3 // 4]:
        days_ago = sorted((rng.randint(1, 320) for _ in range(rng.randint(1, 6))), reverse=True)
        for days in days_ago:  # in the order they happened, so tiers rise as they would
            at = now - timedelta(days=days, minutes=rng.randint(0, 600))
            gross = rng.choice((3800, 12800, 25900, 68000, 129900, 299900, 459900))
            lines = {"electronics": gross // 2} if rng.random() < 0.2 else {}
            count += 1
            # A shopper came in: without the visit their card would greet them as new.
            record_visit(uow_factory(), actor, at, member.id, "code")
            earn(uow_factory(), actor, at, member.id, f"D{count:06d}", gross, lines)
    return count


def _demo_coupons(uow_factory, actor: Actor, now: datetime, registered) -> None:
    """Coupons bought with points by the first members who can afford one; every other one
    already used on a purchase, so the Coupons page shows both."""
    step = 100
    bought = 0
    for member in registered:
        if bought == 6:
            break
        if member_card(uow_factory(), actor, now, member.id).points_balance < step:
            continue
        [coupon] = exchange_points(uow_factory(), actor, now, member.id, step)
        bought += 1
        if bought % 2 == 0:
            earn(
                uow_factory(),
                actor,
                now,
                member.id,
                f"DC{bought:04d}",
                8800,
                {},
                coupon_text=coupon.payload,
            )


# Invitations: members for the salon, the best tiers for the VIP evening, a few for the
# workshop, and two guests who are not members.
DEMO_INVITES = {"EVT-SALON": 12, "EVT-VIP": 6, "EVT-CRAFT": 8}
DEMO_GUESTS = (("EVT-CRAFT", "周小满", "13700001111"), ("EVT-SALON", "Anna Li", None))


def _demo_registrations(uow_factory, actor: Actor, now: datetime, registered) -> None:
    by_code = {e.code: e.event_id for e in current_events(uow_factory(), now)}
    cards = [member_card(uow_factory(), actor, now, m.id) for m in registered]
    best = [c for c in cards if c.tier in ("gold", "platinum")]
    pools = {"EVT-VIP": best, "EVT-SALON": cards[10:], "EVT-CRAFT": cards[40:]}
    for code, count in DEMO_INVITES.items():
        for card in pools[code][:count]:
            register_member_for_event(uow_factory(), actor, now, by_code[code], card.id)
    for code, name, mobile in DEMO_GUESTS:
        register_guest(uow_factory(), actor, now, by_code[code], name, mobile)


def _demo_shift(uow_factory, till: Actor, now: datetime, registered, rng, gift_ids) -> int:
    """The cashier's morning so far, and a month of visits and ratings: the day's close and
    the KPIs have something to show. Returns the purchases made."""
    for days in range(28, 0, -1):  # visits over the last four weeks
        for member in rng.sample(registered, 3):
            record_visit(uow_factory(), till, now - timedelta(days=days), member.id, "code")
    shoppers = registered[100:110]
    for n, member in enumerate(shoppers, start=1):
        at = now - timedelta(minutes=5 * (len(shoppers) - n) + 1)
        record_visit(uow_factory(), till, at, member.id, "code")
        earn(uow_factory(), till, at, member.id, f"T{n:04d}", rng.choice((6800, 12800, 25900)), {})
    cheapest = min((g for g in GIFTS if g.min_tier is None), key=lambda g: g.points_price)
    rich = [
        m
        for m in registered[:60]
        if member_card(uow_factory(), till, now, m.id).points_balance > 3 * cheapest.points_price
    ]
    for member in rich[:3]:  # three gifts handed over this morning
        redeem_gift(uow_factory(), till, now, member.id, gift_ids[cheapest.sku])
    for days in range(27, -1, -1):  # a rating most days, mostly happy
        score = rng.choice((10, 10, 9, 9, 9, 8, 7, 6, 3))
        at = now - timedelta(days=days, minutes=30)
        record_rating(uow_factory(), till, at, score)
        record_satisfaction(uow_factory(), till, at, rng.choice((5, 5, 4, 4, 4, 3, 2)))
    return len(shoppers)


def _demo_pin(rng: random.Random) -> str:
    while True:
        pin = f"{rng.randrange(10**4):04d}"
        if pin_problem(pin) is None:
            return pin


def _demo_events(now: datetime) -> list[EventSpec]:
    day = now.replace(hour=11, minute=0, second=0, microsecond=0)
    start = now.replace(second=0, microsecond=0) - timedelta(minutes=30)
    return [
        # Open while the demo is fresh, so the door (F4) can be tried at once.
        EventSpec(
            "EVT-CRAFT",
            "周末手作工坊",
            "二楼共享空间",
            start,
            start + timedelta(hours=4),
            capacity=30,
            attendance_points=20,
        ),
        EventSpec(
            "EVT-SALON",
            "新品品鉴沙龙",
            "一楼活动区",
            day + timedelta(days=3),
            day + timedelta(days=3, hours=2),
            capacity=40,
            attendance_points=50,
        ),
        EventSpec(
            "EVT-VIP",
            "铂金会员私享夜",
            "三楼贵宾厅",
            day + timedelta(days=10),
            day + timedelta(days=10, hours=3),
            capacity=20,
            min_tier="gold",
            invitation_only=True,
            attendance_points=200,
        ),
    ]


def _demo_members(rng: random.Random, count: int) -> list[NewMember]:
    mobiles = rng.sample(range(10**8), count)
    members = []
    for i in range(count):
        name = rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2))))
        prefix = rng.choice(("138", "139", "150", "186", "177", "199"))
        month = rng.randint(1, 12)
        members.append(
            NewMember(
                name=name,
                mobile=f"{prefix}{mobiles[i]:08d}",
                birth_month=month,
                birth_day=rng.randint(1, 28),
                birth_year=rng.choice((None, rng.randint(1960, 2005))),
                consent_marketing=rng.random() < 0.7,
            )
        )
    return members
