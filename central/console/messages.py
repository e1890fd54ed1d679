"""The console's words, one table per language (zh_CN first, English beside it). A page
asks `t(key, **params)`; a key missing from a table is a test failure, not a blank."""

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"

ZH_CN: dict[str, str] = {
    "app.title": "会员积分总部控制台",
    "app.chain": "连锁",
    "nav.home": "概览",
    "nav.stores": "门店与收银台",
    "nav.members": "会员",
    "nav.exceptions": "异常处理",
    "nav.audit": "操作记录",
    "nav.sign_out": "退出登录",
    "nav.language": "English",
    "role.admin": "管理员",
    "role.marketing": "市场部",
    "role.store_manager": "店长",
    "login.title": "登录",
    "login.name": "用户名",
    "login.password": "密码",
    "login.submit": "登录",
    "login.signed_out": "您已退出登录。",
    "home.welcome": "欢迎，{name}（{role}）",
    "home.intro": "从左侧选择要处理的工作。",
    "home.stores": "门店",
    "home.counters": "收银台",
    "home.members": "会员",
    "home.open_conflicts": "未处理异常",
    "audit.title": "操作记录",
    "audit.at": "时间",
    "audit.who": "操作人",
    "audit.action": "操作",
    "audit.subject": "对象",
    "audit.reason": "原因",
    "audit.address": "地址",
    "page.next": "下一页",
    "page.first": "第一页",
    "page.empty": "没有记录。",
    "form.save": "保存",
    "form.cancel": "取消",
    "console.bad_credentials": "用户名或密码不正确。",
    "console.locked": "登录失败次数过多，请{minutes}分钟后再试。",
    "console.csrf": "页面已过期或来源不明，请刷新页面后重试。",
    "console.forbidden": "您的角色无权进行此操作。",
    "console.not_found": "找不到该页面或记录。",
    "console.no_device_token": "控制台不接受收银台令牌，请用账号登录。",
    "console.signed_out": "请先登录。",
    "console.bad_user_name": "用户名须为2至64位字母、数字或 _ . @ -。",
    "console.bad_role": "角色无效。",
    "console.unknown_store": "找不到门店 {store}。",
    "console.user_taken": "用户名 {name} 已被使用。",
    "console.password_length": "密码须为10至256个字符。",
    "console.password_control": "密码不能包含控制字符。",
    "console.too_long": "{field}太长（最多{max}个字符）。",
    "console.control_chars": "{field}不能包含控制字符。",
    "console.required": "请填写{field}。",
    "console.bad_input": "输入无效：{field}。",
    "error.title": "无法完成",
    "error.back": "返回",
}

EN: dict[str, str] = {
    "app.title": "Loyalty head-office console",
    "app.chain": "Chain",
    "nav.home": "Overview",
    "nav.stores": "Stores and counters",
    "nav.members": "Members",
    "nav.exceptions": "Exceptions",
    "nav.audit": "Audit trail",
    "nav.sign_out": "Sign out",
    "nav.language": "中文",
    "role.admin": "Administrator",
    "role.marketing": "Marketing",
    "role.store_manager": "Store manager",
    "login.title": "Sign in",
    "login.name": "User name",
    "login.password": "Password",
    "login.submit": "Sign in",
    "login.signed_out": "You have signed out.",
    "home.welcome": "Welcome, {name} ({role})",
    "home.intro": "Choose your work on the left.",
    "home.stores": "Stores",
    "home.counters": "Counters",
    "home.members": "Members",
    "home.open_conflicts": "Open exceptions",
    "audit.title": "Audit trail",
    "audit.at": "When",
    "audit.who": "Who",
    "audit.action": "Action",
    "audit.subject": "Subject",
    "audit.reason": "Reason",
    "audit.address": "Address",
    "page.next": "Next page",
    "page.first": "First page",
    "page.empty": "Nothing here.",
    "form.save": "Save",
    "form.cancel": "Cancel",
    "console.bad_credentials": "The user name or password is wrong.",
    "console.locked": "Too many failed sign-ins: try again in {minutes} minutes.",
    "console.csrf": "This page expired or came from elsewhere: reload it and try again.",
    "console.forbidden": "Your role may not do this.",
    "console.not_found": "No such page or record.",
    "console.no_device_token": "The console takes no counter token: sign in with an account.",
    "console.signed_out": "Please sign in first.",
    "console.bad_user_name": "A user name is 2-64 letters, digits or _ . @ -.",
    "console.bad_role": "No such role.",
    "console.unknown_store": "No store {store}.",
    "console.user_taken": "The user name {name} is taken.",
    "console.password_length": "A password is 10 to 256 characters.",
    "console.password_control": "A password holds no control characters.",
    "console.too_long": "{field} is too long (at most {max} characters).",
    "console.control_chars": "{field} may not hold control characters.",
    "console.required": "Please fill in {field}.",
    "console.bad_input": "Not valid: {field}.",
    "error.title": "Could not do that",
    "error.back": "Back",
}

TABLES = {"zh_CN": ZH_CN, "en": EN}


def add(zh_cn: dict[str, str], en: dict[str, str]) -> None:
    """A page module's own words, in both languages (the same keys in each)."""
    if zh_cn.keys() != en.keys():
        raise ValueError(f"keys differ: {sorted(zh_cn.keys() ^ en.keys())}")
    taken = zh_cn.keys() & ZH_CN.keys()
    if taken:
        raise ValueError(f"keys already defined: {sorted(taken)}")
    ZH_CN.update(zh_cn)
    EN.update(en)


def translate(language: str, key: str, **params: object) -> str:
    table = TABLES.get(language, ZH_CN)
    text = table.get(key) or ZH_CN.get(key) or key
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text
