"""Members: search across the chain, one member's page, an adjustment of their points."""

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import Response
from sqlalchemy import select

from central.console import members, messages, web
from central.console.errors import ConsoleError
from central.models import Store

router = APIRouter()

messages.add(
    {
        "members.title": "会员",
        "members.search": "会员号、手机号或姓名",
        "members.find": "查找",
        "members.none": "没有找到会员。",
        "members.no": "会员号",
        "members.name": "姓名",
        "members.mobile": "手机号",
        "members.tier": "等级",
        "members.balance": "积分",
        "members.store": "开卡门店",
        "members.hint": "输入完整的会员号或11位手机号，或姓名的开头。",
        "member.title": "会员 {no} · {name}",
        "member.facts": "资料",
        "member.birthday": "生日",
        "member.peak_tier": "最高等级",
        "member.blocked": "有欠分，暂停兑换",
        "member.since": "入会时间",
        "member.tiers": "等级变化",
        "member.ledger": "积分明细（各门店）",
        "member.coupons": "优惠券",
        "member.events": "活动签到",
        "member.at": "时间",
        "member.kind": "类型",
        "member.delta": "积分变化",
        "member.where": "门店",
        "member.code": "券码",
        "member.state": "状态",
        "member.used": "已使用 {at}",
        "member.event": "活动",
        "member.scans": "扫码次数",
        "member.from_to": "{old} → {new}",
        "member.adjust": "调整积分",
        "member.adjust_delta": "调整数量（负数为扣减）",
        "member.adjust_reason": "原因",
        "member.adjust_confirm": "确定调整该会员的积分？各门店收银台同步后生效。",
        "member.adjusted": "已调整 {delta} 分，当前积分 {balance}。各收银台同步后生效。",
        "members.bad_delta": "调整数量须为非零整数，绝对值不超过 {max}。",
        "members.below_zero": "扣减后积分将低于零（当前 {balance}）。",
    },
    {
        "members.title": "Members",
        "members.search": "Member number, mobile or name",
        "members.find": "Find",
        "members.none": "No member found.",
        "members.no": "Member no.",
        "members.name": "Name",
        "members.mobile": "Mobile",
        "members.tier": "Tier",
        "members.balance": "Points",
        "members.store": "Home store",
        "members.hint": "Type a whole member number or 11-digit mobile, or the start of a name.",
        "member.title": "Member {no} · {name}",
        "member.facts": "Details",
        "member.birthday": "Birthday",
        "member.peak_tier": "Highest tier",
        "member.blocked": "in arrears: redemptions paused",
        "member.since": "Member since",
        "member.tiers": "Tier changes",
        "member.ledger": "Points ledger (all stores)",
        "member.coupons": "Coupons",
        "member.events": "Event attendance",
        "member.at": "When",
        "member.kind": "Kind",
        "member.delta": "Points",
        "member.where": "Store",
        "member.code": "Code",
        "member.state": "State",
        "member.used": "used {at}",
        "member.event": "Event",
        "member.scans": "Scans",
        "member.from_to": "{old} → {new}",
        "member.adjust": "Adjust points",
        "member.adjust_delta": "Points (negative takes away)",
        "member.adjust_reason": "Reason",
        "member.adjust_confirm": "Adjust this member's points? Counters apply it at their"
        " next sync.",
        "member.adjusted": "Adjusted by {delta}; the balance is now {balance}. Counters apply"
        " it at their next sync.",
        "members.bad_delta": "The adjustment is a whole number other than zero, at most {max}"
        " either way.",
        "members.below_zero": "That would take the balance below zero (now {balance}).",
    },
)


@router.get("/members")
def member_search(
    request: Request,
    user: web.User,
    db: web.Db,
    q: Annotated[str, Query(max_length=200)] = "",
    after_name: Annotated[str | None, Query(max_length=200)] = None,
    after_id: Annotated[str | None, Query(max_length=36)] = None,
) -> Response:
    rows, next_url, error = [], None, None
    try:
        q = web.clean_text(q, "members.search", 120, required=False)
    except ConsoleError as refused:
        error, q = web.error_text(web.language(request), refused), ""
    if q:
        after = (after_name, after_id) if after_name is not None and after_id else None
        rows = members.search(db, user, q, after)
        if len(rows) > members.PAGE:
            rows = rows[: members.PAGE]
            last = rows[-1]
            next_url = "/console/members?" + web.query_string(
                q=q, after_name=last.name, after_id=last.id
            )
    context = {
        "q": q,
        "rows": rows,
        "next_url": next_url,
        "error": error,
        "first_url": "/console/members?" + web.query_string(q=q) if after_id else None,
    }
    return web.render(request, "members.html", context)


@router.get("/members/{member_id}")
def member_page(
    request: Request,
    user: web.User,
    db: web.Db,
    member_id: str,
    before: Annotated[int | None, Query(ge=1)] = None,
) -> Response:
    member = members.visible_member(db, user, member_id)
    return render_member(request, db, user, member, before)


def render_member(request, db, user, member, before=None, notice=None, error=None, status=200):
    entries = members.ledger_page(db, member.id, before)
    more = len(entries) > members.PAGE
    entries = entries[: members.PAGE]
    home = db.scalar(select(Store.name).where(Store.id == member.home_store_id))
    context = {
        "member": member,
        "mobile": members.masked(member.mobile),
        "home": home or "",
        "entries": entries,
        "next_url": f"/console/members/{member.id}?before={entries[-1][0].id}" if more else None,
        "first_url": f"/console/members/{member.id}" if before else None,
        "coupons": members.coupons(db, member.chain_id, member.id),
        "attendance": members.attendance(db, member.id),
        "tiers": members.tier_history(db, member.id),
        "notice": notice,
        "error": error,
        "can_adjust": user.role == "admin",
    }
    return web.render(request, "member.html", context, status)


@router.post("/members/{member_id}/adjust")
def adjust(
    request: Request,
    user: web.Admin,
    db: web.Db,
    member_id: str,
    delta: Annotated[str, Form()] = "",
    reason: Annotated[str, Form()] = "",
) -> Response:
    lang = web.language(request)
    now = web.now(request)
    try:
        reason = web.clean_text(reason, "member.adjust_reason", 200, multiline=False)
        points = web.whole_number(delta, "member.adjust_delta")
        with db.begin():
            balance = members.adjust_points(
                db, user, web.who(request, user), member_id, points, reason, now
            )
    except ConsoleError as refused:
        member = members.visible_member(db, user, member_id)
        error = web.error_text(lang, refused)
        return render_member(request, db, user, member, error=error, status=refused.status)
    member = members.visible_member(db, user, member_id)
    notice = messages.translate(lang, "member.adjusted", delta=f"{points:+,}", balance=balance)
    return render_member(request, db, user, member, notice=notice)
