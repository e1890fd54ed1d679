"""A demo store for a newcomer: staff, members, gifts, coupon templates and two events.

Everything goes through the same use cases a real counter uses, so the demo's outbox
and audit log are what a real day would leave behind.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from services.actor import Actor
from services.catalog import CouponTemplateSpec, GiftSpec, define_coupon_template, define_gift
from services.events import EventSpec, create_event
from services.members import NewMember, register_member
from services.points import earn
from services.rules.pins import pin_problem
from services.setup import NewCounter, set_up_counter
from services.staff import create_staff

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏建文辉力宇晨欣怡梓涵子轩浩然思雨"

GIFTS = (
    GiftSpec("GIFT-CUP", "保温杯", "Insulated cup", 3000, "不锈钢真空保温杯 450ml"),
    GiftSpec("GIFT-BAG", "帆布购物袋", "Canvas tote bag", 1500, "环保帆布袋，印品牌标志"),
    GiftSpec(
        "GIFT-WASH", "洗车服务", "Car wash", 800, "合作洗车店标准洗车一次", per_member_limit=2
    ),
    GiftSpec("GIFT-UMB", "折叠雨伞", "Folding umbrella", 2500),
    GiftSpec("GIFT-TEA", "精品茶礼盒", "Tea gift box", 5000, min_tier="silver"),
    GiftSpec("GIFT-SPK", "蓝牙音箱", "Bluetooth speaker", 12000, min_tier="gold"),
    GiftSpec("GIFT-SET", "铂金尊享礼盒", "Platinum gift set", 20000, min_tier="platinum"),
    GiftSpec("GIFT-MOV", "电影票两张", "Two cinema tickets", 4000, per_member_limit=1),
)

COUPON_TEMPLATES = (
    CouponTemplateSpec("POINTS-10", "10元代金券", "10 yuan voucher", "amount_off", 1000),
    CouponTemplateSpec(
        "WINBACK-50", "满300减50", "50 off 300", "amount_off", 5000, min_spend_fen=30000
    ),
    CouponTemplateSpec(
        "BDAY-SILVER",
        "白银生日券200元",
        "Silver birthday 200",
        "amount_off",
        20000,
        min_tier="silver",
        per_member_limit=1,
    ),
    CouponTemplateSpec(
        "BDAY-GOLD",
        "黄金生日券500元",
        "Gold birthday 500",
        "amount_off",
        50000,
        min_tier="gold",
        per_member_limit=1,
    ),
    CouponTemplateSpec("PCT-90", "全场9折券", "10% off", "percent_off", 10, valid_days=14),
    CouponTemplateSpec("GIFT-EX", "礼品兑换券", "Gift exchange", "gift", 0, offline_ok=False),
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
    create_staff(uow_factory(), actor, now, "李收银", "cashier", pins[1])
    create_staff(uow_factory(), actor, now, "张活动", "event_staff", pins[2])
    for spec in GIFTS:
        define_gift(uow_factory(), actor, now, spec)
    for spec in COUPON_TEMPLATES:
        define_coupon_template(uow_factory(), actor, now, spec)
    for spec in _demo_events(now):
        create_event(uow_factory(), actor, now, spec)
    registered = [
        register_member(uow_factory(), actor, now - timedelta(days=330), new)
        for new in _demo_members(rng, members)
    ]
    purchases = _demo_purchases(uow_factory, actor, now, registered, rng)
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
            earn(uow_factory(), actor, at, member.id, f"D{count:06d}", gross, lines)
    return count


def _demo_pin(rng: random.Random) -> str:
    while True:
        pin = f"{rng.randrange(10**4):04d}"
        if pin_problem(pin) is None:
            return pin


def _demo_events(now: datetime) -> list[EventSpec]:
    day = now.replace(hour=11, minute=0, second=0, microsecond=0)
    return [
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
