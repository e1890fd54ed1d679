"""Stores and counters: the list, a store's counters (last contact, version, queue, clock
skew, lease), a new store, an enrollment code as a QR code, revoking a counter."""

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from central import admin
from central.admin_devices import device_rows
from central.console import audit, messages, pos, stores, web
from central.console.auth import SignedIn
from central.console.errors import ConsoleError
from central.models import Store

router = APIRouter()

messages.add(
    {
        "stores.title": "门店与收银台",
        "stores.code": "门店代码",
        "stores.name": "门店名称",
        "stores.timezone": "时区",
        "stores.counters": "收银台",
        "stores.revoked": "已停用",
        "stores.create": "新建门店",
        "stores.created": "门店 {code} 已创建。",
        "stores.code_taken": "门店代码 {code} 已存在。",
        "stores.bad_timezone": "时区无效。",
        "store.title": "门店 {code} · {name}",
        "store.counter": "收银台",
        "store.last_contact": "最近联系",
        "store.version": "版本",
        "store.queue": "待上传",
        "store.skew": "时钟偏差",
        "store.lease": "离线租期至",
        "store.state": "状态",
        "store.never": "从未",
        "store.active": "正常",
        "store.revoked_at": "已停用 {at}",
        "store.clock_off": "时钟偏差过大",
        "store.flagged": "{n} 笔操作时间可疑",
        "store.audit_broken": "审计链断裂",
        "store.no_counters": "该门店还没有收银台。",
        "store.enroll_title": "登记新收银台",
        "store.enroll_help": "生成一次性登记码（7天内有效，只能使用一次）。"
        "在收银台的“设置 › 总部系统”中输入或用扫码枪扫描二维码。",
        "store.enroll_make": "生成登记码",
        "store.enroll_code": "登记码",
        "store.enroll_once": "此码只显示这一次，请现在使用或抄下。",
        "store.revoke": "停用",
        "store.revoke_reason": "停用原因",
        "store.revoke_confirm": "确定停用此收银台？停用后它将无法同步，"
        "其签名的会员卡和优惠券也不再被信任。",
        "store.revoked_done": "收银台 {label} 已停用。",
    },
    {
        "stores.title": "Stores and counters",
        "stores.code": "Store code",
        "stores.name": "Store name",
        "stores.timezone": "Time zone",
        "stores.counters": "Counters",
        "stores.revoked": "Revoked",
        "stores.create": "New store",
        "stores.created": "Store {code} created.",
        "stores.code_taken": "The store code {code} is taken.",
        "stores.bad_timezone": "Not a time zone.",
        "store.title": "Store {code} · {name}",
        "store.counter": "Counter",
        "store.last_contact": "Last contact",
        "store.version": "Version",
        "store.queue": "Waiting",
        "store.skew": "Clock skew",
        "store.lease": "Offline lease until",
        "store.state": "State",
        "store.never": "never",
        "store.active": "active",
        "store.revoked_at": "revoked {at}",
        "store.clock_off": "clock off",
        "store.flagged": "{n} operations with a doubtful time",
        "store.audit_broken": "audit chain broken",
        "store.no_counters": "This store has no counters yet.",
        "store.enroll_title": "Enrol a new counter",
        "store.enroll_help": "Make a one-time code (valid 7 days, once). Type it, or scan the QR"
        " code with the scanner, in the counter's Settings › Central system.",
        "store.enroll_make": "Make an enrollment code",
        "store.enroll_code": "Enrollment code",
        "store.enroll_once": "This code is shown only now: use it or write it down.",
        "store.revoke": "Revoke",
        "store.revoke_reason": "Why revoke it",
        "store.revoke_confirm": "Revoke this counter? It can no longer sync, and the cards and"
        " coupons it signed are no longer trusted.",
        "store.revoked_done": "Counter {label} revoked.",
    },
)


@router.get("/stores")
def store_list(
    request: Request,
    user: web.User,
    db: web.Db,
    after: Annotated[str | None, Query(max_length=64)] = None,
) -> Response:
    return _list(request, user, db, after)


def _list(request, user, db, after=None, error=None, form=None, status=200) -> Response:
    rows = stores.store_page(db, user, after)
    more = len(rows) > stores.PAGE
    rows = rows[: stores.PAGE]
    return web.render(
        request,
        "stores.html",
        {
            "rows": rows,
            "next_url": f"/console/stores?after={rows[-1].code}" if more else None,
            "first_url": "/console/stores" if after else None,
            "timezones": stores.TIMEZONES,
            "error": error,
            "form": form or {},
        },
        status,
    )


@router.post("/stores")
def create_store(
    request: Request,
    user: web.Admin,
    db: web.Db,
    code: Annotated[str, Form()] = "",
    name: Annotated[str, Form()] = "",
    timezone: Annotated[str, Form()] = "Asia/Shanghai",
) -> Response:
    form = {"code": code[:64], "name": name[:120], "timezone": timezone[:64]}
    try:
        code = web.clean_text(code, "stores.code", 64).upper()
        name = web.clean_text(name, "stores.name", 120)
        with db.begin():
            store = stores.create_store(db, user, code, name, timezone, web.now(request))
            after = {"code": store.code, "name": store.name, "timezone": store.timezone}
            audit.record(
                db,
                web.who(request, user),
                web.now(request),
                "store.create",
                f"store:{store.id}",
                None,
                after,
            )
    except ConsoleError as refused:
        text = web.error_text(web.language(request), refused)
        return _list(request, user, db, error=text, form=form, status=refused.status)
    return RedirectResponse(f"/console/stores/{store.code}", status_code=303)


@router.get("/stores/{code}")
def store_page(request: Request, user: web.User, db: web.Db, code: str) -> Response:
    store = stores.visible_store(db, user, code)
    return _store(request, db, store)


def _store(request, db, store, enrollment=None, notice=None, error=None, status=200, typed=None):
    rows = device_rows(db, store.chain_id, store.id)
    patterns = pos.patterns_form(db, store)
    if typed is not None:  # a refused form shows what was typed, to be corrected
        patterns["text"] = typed
    context = {
        "store": store,
        "rows": rows,
        "enrollment": enrollment,
        "notice": notice,
        "error": error,
        "patterns": patterns,
    }
    return web.render(request, "store.html", context, status)


@router.post("/stores/{code}/enrollment-code")
def enrollment_code(request: Request, user: web.Admin, db: web.Db, code: str) -> Response:
    with db.begin():
        store = stores.visible_store(db, user, code)
        one_time = admin.new_enrollment_code(db, store.id, web.now(request))
        # The code itself is a secret: the trail says one was made, not what it was.
        audit.record(
            db,
            web.who(request, user),
            web.now(request),
            "store.enrollment_code",
            f"store:{store.id}",
            None,
            {"store": store.code},
        )
    enrollment = {"code": one_time, "qr": stores.qr_svg(one_time)}
    return _store(request, db, store, enrollment=enrollment)


# Head office and the store's own manager (visible_store refuses another store's).
PatternsUser = Annotated[SignedIn, Depends(web.require("admin", "store_manager"))]


@router.post("/stores/{code}/receipt-patterns")
def receipt_patterns(
    request: Request,
    user: PatternsUser,
    db: web.Db,
    code: str,
    patterns: Annotated[str, Form()] = "",
) -> Response:
    lang = web.language(request)
    try:
        text = web.clean_text(patterns, "patterns.field", pos.PATTERNS_TEXT_MAX, multiline=True)
        chosen = pos.read_patterns(text)
        with db.begin():
            store = stores.visible_store(db, user, code)
            version = pos.set_patterns(db, web.who(request, user), store, chosen, web.now(request))
    except ConsoleError as refused:
        store = stores.visible_store(db, user, code)  # another store's: not found, as ever
        error = web.error_text(lang, refused)
        typed = patterns[: pos.PATTERNS_TEXT_MAX]
        return _store(request, db, store, error=error, status=refused.status, typed=typed)
    notice = messages.translate(lang, "patterns.saved", version=version)
    return _store(request, db, store, notice=notice)


@router.post("/stores/{code}/receipt-patterns/preset")
def receipt_pattern_preset(
    request: Request,
    user: PatternsUser,
    db: web.Db,
    code: str,
    patterns: Annotated[str, Form()] = "",
    preset: Annotated[str, Form()] = "",
) -> Response:
    """The page again with a preset added to the box as typed; nothing is kept or sent."""
    lang = web.language(request)
    store = stores.visible_store(db, user, code)
    typed = patterns[: pos.PATTERNS_TEXT_MAX]
    try:
        text = web.clean_text(patterns, "patterns.field", pos.PATTERNS_TEXT_MAX, False, True)
        filled, added = pos.with_preset(text, preset)
    except ConsoleError as refused:
        error = web.error_text(lang, refused)
        return _store(request, db, store, error=error, status=refused.status, typed=typed)
    name = messages.translate(lang, f"patterns.preset.{preset}")
    said = "patterns.preset_added" if added else "patterns.preset_there"
    notice = messages.translate(lang, said, name=name)
    return _store(request, db, store, notice=notice, typed=filled)


@router.post("/devices/{device_id}/revoke")
def revoke(
    request: Request,
    user: web.Admin,
    db: web.Db,
    device_id: str,
    reason: Annotated[str, Form()] = "",
) -> Response:
    try:
        reason = web.clean_text(reason, "store.revoke_reason", 500, multiline=True)
    except ConsoleError as refused:
        device = stores.device_of_chain(db, user, device_id)
        text = web.error_text(web.language(request), refused)
        return _store(request, db, db.get(Store, device.store_id), error=text, status=422)
    now = web.now(request)
    with db.begin():
        device = stores.device_of_chain(db, user, device_id)
        store, label = db.get(Store, device.store_id), device.label
        before = {"revoked_at": device.revoked_at}
        admin.revoke_device(db, device.id, now)
        audit.record(
            db,
            web.who(request, user),
            now,
            "device.revoke",
            f"device:{device.id}",
            before,
            {"revoked_at": now},
            reason,
        )
    notice = messages.translate(web.language(request), "store.revoked_done", label=label)
    return _store(request, db, store, notice=notice)
