"""Error codes: members, their cards and codes, scans."""

from services.protocol.codes.registry import declare

BIRTHDAY_BAD_DAY = declare(
    "birthday.bad_day",
    en="This day does not exist in that month.",
    zh="该月份没有这一天。",
)
BIRTHDAY_BAD_MONTH = declare(
    "birthday.bad_month",
    en="Choose a birth month.",
    zh="请选择出生月份。",
)
BIRTHDAY_BAD_YEAR = declare(
    "birthday.bad_year",
    en="The birth year is not plausible.",
    zh="出生年份不合理。",
)
MEMBER_BAD_MOBILE = declare(
    "member.bad_mobile",
    en="A mobile number has 11 digits and starts with 1.",
    zh="手机号为以 1 开头的 11 位数字。",
)
MEMBER_BAD_TIER = declare(
    "member.bad_tier",
    en="Unknown tier: {tier}.",
    zh="未知的会员等级：{tier}。",
)
MEMBER_ID_TAKEN = declare(
    "member.id_taken",
    en="Another member at the central system already has this member's id.",
    zh="总部系统中已有其他会员使用此会员编号。",
)
MEMBER_INACTIVE = declare(
    "member.inactive",
    en="The membership of {name} is deactivated.",
    zh="{name} 的会员资格已停用。",
)
MEMBER_MOBILE_TAKEN = declare(
    "member.mobile_taken",
    en="Another member already has this mobile number.",
    zh="该手机号已被其他会员使用。",
)
MEMBER_NAME_EMPTY = declare(
    "member.name.empty",
    en="Enter the member's name.",
    zh="请输入会员姓名。",
)
MEMBER_NAME_TOO_LONG = declare(
    "member.name.too_long",
    en="The name is too long (at most 60 characters).",
    zh="名称过长（最多 60 个字符）。",
)
MEMBER_NOT_FOUND = declare(
    "member.not_found",
    en="No member found.",
    zh="未找到会员。",
)
MEMBER_TIER_NOT_EARNED = declare(
    "member.tier_not_earned",
    en="The member's spend at the central system does not qualify for this tier.",
    zh="按总部系统的记录，会员的消费额不够此等级。",
)
MEMBER_UNKNOWN = declare(
    "member.unknown",
    en="The central system does not know this member.",
    zh="总部系统不认识这位会员。",
)
QR_BAD_SIGNATURE = declare(
    "qr.bad_signature",
    en="This code has been altered or forged. It was refused; nothing was recorded.",
    zh="此码已被篡改或伪造，已拒绝，未做任何记录。",
)
QR_MALFORMED = declare(
    "qr.malformed",
    en="This is not a member code of ours. Scan again, or type the mobile number.",
    zh="这不是本系统的会员码。请重新扫码，或输入手机号。",
)
QR_REVOKED = declare(
    "qr.revoked",
    en="This card of {name} was replaced by a newer one. Ask for the new card.",
    zh="{name} 的这张卡已被新卡取代，请出示新卡。",
)
QR_UNKNOWN_KEY = declare(
    "qr.unknown_key",
    en="This code was signed by a key this counter does not trust. Nothing was recorded.",
    zh="此码的签名密钥不受本柜台信任，未做任何记录。",
)
QR_UNSUPPORTED_VERSION = declare(
    "qr.unsupported_version",
    en="This code comes from a newer version of the system. Update this counter.",
    zh="此码来自更新版本的系统，请升级本柜台。",
)
SCAN_EMPTY = declare(
    "scan.empty",
    en="Nothing was scanned. Scan the member's code or type a mobile number.",
    zh="没有扫到内容。请扫描会员码或输入手机号。",
)
SCAN_TOO_LONG = declare(
    "scan.too_long",
    en="That was far too long for a member code. It was ignored.",
    zh="内容过长，不是会员码，已忽略。",
)
TIER_UNKNOWN = declare(
    "tier.unknown",
    en="Unknown tier.",
    zh="未知的会员等级。",
)
