"""The till in the console: each store's reconciliation of a day as its counter reported it
(on the exceptions page: the centre's error rate against the 0.5% target and the lines that
did not match), and a store's receipt patterns, which head office or the store's manager
sets and the centre publishes to the store's counters as a signed `receipt_patterns`
change. A store manager sees and sets only their own store's."""

import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from central.console import messages
from central.console.audit import Who, record
from central.console.auth import SignedIn
from central.console.errors import ConsoleError
from central.feed import PendingChanges, flush_changes
from central.models import Store
from central.models_pos import pos_reconciliation, store_receipt_patterns
from services.protocol import ProtocolError
from services.rules.receipt_patterns import (
    DEFAULT_PATTERNS,
    MAX_PATTERNS,
    PRESETS,
    patterns_problem,
)
from services.rules.reconcile import TARGET_BP

DAYS_SHOWN = 60
PATTERNS_TEXT_MAX = 8000
# The counter's presets, in the order the form offers them (plain last: see its explanation).
PRESET_ORDER = ("fapiao", "key_value", "json", "plain")

messages.add(
    {
        "pos.store": "门店",
        "pos.day": "日期",
        "pos.sales": "POS 销售笔数",
        "pos.earns": "积分笔数",
        "pos.lines": "未匹配",
        "pos.explained": "已说明",
        "pos.rate": "差错率（目标 ≤0.50%）",
        "pos.kind": "类型",
        "pos.receipt": "小票号",
        "pos.pos_amount": "POS 金额",
        "pos.loyalty_amount": "积分系统金额",
        "pos.reason": "说明",
        "pos.unexplained": "未说明",
        "pos.more_lines": "另有 {n} 条未列出（每日最多上报 150 条）。",
        "pos.kind.earn_without_sale": "有积分无 POS 销售",
        "pos.kind.amount_differs": "金额不符",
        "pos.kind.refund_pos_only": "仅 POS 退货",
        "pos.kind.refund_loyalty_only": "仅积分系统退货",
        "pos.kind.member_sale_without_points": "会员消费未积分",
        "patterns.title": "小票格式",
        "patterns.help": "收银台扫描小票条码或二维码时按这些格式读取小票号、金额等。"
        "保存后总部会签名下发到本门店的所有收银台，替换其当前格式；"
        "店长之后在收银台上的修改会保留到总部下一次下发。格式为 JSON 列表，"
        "种类：regex、key_value、json、delimited（全电发票二维码即 delimited）。",
        "patterns.field": "小票格式",
        "patterns.version": "总部版本 {version}，{by} 于 {at} 设置",
        "patterns.never": "总部尚未设置，收银台使用各自的格式（下方为默认格式）。",
        "patterns.save": "保存并下发",
        "patterns.saved": "小票格式已保存（版本 {version}），收银台下次同步时生效。",
        "patterns.not_json": "小票格式不是有效的 JSON。",
        "patterns.bad": "第 {index} 个小票格式无效（{why}），未保存任何内容。",
        "patterns.count": "小票格式须为 1 至 {most} 个，未保存任何内容。",
        "patterns.presets": "加入预设（加到下方列表末尾，按“保存并下发”前不会下发）：",
        "patterns.preset.fapiao": "全电发票二维码",
        "patterns.preset.key_value": "键=值",
        "patterns.preset.json": "JSON",
        "patterns.preset.plain": "纯小票号",
        "patterns.preset_added": "已加入预设“{name}”，尚未保存：检查后按“保存并下发”。",
        "patterns.preset_there": "列表中已有名为“{name}”的格式，未重复加入。",
        "patterns.no_preset": "没有这个预设。",
        "patterns.full": "已有 {most} 个小票格式，不能再加入预设。",
        "patterns.fields": "字段",
        "patterns.field.receipt": "receipt：小票号（必需），同一小票号只能积分一次。",
        "patterns.field.amount": "amount：实付金额；amount_unit 为 yuan（元，如 128.50）"
        "或 fen（分，如 12850）。",
        "patterns.field.time": "time：销售时间（可选）。",
        "patterns.field.store": "store：门店代码（可选）。",
        "patterns.field.categories": "categories：品类与金额，code:金额 成对，以 ; 分隔（可选）。",
        "patterns.field.kinds": "regex 用命名分组，如 (?P<receipt>…)；key_value 与 json 的"
        " fields 把上述字段名对应到收银机的键名；delimited 按 separator 切分，positions 从 0"
        " 数起（前缀也算一段）。全电发票二维码的金额（第 4 段）是价税合计。",
        "patterns.plain_warning": "纯小票号会把扫到的任何数字当作小票号（如签到时扫的手机号），"
        "仅在收银机小票上没有其他条码时使用。",
    },
    {
        "pos.store": "Store",
        "pos.day": "Day",
        "pos.sales": "Till sales",
        "pos.earns": "Earns",
        "pos.lines": "Unmatched",
        "pos.explained": "Explained",
        "pos.rate": "Error rate (target ≤0.50%)",
        "pos.kind": "Kind",
        "pos.receipt": "Receipt",
        "pos.pos_amount": "Till amount",
        "pos.loyalty_amount": "Loyalty amount",
        "pos.reason": "Explanation",
        "pos.unexplained": "not explained",
        "pos.more_lines": "{n} more not listed (a day reports at most 150).",
        "pos.kind.earn_without_sale": "Earn with no till sale",
        "pos.kind.amount_differs": "Amounts differ",
        "pos.kind.refund_pos_only": "Refund at the till only",
        "pos.kind.refund_loyalty_only": "Refund in loyalty only",
        "pos.kind.member_sale_without_points": "Member sale without points",
        "patterns.title": "Receipt patterns",
        "patterns.help": "How the counters read a receipt's barcode or QR code (receipt number,"
        " amount, ...). Saved patterns are signed and sent to every counter of the store in"
        " place of its own; a manager's later edit at a counter is kept until head office"
        " sends the next set. A JSON list; kinds: regex, key_value, json, delimited (the QR"
        " of a fully digital invoice is delimited).",
        "patterns.field": "Receipt patterns",
        "patterns.version": "Head office's version {version}, set by {by} at {at}",
        "patterns.never": "Head office has not set them: each counter uses its own (the"
        " defaults are below).",
        "patterns.save": "Save and send",
        "patterns.saved": "Receipt patterns saved (version {version}); counters take them at"
        " their next sync.",
        "patterns.not_json": "The receipt patterns are not valid JSON.",
        "patterns.bad": "Receipt pattern {index} is not valid ({why}). Nothing was saved.",
        "patterns.count": "A store has 1 to {most} receipt patterns. Nothing was saved.",
        "patterns.presets": "Add a preset (to the end of the list below; nothing is sent until"
        " Save and send):",
        "patterns.preset.fapiao": "Digital invoice QR",
        "patterns.preset.key_value": "key=value",
        "patterns.preset.json": "JSON",
        "patterns.preset.plain": "Plain receipt number",
        "patterns.preset_added": "Preset \u201c{name}\u201d added, not yet saved: check it, then"
        " Save and send.",
        "patterns.preset_there": "The list already has a pattern named \u201c{name}\u201d; it was"
        " not added twice.",
        "patterns.no_preset": "There is no such preset.",
        "patterns.full": "The store already has {most} receipt patterns; no preset can be added.",
        "patterns.fields": "Fields",
        "patterns.field.receipt": "receipt: the receipt number (required); a receipt earns"
        " points once.",
        "patterns.field.amount": "amount: the amount paid; amount_unit is yuan (128.50) or fen"
        " (12850).",
        "patterns.field.time": "time: when the sale was made (optional).",
        "patterns.field.store": "store: the store's code (optional).",
        "patterns.field.categories": "categories: item categories as code:amount pairs"
        " separated by ; (optional).",
        "patterns.field.kinds": "regex uses named groups such as (?P<receipt>...); key_value"
        " and json map these field names to the till's keys in fields; delimited splits on"
        " separator, positions counting from 0 (the prefix is one). The digital invoice QR's"
        " amount (position 4) is the total including tax.",
        "patterns.plain_warning": "A plain receipt number takes any number scanned (a mobile"
        " at check-in, say) for a receipt: use it only if the till prints no other code.",
    },
)


# the reconciliation ------------------------------------------------------------------------


@dataclass(frozen=True)
class ReconciledDay:
    store_code: str
    store_name: str
    day: date
    sales: int
    earns: int
    mismatches: int
    explained: int
    error_bp: int
    lines: list[dict]

    @property
    def rate(self) -> str:
        return f"{self.error_bp // 100}.{self.error_bp % 100:02d}%"

    @property
    def within_target(self) -> bool:
        return self.error_bp <= TARGET_BP

    @property
    def unlisted(self) -> int:
        return self.mismatches - len(self.lines)


def reconciliation_section(session: Session, user: SignedIn) -> dict:
    """The exceptions page's POS section: the latest reported days, per store and day."""
    table = pos_reconciliation
    query = (
        select(table, Store.code, Store.name)
        .join(Store, Store.id == table.c.store_id)
        .where(table.c.chain_id == user.chain_id)
        .order_by(table.c.day.desc(), Store.code)
        .limit(DAYS_SHOWN)
    )
    if user.store_id is not None:
        query = query.where(table.c.store_id == user.store_id)
    days = [
        ReconciledDay(
            row.code,
            row.name,
            row.day,
            row.sales,
            row.earns,
            row.mismatches,
            row.explained,
            row.error_bp,
            json.loads(row.lines),
        )
        for row in session.execute(query)
    ]
    return {"pos_days": days}


# receipt patterns --------------------------------------------------------------------------


def patterns_form(session: Session, store: Store) -> dict:
    """What the store page's patterns form shows: head office's set, or the defaults."""
    row = session.execute(
        select(store_receipt_patterns).where(store_receipt_patterns.c.store_id == store.id)
    ).first()
    patterns = json.loads(row.patterns) if row else DEFAULT_PATTERNS
    return {
        "text": json.dumps(patterns, ensure_ascii=False, indent=2),
        "version": row.version if row else None,
        "by": row.updated_by if row else None,
        "at": row.updated_at if row else None,
        "presets": PRESET_ORDER,
    }


def with_preset(typed: str, name: str) -> tuple[str, bool]:
    """The box's list with preset `name` added at its end, as the counter's editor adds one,
    and whether it was added (not if a pattern of that name is there). An empty box starts a
    list; a box that is not a JSON list is refused, so nothing typed is thrown away."""
    if name not in PRESET_ORDER:
        raise ConsoleError("patterns.no_preset", 422)
    patterns = read_list(typed) if typed.strip() else []
    added = all(not isinstance(p, dict) or p.get("name") != name for p in patterns)
    if added and len(patterns) >= MAX_PATTERNS:
        raise ConsoleError("patterns.full", 422, most=MAX_PATTERNS)
    if added:
        patterns.append(PRESETS[name])
    return json.dumps(patterns, ensure_ascii=False, indent=2), added


def read_list(text: str) -> list:
    """The form's JSON, which must at least be a list, or ConsoleError."""
    try:
        value = json.loads(text, parse_constant=_no_constant)
    except ValueError:
        raise ConsoleError("patterns.not_json", 422) from None
    if not isinstance(value, list):
        raise ConsoleError("patterns.count", 422, most=MAX_PATTERNS)
    return value


def read_patterns(text: str) -> list:
    """The form's JSON as a pattern list the counters' rules accept, or ConsoleError."""
    value = read_list(text)
    problem = patterns_problem(value)
    if problem is None:
        return value
    why, index = problem
    if index is None:
        raise ConsoleError("patterns.count", 422, most=MAX_PATTERNS)
    raise ConsoleError("patterns.bad", 422, index=index + 1, why=why)


def _no_constant(name: str) -> None:
    raise ValueError(name)  # NaN and Infinity are not JSON a counter reads


def set_patterns(session: Session, who: Who, store: Store, patterns: list, now: datetime) -> int:
    """Keeps the store's new set, publishes it to the store's counters and audits it, in the
    caller's transaction; returns its version. The change's schema checks it first."""
    table = store_receipt_patterns
    # Locked: two people saving at once would both take the next version, and a counter
    # takes each version once, so it would keep one set while the centre kept the other.
    row = session.execute(
        select(table.c.version, table.c.patterns)
        .where(table.c.store_id == store.id)
        .with_for_update()
    ).first()
    version = (row.version if row else 0) + 1
    by = who.name[:120]
    body = {
        "store_id": store.id,
        "version": version,
        "patterns": patterns,
        "by": by,
        "at": now.isoformat(),
    }
    changes = PendingChanges(store.chain_id)
    try:
        changes.add("receipt_patterns", store.id, body, store_id=store.id)
    except ProtocolError as refused:
        index = _index(refused.field)
        raise ConsoleError("patterns.bad", 422, index=index, why=refused.detail) from None
    text = json.dumps(patterns, ensure_ascii=False)
    values = {"version": version, "patterns": text, "updated_at": now, "updated_by": by}
    if row is None:
        session.execute(insert(table).values(store_id=store.id, chain_id=store.chain_id, **values))
    else:
        session.execute(update(table).where(table.c.store_id == store.id).values(**values))
    flush_changes(session, changes)
    before = {"version": row.version, "patterns": json.loads(row.patterns)} if row else None
    after = {"version": version, "patterns": patterns}
    record(session, who, now, "store.receipt_patterns", f"store:{store.id}", before, after)
    return version


def _index(field: str | None) -> int:
    """1-based pattern number from a field path such as `patterns.2.name` (0: the list)."""
    parts = (field or "").split(".")
    return int(parts[1]) + 1 if len(parts) > 1 and parts[1].isdigit() else 0
