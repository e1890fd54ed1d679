"""Error codes: coupons and their templates."""

from services.protocol.codes.registry import declare

COUPON_ALTERED = declare(
    "coupon.altered",
    en="This coupon's code has been changed after it was issued. Do not accept it.",
    zh="此券码在发放后被篡改，请勿接受。",
)
COUPON_BAD_BATCH = declare(
    "coupon.bad_batch",
    en="A batch has 1 to {most} coupons.",
    zh="每批 1 至 {most} 张。",
)
COUPON_BAD_KIND = declare(
    "coupon.bad_kind",
    en="Unknown kind of coupon.",
    zh="未知的优惠券类型。",
)
COUPON_BAD_MIN_SPEND = declare(
    "coupon.bad_min_spend",
    en="A coupon's minimum spend cannot be below zero.",
    zh="优惠券的最低消费不能小于零。",
)
COUPON_BAD_TERMS = declare(
    "coupon.bad_terms",
    en="A coupon is valid for at least one day.",
    zh="优惠券的有效期至少为一天。",
)
COUPON_BAD_VALUE = declare(
    "coupon.bad_value",
    en=(
        "This coupon's value is not allowed: percent off is 1 to 100, an amount off is "
        "more than zero."
    ),
    zh="此券面值无效：折扣须在 1% 至 100% 之间，减免金额须大于零。",
)
COUPON_EXPIRED = declare(
    "coupon.expired",
    en="This coupon expired on {end}.",
    zh="此券已于 {end} 过期。",
)
COUPON_FORGED = declare(
    "coupon.forged",
    en="This coupon was not issued by our stores (unknown signature). Do not accept it.",
    zh="此券并非本连锁门店发放（签名未知），请勿接受。",
)
COUPON_LIMIT_REACHED = declare(
    "coupon.limit_reached",
    en="The member already holds as many of these coupons as allowed ({limit}).",
    zh="该会员持有此券已达上限（{limit} 张）。",
)
COUPON_MALFORMED = declare(
    "coupon.malformed",
    en="This is not a coupon code this counter can read. Scan it again.",
    zh="无法识别此券码，请重新扫描。",
)
COUPON_NEEDS_MEMBER = declare(
    "coupon.needs_member",
    en="This coupon belongs to a member: scan the member's card first.",
    zh="此券限会员本人使用：请先扫描会员卡。",
)
COUPON_NEEDS_PURCHASE = declare(
    "coupon.needs_purchase",
    en="This coupon takes money off a purchase: use it on the Points page.",
    zh="此券用于消费抵扣：请在“积分”页结账时使用。",
)
COUPON_NO_BIRTHDAY_COUPON = declare(
    "coupon.no_birthday_coupon",
    en="{name} has no birthday coupon to take now (not the month, or already given).",
    zh="{name} 目前没有可领的生日券（不在生日月，或今年已领）。",
)
COUPON_NO_TEMPLATE = declare(
    "coupon.no_template",
    en="No active coupon of this kind is set up at this counter.",
    zh="本机未设置此类有效的优惠券。",
)
COUPON_NOT_A_DISCOUNT = declare(
    "coupon.not_a_discount",
    en="This is a gift coupon: redeem it on the Coupons page, not on a purchase.",
    zh="这是礼品兑换券：请在“优惠券”页兑换，不能用于消费抵扣。",
)
COUPON_NOT_FOUND = declare(
    "coupon.not_found",
    en="No coupon with this code is known here. Scan its QR code instead.",
    zh="本机没有此券码的记录，请改为扫描二维码。",
)
COUPON_NOT_REDEEMED = declare(
    "coupon.not_redeemed",
    en="Only a used coupon can have its redemption voided.",
    zh="只有已使用的券才能撤销核销。",
)
COUPON_NOT_REVOCABLE = declare(
    "coupon.not_revocable",
    en="Only an unused coupon can be revoked.",
    zh="只有未使用的券才能作废。",
)
COUPON_NOT_YET_VALID = declare(
    "coupon.not_yet_valid",
    en="This coupon is not valid yet; it starts on {start}.",
    zh="此券尚未生效，生效时间 {start}。",
)
COUPON_ONLINE_ONLY = declare(
    "coupon.online_only",
    en="This coupon can only be accepted while connected to the central system.",
    zh="此券只能在连接总部系统时使用。",
)
COUPON_POINTS_NOT_DERIVABLE = declare(
    "coupon.points_not_derivable",
    en="More points would come back than the coupon cost, or it was already used.",
    zh="退还的积分超过了这张券的兑换积分，或券已被使用。",
)
COUPON_POINTS_STEP = declare(
    "coupon.points_step",
    en="Coupons are bought in steps of {step} points.",
    zh="兑换优惠券须以 {step} 积分为单位。",
)
COUPON_REVOKED = declare(
    "coupon.revoked",
    en="This coupon was revoked and cannot be used.",
    zh="此券已作废，不能使用。",
)
COUPON_TEMPLATE_ENDED = declare(
    "coupon.template_ended",
    en="This coupon campaign has ended.",
    zh="此优惠券活动已结束。",
)
COUPON_TIER_NOT_ELIGIBLE = declare(
    "coupon.tier_not_eligible",
    en="The member's tier does not qualify for this coupon.",
    zh="会员等级不符合此券的要求。",
)
COUPON_UNDER_MINIMUM = declare(
    "coupon.under_minimum",
    en="This coupon needs a spend of at least {min_fen} (after member discount).",
    zh="此券需消费满 {min_fen}（会员折扣后）方可使用。",
)
COUPON_UNKNOWN = declare(
    "coupon.unknown",
    en="The central system does not know this coupon in this chain.",
    zh="总部系统在本连锁中找不到这张券。",
)
COUPON_USED = declare(
    "coupon.used",
    en="This coupon was already used on {at} at {store} {counter}.",
    zh="此券已于 {at} 在 {store} {counter} 使用过。",
)
COUPON_WRONG_MEMBER = declare(
    "coupon.wrong_member",
    en="This coupon belongs to another member.",
    zh="此券属于其他会员。",
)
COUPON_WRONG_TIER = declare(
    "coupon.wrong_tier",
    en="This coupon is for members of a higher tier.",
    zh="此券仅限更高等级会员使用。",
)
COUPON_TEMPLATE_CODE_TAKEN = declare(
    "coupon_template.code_taken",
    en="A coupon template with the code {template} exists already.",
    zh="代码为 {template} 的优惠券模板已存在。",
)
