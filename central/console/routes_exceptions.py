"""Exceptions: conflicts to resolve (with a reason that travels back to the counters), the
operations the centre refused, and those sent with a doubtful clock."""

import json
from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from central.console import exceptions, messages, pos, web
from central.console.auth import SignedIn
from central.console.errors import ConsoleError

router = APIRouter()
# More sections of the page (the POS reconciliation's unmatched lines): each function gives
# the template's context what its section shows, for this user.
SECTIONS: list[Callable[[Session, SignedIn], dict]] = [pos.reconciliation_section]

messages.add(
    {
        "exceptions.title": "异常处理",
        "exceptions.open": "待处理冲突",
        "exceptions.resolved": "已处理冲突",
        "exceptions.refused": "被拒绝的操作",
        "exceptions.clock": "时钟可疑的操作",
        "exceptions.pos": "POS 对账未匹配",
        "exceptions.kind": "类型",
        "exceptions.subject": "对象",
        "exceptions.stores": "门店",
        "exceptions.opened": "发生时间",
        "exceptions.detail": "详情",
        "exceptions.resolution": "处理",
        "exceptions.resolve": "标记为已处理",
        "exceptions.reason": "处理说明（将发送到相关门店）",
        "exceptions.resolved_by": "{by} 于 {at}：{reason}",
        "exceptions.resolved_done": "冲突已处理，处理说明将在相关门店收银台下次同步时显示。",
        "exceptions.already_resolved": "该冲突已被处理。",
        "exceptions.received": "收到时间",
        "exceptions.device_time": "收银台时间",
        "exceptions.counter": "收银台",
        "exceptions.operation": "操作",
        "exceptions.code": "原因代码",
        "exceptions.staff": "员工",
        "conflict.coupon.redeemed_twice": "优惠券重复使用",
        "conflict.coupon.redeemed_after_revoke": "优惠券作废后被使用",
        "conflict.points.over_redeemed": "积分透支（欠分）",
        "conflict.stock.below_zero": "礼品库存低于零",
        "conflict.member.mobile_taken": "手机号已被其他会员使用",
    },
    {
        "exceptions.title": "Exceptions",
        "exceptions.open": "Open conflicts",
        "exceptions.resolved": "Resolved conflicts",
        "exceptions.refused": "Refused operations",
        "exceptions.clock": "Doubtful clocks",
        "exceptions.pos": "Unmatched POS reconciliation lines",
        "exceptions.kind": "Kind",
        "exceptions.subject": "Subject",
        "exceptions.stores": "Stores",
        "exceptions.opened": "Opened",
        "exceptions.detail": "Detail",
        "exceptions.resolution": "Resolution",
        "exceptions.resolve": "Mark resolved",
        "exceptions.reason": "How it was settled (sent to its stores)",
        "exceptions.resolved_by": "{by} at {at}: {reason}",
        "exceptions.resolved_done": "Resolved; its stores' counters show the resolution at"
        " their next sync.",
        "exceptions.already_resolved": "This conflict was already resolved.",
        "exceptions.received": "Received",
        "exceptions.device_time": "Counter time",
        "exceptions.counter": "Counter",
        "exceptions.operation": "Operation",
        "exceptions.code": "Reason code",
        "exceptions.staff": "Staff",
        "conflict.coupon.redeemed_twice": "Coupon used twice",
        "conflict.coupon.redeemed_after_revoke": "Coupon used after it was revoked",
        "conflict.points.over_redeemed": "Points overdrawn (arrears)",
        "conflict.stock.below_zero": "Gift stock below zero",
        "conflict.member.mobile_taken": "Mobile taken by another member",
    },
)


@router.get("/exceptions")
def exception_list(
    request: Request,
    user: web.User,
    db: web.Db,
    status: Annotated[str, Query(pattern="^(open|resolved)$")] = "open",
    before: Annotated[str | None, Query(max_length=36)] = None,
) -> Response:
    return _page(request, db, user, status, before)


def _page(request, db, user, status="open", before=None, notice=None, error=None, code=200):
    rows = exceptions.conflict_page(db, user, status, before)
    more = len(rows) > exceptions.PAGE
    rows = rows[: exceptions.PAGE]
    names = exceptions.store_names(db, user.chain_id)
    conflicts = [
        {
            "row": c,
            "stores": [names.get(s, s[:8]) for s in json.loads(c.store_ids)],
            "detail": json.loads(c.detail),
        }
        for c in rows
    ]
    context = {
        "status": status,
        "conflicts": conflicts,
        "next_url": f"/console/exceptions?status={status}&before={rows[-1].id}" if more else None,
        "first_url": f"/console/exceptions?status={status}" if before else None,
        "refused": exceptions.operations(db, user, "refused"),
        "flagged": exceptions.operations(db, user, "clock"),
        "notice": notice,
        "error": error,
        "can_resolve": user.role == "admin",
    }
    for section in SECTIONS:
        context |= section(db, user)
    return web.render(request, "exceptions.html", context, code)


@router.post("/exceptions/{conflict_id}/resolve")
def resolve(
    request: Request,
    user: web.Admin,
    db: web.Db,
    conflict_id: str,
    reason: Annotated[str, Form()] = "",
) -> Response:
    lang = web.language(request)
    try:
        reason = web.clean_text(reason, "exceptions.reason", 500, multiline=True)
        with db.begin():
            exceptions.resolve(
                db, user, web.who(request, user), conflict_id, reason, web.now(request)
            )
    except ConsoleError as refused:
        return _page(request, db, user, error=web.error_text(lang, refused), code=refused.status)
    return _page(request, db, user, notice=messages.translate(lang, "exceptions.resolved_done"))
