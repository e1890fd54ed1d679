"""Error codes: staff, sign-in and PINs, the store's set-up, settings and the audit log."""

from services.protocol.codes.registry import declare

AUDIT_CHAIN_BROKEN = declare(
    "audit.chain_broken",
    en=(
        "The central system found that this counter's audit log was rewritten since the "
        "last sync. Tell head office; keep using the counter as usual."
    ),
    zh="中心系统发现本柜台的审计日志在上次同步后被改写。请告知总部；柜台可照常使用。",
)
AUDIT_LOCAL_BREAK = declare(
    "audit.local_break",
    en=(
        "The audit log has been changed outside this program. The break is recorded; "
        "tell head office and keep using the counter as usual."
    ),
    zh="审计日志在本程序之外被修改。此事已记录；请告知总部，柜台可照常使用。",
)
AUTH_APPROVAL_INVALID = declare(
    "auth.approval_invalid",
    en="This approval is not valid for this action. Ask the manager again.",
    zh="此授权对该操作无效，请重新请经理授权。",
)
AUTH_APPROVAL_USED = declare(
    "auth.approval_used",
    en="This approval was already used. Each approval covers one action.",
    zh="此授权已使用过。每次授权只对一个操作有效。",
)
AUTH_BAD_PIN = declare(
    "auth.bad_pin",
    en="Wrong PIN. {attempts_left} attempts left before the account locks.",
    zh="PIN 码错误。再错 {attempts_left} 次账号将被锁定。",
)
AUTH_BAD_TOKEN = declare(
    "auth.bad_token",
    en="The central system does not recognise this counter. Enroll it again.",
    zh="总部系统不认识本柜台，请重新登记。",
)
AUTH_FAILED = declare(
    "auth.failed",
    en="Sign-in failed. Check the name and PIN.",
    zh="登录失败，请检查姓名和 PIN。",
)
AUTH_FORBIDDEN = declare(
    "auth.forbidden",
    en="Your role may not do this. Ask a manager to approve it.",
    zh="您的角色无权执行此操作，请经理授权。",
)
AUTH_LOCKED = declare(
    "auth.locked",
    en="Too many wrong PINs. This account is locked until {until}.",
    zh="PIN 码错误次数过多，账号已锁定至 {until}。",
)
AUTH_MISSING_TOKEN = declare(
    "auth.missing_token",
    en="This counter is not enrolled with the central system yet.",
    zh="本柜台尚未登记到总部系统。",
)
AUTH_NOT_A_MANAGER = declare(
    "auth.not_a_manager",
    en="Only a manager can approve this.",
    zh="只有经理可以授权此操作。",
)
COUNTER_ALREADY_SET_UP = declare(
    "counter.already_set_up",
    en="This counter is already set up.",
    zh="此柜台已完成设置。",
)
COUNTER_NOT_SET_UP = declare(
    "counter.not_set_up",
    en="This counter has not been set up yet.",
    zh="此柜台尚未设置。",
)
INPUT_INVALID = declare(
    "input.invalid",
    en="Something entered is not valid. Check it and try again.",
    zh="输入的内容无效，请检查后重试。",
)
KEYS_SIGNING_KEY_MISSING = declare(
    "keys.signing_key_missing",
    en=(
        "This counter's signing key is not on this computer: it cannot print cards or "
        "coupons. Ask head office to enroll it again."
    ),
    zh="本收银台的签名密钥不在这台电脑上，无法打印会员卡或优惠券。请联系总部重新登记。",
)
LEASE_BAD_DAYS = declare(
    "lease.bad_days",
    en="The offline lease is a whole number of days, 1 or more (not {days}).",
    zh="离线租期须为不少于 1 的整数天（而不是 {days}）。",
)
LEASE_EXPIRED = declare(
    "lease.expired",
    en=(
        "This counter has not reached the central system since {until}. Until it does, "
        "points cannot be spent and coupons cannot be accepted here; points are still "
        "earned. Check the network, then sync."
    ),
    zh=(
        "本柜台自 {until} 起未连上中心系统。连上之前，本柜台不能使用积分、不能收券；消"
        "费仍可照常积分。请检查网络，然后同步。"
    ),
)
LOYALTY_ERROR = declare(
    "loyalty.error",
    en="The request was refused. Nothing was changed.",
    zh="请求被拒绝，未做任何更改。",
)
NAME_EMPTY = declare(
    "name.empty",
    en="Enter a name.",
    zh="请输入姓名。",
)
NAME_TOO_LONG = declare(
    "name.too_long",
    en="The name is too long (at most 60 characters).",
    zh="名称过长（最多 60 个字符）。",
)
NOT_FOUND = declare(
    "not_found",
    en="What was asked for does not exist (any more).",
    zh="所查找的内容不存在（或已不存在）。",
)
PIN_LENGTH = declare(
    "pin.length",
    en="A PIN has 4 to 6 digits.",
    zh="PIN 码为 4 至 6 位数字。",
)
PIN_MISMATCH = declare(
    "pin.mismatch",
    en="The two PINs differ. Type the same PIN twice.",
    zh="两次输入的 PIN 码不一致，请重新输入。",
)
PIN_NOT_DIGITS = declare(
    "pin.not_digits",
    en="A PIN is made of digits only.",
    zh="PIN 码只能由数字组成。",
)
PIN_TOO_SIMPLE = declare(
    "pin.too_simple",
    en="This PIN is too easy to guess (repeated or consecutive digits).",
    zh="此 PIN 码太容易被猜到（重复或连续数字）。",
)
REASON_REQUIRED = declare(
    "reason.required",
    en="Give a reason; it is kept in the audit log.",
    zh="请填写原因，原因会记入审计日志。",
)
RULES_UNKNOWN_VERSION = declare(
    "rules.unknown_version",
    en="The central system does not know the rule version this operation used.",
    zh="总部系统不认识此操作使用的规则版本。",
)
RULES_NOT_STARTED = declare(
    "rules.not_started",
    en="Rule version {version} starts on {starts_on}; it cannot price a sale made before that.",
    zh="规则版本 {version} 自 {starts_on} 起生效，不能用于此前的消费。",
)
SETTING_BAD_VALUE = declare(
    "setting.bad_value",
    en="This value is not allowed here.",
    zh="此处不允许该值。",
)
SETTING_OUT_OF_RANGE = declare(
    "setting.out_of_range",
    en="Choose a value from {low} to {high}.",
    zh="请选择 {low} 至 {high} 之间的值。",
)
SETTING_UNKNOWN = declare(
    "setting.unknown",
    en="There is no setting called {key}.",
    zh="没有名为 {key} 的设置项。",
)
STAFF_BAD_ROLE = declare(
    "staff.bad_role",
    en="Choose a role for the new account.",
    zh="请为新账号选择角色。",
)
STAFF_CANNOT_DEACTIVATE_SELF = declare(
    "staff.cannot_deactivate_self",
    en="You cannot deactivate your own account.",
    zh="不能停用自己的账号。",
)
STAFF_LAST_MANAGER = declare(
    "staff.last_manager",
    en="The store's last manager cannot be deactivated.",
    zh="不能停用本店最后一位经理。",
)
STAFF_NOT_FOUND = declare(
    "staff.not_found",
    en="This staff account does not exist or was deactivated.",
    zh="该员工账号不存在或已停用。",
)
STATE_INVALID = declare(
    "state.invalid",
    en="This cannot be done now. Nothing was changed.",
    zh="当前无法进行此操作，未做任何更改。",
)
STORE_BAD_CODE = declare(
    "store.bad_code",
    en="A store code has 2 to 16 letters, digits or dashes, e.g. SH-001.",
    zh="门店编号为 2 至 16 位字母、数字或短横线，例如 SH-001。",
)
STORE_BAD_TIMEZONE = declare(
    "store.bad_timezone",
    en="Unknown time zone.",
    zh="未知的时区。",
)
STORE_CODE_TAKEN = declare(
    "store.code_taken",
    en="A store with the code {store} exists already in this chain.",
    zh="本连锁中已有代码为 {store} 的门店。",
)
STORE_NAME_EMPTY = declare(
    "store.name.empty",
    en="Enter the store's name.",
    zh="请输入门店名称。",
)
STORE_NAME_TOO_LONG = declare(
    "store.name.too_long",
    en="The store's name is too long (at most 60 characters).",
    zh="门店名称过长（最多 60 个字符）。",
)
STORE_NOT_FOUND = declare(
    "store.not_found",
    en="There is no store with the code {store} in this chain.",
    zh="本连锁中没有代码为 {store} 的门店。",
)
STORE_UNKNOWN = declare(
    "store.unknown",
    en="The central system does not know this store in this chain.",
    zh="总部系统在本连锁中找不到这家门店。",
)
