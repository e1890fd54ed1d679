"""Error codes: gifts, the catalog and stock."""

from services.protocol.codes.registry import declare

CATALOG_NAME_EMPTY = declare(
    "catalog.name.empty",
    en="Enter the gift's name in Chinese and in English.",
    zh="请填写礼品的中文名称和英文名称。",
)
CATALOG_NAME_TOO_LONG = declare(
    "catalog.name.too_long",
    en="The name is too long (at most 60 characters).",
    zh="名称过长（最多 60 个字符）。",
)
GIFT_BAD_DATES = declare(
    "gift.bad_dates",
    en="The offer must end after it starts.",
    zh="下架日期必须晚于上架日期。",
)
GIFT_BAD_IMAGE = declare(
    "gift.bad_image",
    en="Choose a picture from the gift pictures folder.",
    zh="请从礼品图片文件夹中选择图片。",
)
GIFT_BAD_LIMIT = declare(
    "gift.bad_limit",
    en="The per-member limit must be at least 1, or none.",
    zh="每位会员限兑次数至少为 1，或不限。",
)
GIFT_BAD_PRICE = declare(
    "gift.bad_price",
    en="The points price must be a whole number above 0.",
    zh="所需积分必须是大于 0 的整数。",
)
GIFT_BAD_SKU = declare(
    "gift.bad_sku",
    en="A SKU has 2 to 32 letters, digits or dashes, e.g. GIFT-CUP.",
    zh="货号由 2 到 32 个字母、数字或短横线组成，例如 GIFT-CUP。",
)
GIFT_BAD_THRESHOLD = declare(
    "gift.bad_threshold",
    en="The low-stock alert level cannot be below 0.",
    zh="库存预警线不能小于 0。",
)
GIFT_INACTIVE = declare(
    "gift.inactive",
    en="This gift is no longer offered at this counter.",
    zh="本柜台已不再提供这件礼品。",
)
GIFT_LIMIT_REACHED = declare(
    "gift.limit_reached",
    en="This member has already had this gift {limit} time(s), the most allowed.",
    zh="该会员已兑换这件礼品 {limit} 次，已达上限。",
)
GIFT_NO_LONGER_AVAILABLE = declare(
    "gift.no_longer_available",
    en="This gift's offer has ended.",
    zh="这件礼品的兑换已结束。",
)
GIFT_NOT_FOUND = declare(
    "gift.not_found",
    en="This gift is not in the catalog.",
    zh="礼品目录中没有这件礼品。",
)
GIFT_NOT_YET_AVAILABLE = declare(
    "gift.not_yet_available",
    en="This gift is not offered yet.",
    zh="这件礼品尚未开始兑换。",
)
GIFT_OUT_OF_STOCK = declare(
    "gift.out_of_stock",
    en="None in stock. If the gift is in your hand, a manager may override with a reason.",
    zh="已无库存。如果礼品就在您手中，经理可以填写原因后批准发放。",
)
GIFT_PICTURE_DAMAGED = declare(
    "gift.picture_damaged",
    en="The picture is damaged and cannot be read.",
    zh="图片已损坏，无法读取。",
)
GIFT_PICTURE_TOO_BIG = declare(
    "gift.picture_too_big",
    en="The picture is too big (at most {max_kb} KB).",
    zh="图片太大（最多 {max_kb} KB）。",
)
GIFT_PICTURE_TOO_LARGE = declare(
    "gift.picture_too_large",
    en="A picture is at most {max} pixels a side.",
    zh="图片每边不能超过 {max} 像素。",
)
GIFT_PICTURE_TYPE = declare(
    "gift.picture_type",
    en="Only PNG or JPEG pictures, please.",
    zh="只接受 PNG 或 JPEG 图片。",
)
GIFT_REDEMPTION_NOT_FOUND = declare(
    "gift.redemption_not_found",
    en="This redemption is not recorded at this counter.",
    zh="本柜台没有这笔兑换记录。",
)
GIFT_SKU_FIXED = declare(
    "gift.sku_fixed",
    en="A gift's SKU cannot change; add a new gift instead.",
    zh="礼品货号不能修改；请新增一件礼品。",
)
GIFT_SKU_TAKEN = declare(
    "gift.sku_taken",
    en="Another gift already has the SKU {sku}.",
    zh="货号 {sku} 已被其他礼品使用。",
)
GIFT_TIER_REQUIRED = declare(
    "gift.tier_required",
    en="This gift is for members of a higher tier.",
    zh="这件礼品仅限更高等级的会员兑换。",
)
STOCK_BAD_CAUSE = declare(
    "stock.bad_cause",
    en="Choose what happened: damaged, lost or found.",
    zh="请选择情况：损坏、丢失或找回。",
)
STOCK_BAD_COUNT = declare(
    "stock.bad_count",
    en="A counted quantity is a whole number of pieces, 0 or more.",
    zh="盘点数量必须是 0 或以上的整数。",
)
STOCK_BAD_QUANTITY = declare(
    "stock.bad_quantity",
    en="Type a number of pieces from 1 to {most}.",
    zh="请输入 1 到 {most} 之间的件数。",
)
STOCK_BAD_REFERENCE = declare(
    "stock.bad_reference",
    en="Type the delivery note's number (at most 64 characters).",
    zh="请填写送货单号（最多 64 个字符）。",
)
STOCK_NOT_ENOUGH = declare(
    "stock.not_enough",
    en="Only {on_hand} in stock: that many cannot leave.",
    zh="库存只有 {on_hand} 件，无法调出这么多。",
)
STOCK_NOTHING_COUNTED = declare(
    "stock.nothing_counted",
    en="Type the counted quantity of at least one gift.",
    zh="请至少填写一种礼品的盘点数量。",
)
STOCK_SAME_STORE = declare(
    "stock.same_store",
    en="A transfer goes to or comes from another store, not this one.",
    zh="调拨的对方必须是其他门店，不能是本店。",
)
