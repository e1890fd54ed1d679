"""Error codes: points, purchases and refunds, ratings, the programme and its figures."""

from services.protocol.codes.registry import declare

CSAT_BAD_SCORE = declare(
    "csat.bad_score",
    en="Satisfaction is a whole number from 1 to 5.",
    zh="满意度是 1 到 5 之间的整数。",
)
KPI_PERIOD_BACKWARDS = declare(
    "kpi.period_backwards",
    en="The last month cannot be before the first.",
    zh="结束月份不能早于起始月份。",
)
KPI_PERIOD_TOO_LONG = declare(
    "kpi.period_too_long",
    en="A period is at most 24 months.",
    zh="期间最长 24 个月。",
)
NPS_BAD_SCORE = declare(
    "nps.bad_score",
    en="A rating is a whole number from 0 to 10.",
    zh="评分须为 0 到 10 的整数。",
)
NPS_COMMENT_TOO_LONG = declare(
    "nps.comment_too_long",
    en="A comment has at most {most} characters.",
    zh="留言最多 {most} 个字。",
)
POINTS_BAD_ADJUSTMENT = declare(
    "points.bad_adjustment",
    en="Type a number of points to add (+) or take away (−).",
    zh="请输入要增加（+）或扣减（−）的积分数。",
)
POINTS_BAD_AMOUNT = declare(
    "points.bad_amount",
    en="The points spent do not match what the rules price the coupons or cash at.",
    zh="所用积分与规则规定的券或抵现价格不符。",
)
POINTS_BAD_DISCOUNT = declare(
    "points.bad_discount",
    en="The member discount does not match the rules.",
    zh="会员折扣与规则不符。",
)
POINTS_BONUS_DAY_FUTURE = declare(
    "points.bonus_day_future",
    en="A bonus cannot be claimed for a day that has not come yet.",
    zh="不能为尚未到来的日期领取奖励积分。",
)
POINTS_BONUS_DAY_TOO_OLD = declare(
    "points.bonus_day_too_old",
    en="A bonus cannot be claimed for a day more than 60 days ago.",
    zh="不能为 60 天以前的日期领取奖励积分。",
)
POINTS_BONUS_NOT_DERIVABLE = declare(
    "points.bonus_not_derivable",
    en="The bonus points are not what the rules or the event give.",
    zh="奖励积分与规则或活动规定的不符。",
)
POINTS_CASH_EXCEEDS_PAYABLE = declare(
    "points.cash_exceeds_payable",
    en="That is more points than the amount to pay.",
    zh="抵现积分超过了应付金额。",
)
POINTS_CASH_STEP = declare(
    "points.cash_step",
    en="Points are used as cash in steps of 100 (100 points = 1 yuan).",
    zh="积分抵现须以 100 为单位（100 积分 = 1 元）。",
)
POINTS_EXPIRE_NOT_DUE = declare(
    "points.expire_not_due",
    en=(
        "Points were expired before their date by the central system's clock. Check "
        "this counter's clock."
    ),
    zh="按总部系统的时间，这些积分尚未到期就被清零了。请检查本柜台的时钟。",
)
POINTS_INSUFFICIENT = declare(
    "points.insufficient",
    en="Not enough points: the balance is {balance}.",
    zh="积分不足：当前余额为 {balance}。",
)
POINTS_NOT_BIRTHDAY_MONTH = declare(
    "points.not_birthday_month",
    en="Birthday points were given outside the member's birthday month.",
    zh="在会员生日月之外给了生日积分。",
)
POINTS_NOT_EARNABLE = declare(
    "points.not_earnable",
    en="More points were given than the purchase earns ({earnable} at most).",
    zh="所给积分超过此次消费可得积分（最多 {earnable}）。",
)
POINTS_REDEMPTION_BLOCKED = declare(
    "points.redemption_blocked",
    en=(
        "{name} used more points than they had across stores. Points cannot be redeemed "
        "until that is settled; earning goes on as usual."
    ),
    zh="{name} 在多家门店兑换的积分超过了余额。结清之前不能兑换积分；累积积分照常进行。",
)
POINTS_TIER_NOT_HELD = declare(
    "points.tier_not_held",
    en="Points were earned at a tier the member never held.",
    zh="积分按会员从未达到的等级计算。",
)
POS_TOKEN_MISSING = declare(
    "pos.token_missing",
    en="A bearer token is required.",
    zh="缺少访问令牌。",
)
POS_TOKEN_WRONG = declare(
    "pos.token_wrong",
    en="The token is wrong.",
    zh="访问令牌错误。",
)
POS_NOT_LOOPBACK = declare(
    "pos.not_loopback",
    en="Only this computer may call.",
    zh="只允许本机调用。",
)
POS_BODY_TOO_LARGE = declare(
    "pos.body_too_large",
    en="The request body is too large.",
    zh="请求内容过大。",
)
POS_BAD_JSON = declare(
    "pos.bad_json",
    en="The body is not valid JSON.",
    zh="请求内容不是有效的 JSON。",
)
POS_BAD_SALE = declare(
    "pos.bad_sale",
    en="The sale is not valid.",
    zh="销售数据无效。",
)
POS_MEMBER_AMBIGUOUS = declare(
    "pos.member_ambiguous",
    en="Several members match ({count}).",
    zh="匹配到多位会员（{count} 位）。",
)
POS_NO_CASHIER = declare(
    "pos.no_cashier",
    en="No cashier is signed in.",
    zh="收银员尚未登录。",
)
POS_SALE_SETTLED = declare(
    "pos.sale_settled",
    en="The sale is already settled ({status}).",
    zh="这笔销售已经处理（{status}）。",
)
POS_SALE_EXPIRED = declare(
    "pos.sale_expired",
    en="The sale waited more than {minutes} minutes and expired. Post it again.",
    zh="这笔销售等待超过 {minutes} 分钟，已失效，请重新提交。",
)
POS_TOO_MANY_PENDING = declare(
    "pos.too_many_pending",
    en="Too many sales wait (at most {limit}).",
    zh="待确认的销售过多（最多 {limit} 笔）。",
)
POS_UNKNOWN_SALE = declare(
    "pos.unknown_sale",
    en="No such sale.",
    zh="没有这笔销售。",
)
PROGRAMME_BAD_AMOUNT = declare(
    "programme.bad_amount",
    en="An amount above 0 and at most a million yuan, please.",
    zh="金额须大于 0 且不超过 100 万元。",
)
PROGRAMME_BAD_TIER = declare(
    "programme.bad_tier",
    en="No such tier: {tier}.",
    zh="等级无效：{tier}。",
)
PURCHASE_BAD_AMOUNT = declare(
    "purchase.bad_amount",
    en=(
        "Type the amount in yuan, e.g. 128 or 1234.56 (more than 0, at most 1,000,000; "
        "commas only between groups of three digits, as in 1,234.56)."
    ),
    zh=(
        "请输入金额（元），如 128 或 1234.56（大于 0，最多 1,000,000；逗号只能每三位一"
        "组，如 1,234.56）。"
    ),
)
PURCHASE_BAD_AMOUNTS = declare(
    "purchase.bad_amounts",
    en="The purchase's amounts do not add up.",
    zh="消费金额各项相加不符。",
)
PURCHASE_BAD_CATEGORIES = declare(
    "purchase.bad_categories",
    en="A category amount must be a yuan amount no larger than the purchase.",
    zh="品类金额须为不超过消费总额的元金额。",
)
PURCHASE_BAD_RECEIPT = declare(
    "purchase.bad_receipt",
    en="Type the receipt number from the till (letters and digits).",
    zh="请输入收银小票号（字母和数字）。",
)
PURCHASE_DUPLICATE_RECEIPT = declare(
    "purchase.duplicate_receipt",
    en=("Receipt {receipt} already earned {points} points for {name} at {at}. Nothing was added."),
    zh="小票 {receipt} 已于 {at} 为 {name} 积 {points} 分，本次未重复积分。",
)
PURCHASE_NOT_FOUND = declare(
    "purchase.not_found",
    en="No purchase with receipt {receipt} at this store.",
    zh="本店没有小票号为 {receipt} 的消费。",
)
RECEIPT_BAD_ENCODING = declare(
    "receipt.bad_encoding",
    en="The text is neither UTF-8 nor GB18030. Nothing was changed.",
    zh="文本既不是 UTF-8 也不是 GB18030 编码，未作任何更改。",
)
RECEIPT_BAD_FIELD = declare(
    "receipt.bad_field",
    en=(
        "The receipt code has an unreadable {field}. Nothing was changed; type the sale "
        "or check the receipt pattern in Settings."
    ),
    zh="小票码中的{field}无法识别，未作任何更改；请手动输入本笔销售，或在设置中检查小票格式。",
)
RECEIPT_BAD_PATTERN = declare(
    "receipt.bad_pattern",
    en="Receipt pattern {index} is not valid ({why}). Nothing was saved.",
    zh="第 {index} 个小票格式无效（{why}），未保存任何内容。",
)
RECEIPT_OTHER_STORE = declare(
    "receipt.other_store",
    en="This receipt is from store {store}, not this store ({ours}). Nothing was changed.",
    zh="此小票来自门店 {store}，不是本店（{ours}），未作任何更改。",
)
RECEIPT_TOO_LONG = declare(
    "receipt.too_long",
    en="The code is longer than {limit} characters: not a receipt. Nothing was changed.",
    zh="此码超过 {limit} 个字符，不是小票，未作任何更改。",
)
RECEIPT_UNKNOWN_FORMAT = declare(
    "receipt.unknown_format",
    en=(
        "This code is not a receipt in any of the store's receipt patterns. Nothing was "
        "changed; type the amount and receipt number."
    ),
    zh="此码不符合本店任何小票格式，未作任何更改；请手动输入金额和小票号。",
)
RECONCILE_BAD_FILE = declare(
    "reconcile.bad_file",
    en="The file is not an Excel workbook (XLSX).",
    zh="该文件不是 Excel 工作簿（XLSX）。",
)
RECONCILE_BAD_KIND = declare(
    "reconcile.bad_kind",
    en="This line cannot be explained: its kind is unknown.",
    zh="无法说明此条目：其类型未知。",
)
RECONCILE_BAD_MAPPING = declare(
    "reconcile.bad_mapping",
    en="Name the export's columns for the receipt number and the amount.",
    zh="请指定导出文件中小票号和金额所在的列。",
)
RECONCILE_BAD_ROW = declare(
    "reconcile.bad_row",
    en="Row {line} of the export has no receipt number or no readable amount.",
    zh="导出文件第 {line} 行缺少小票号或金额无法识别。",
)
RECONCILE_CANNOT_READ = declare(
    "reconcile.cannot_read",
    en="The file {name} cannot be read. Nothing was imported.",
    zh="无法读取文件 {name}，未导入任何内容。",
)
RECONCILE_EMPTY = declare(
    "reconcile.empty",
    en="The export is empty.",
    zh="导出文件是空的。",
)
RECONCILE_MISSING_COLUMN = declare(
    "reconcile.missing_column",
    en="The export has no column named {column}. Check the column names.",
    zh="导出文件中没有名为 {column} 的列，请检查列名。",
)
RECONCILE_TOO_LARGE = declare(
    "reconcile.too_large",
    en="The export is too large to import (20 MB or 200,000 rows at most).",
    zh="导出文件过大，无法导入（最多 20 MB 或 200,000 行）。",
)
REFUND_BAD_AMOUNT = declare(
    "refund.bad_amount",
    en=(
        "The refund must be more than 0 and at most what is left to refund (commas only "
        "between groups of three digits, as in 1,234.56)."
    ),
    zh="退款金额须大于 0，且不超过剩余可退金额（逗号只能每三位一组，如 1,234.56）。",
)
REFUND_POINTS_NOT_DERIVABLE = declare(
    "refund.points_not_derivable",
    en="The refund takes back or gives back more points than the purchase allows.",
    zh="退款扣回或退还的积分超出了该笔消费允许的范围。",
)
