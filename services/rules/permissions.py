"""Which role may do what. A permission a role lacks can be granted once by a manager's PIN."""

from enum import StrEnum


class Role(StrEnum):
    CASHIER = "cashier"
    EVENT_STAFF = "event_staff"
    MANAGER = "manager"


class Permission(StrEnum):
    MEMBER_CHECK_IN = "member.check_in"
    MEMBER_REGISTER = "member.register"
    MEMBER_DEACTIVATE = "member.deactivate"
    POINTS_EARN = "points.earn"
    POINTS_REDEEM = "points.redeem"
    POINTS_ADJUST = "points.adjust"
    GIFT_REDEEM = "gift.redeem"
    GIFT_OVERRIDE_STOCK = "gift.override_stock"  # hand over a gift the books say is gone
    STOCK_RECEIVE = "stock.receive"  # deliveries and transfers in: goods arriving
    STOCK_COUNT = "stock.count"
    STOCK_MANAGE = "stock.manage"  # damage, loss, finds and transfers out: goods leaving
    COUPON_ISSUE = "coupon.issue"
    # By hand, in batches (event, win-back, quarterly): coupons nobody earned at the till.
    COUPON_GRANT = "coupon.grant"
    COUPON_REDEEM = "coupon.redeem"
    COUPON_VOID = "coupon.void"
    EVENT_SIGN_IN = "event.sign_in"
    EVENT_OVERRIDE_CAPACITY = "event.override_capacity"
    EVENT_MANAGE = "event.manage"
    CATALOG_MANAGE = "catalog.manage"
    REPORTS_VIEW = "reports.view"
    STAFF_MANAGE = "staff.manage"
    SETTINGS_MANAGE = "settings.manage"
    SYNC_RESOLVE = "sync.resolve"


_CASHIER = frozenset(
    {
        Permission.MEMBER_CHECK_IN,
        Permission.MEMBER_REGISTER,
        Permission.POINTS_EARN,
        Permission.POINTS_REDEEM,
        Permission.GIFT_REDEEM,
        Permission.STOCK_RECEIVE,
        Permission.COUPON_ISSUE,
        Permission.COUPON_REDEEM,
        Permission.EVENT_SIGN_IN,
    }
)
_EVENT_STAFF = frozenset(
    {Permission.MEMBER_CHECK_IN, Permission.MEMBER_REGISTER, Permission.EVENT_SIGN_IN}
)

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.CASHIER: _CASHIER,
    Role.EVENT_STAFF: _EVENT_STAFF,
    Role.MANAGER: frozenset(Permission),
}


def role_allows(role: str, permission: str) -> bool:
    try:
        return Permission(permission) in ROLE_PERMISSIONS[Role(role)]
    except ValueError:
        return False


def is_role(value: str) -> bool:
    return value in Role._value2member_map_
