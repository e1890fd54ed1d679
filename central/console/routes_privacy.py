"""A member's personal data on request (PIPL): export as JSON or CSV, and erasure."""

import json
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from central.console import messages, privacy, web
from central.console.errors import ConsoleError
from central.console.members import visible_member
from central.console.routes_members import render_member

router = APIRouter()

messages.add(
    {
        "privacy.title": "个人信息（依《个人信息保护法》）",
        "privacy.help": "应会员本人要求，导出其个人信息，或删除其个人信息。"
        "积分、优惠券和签到记录作为账目保留，但不再关联到本人。",
        "privacy.export_json": "导出 JSON",
        "privacy.export_csv": "导出 CSV",
        "privacy.erase": "删除个人信息",
        "privacy.erase_reason": "删除依据（如会员申请编号）",
        "privacy.erase_confirm_no": "请输入会员号以确认",
        "privacy.erase_confirm": "确定删除该会员的个人信息？此操作不可撤销，"
        "各收银台同步后也将删除。",
        "privacy.erased": "该会员的个人信息已删除，各收银台将在下次同步时删除。",
        "privacy.already_erased": "该会员的个人信息已删除。",
        "privacy.wrong_no": "输入的会员号与该会员不符。",
        "privacy.failed": "删除失败，未作任何更改。",
    },
    {
        "privacy.title": "Personal data (PIPL)",
        "privacy.help": "On the member's own request: export their personal data, or erase"
        " it. Points, coupons and attendance stay in the books, about nobody.",
        "privacy.export_json": "Export JSON",
        "privacy.export_csv": "Export CSV",
        "privacy.erase": "Erase personal data",
        "privacy.erase_reason": "On what grounds (e.g. the request's number)",
        "privacy.erase_confirm_no": "Type the member number to confirm",
        "privacy.erase_confirm": "Erase this member's personal data? It cannot be undone;"
        " counters erase it at their next sync.",
        "privacy.erased": "The member's personal data is erased; counters erase it at their"
        " next sync.",
        "privacy.already_erased": "This member's personal data is already erased.",
        "privacy.wrong_no": "That is not this member's number.",
        "privacy.failed": "The erasure failed; nothing was changed.",
    },
)


@router.post("/members/{member_id}/export")
def export(
    request: Request,
    user: web.Admin,
    db: web.Db,
    member_id: str,
    format: Annotated[str, Form()] = "json",
) -> Response:
    if format not in ("json", "csv"):
        raise ConsoleError("console.bad_input", 422, field="privacy.title")
    with db.begin():
        data = privacy.export_member(db, user, web.who(request, user), member_id, web.now(request))
    member_no = "".join(ch for ch in data["profile"]["member_no"] if ch.isalnum())[:40]
    if format == "csv":
        body, media = privacy.as_csv(data), "text/csv; charset=utf-8"
    else:
        body = json.dumps(data, ensure_ascii=False, indent=2)
        media = "application/json; charset=utf-8"
    headers = dict(web.HEADERS)
    headers["Content-Disposition"] = f'attachment; filename="member-{member_no}.{format}"'
    return Response(body.encode("utf-8"), media_type=media, headers=headers)


@router.post("/members/{member_id}/erase")
def erase(
    request: Request,
    user: web.Admin,
    db: web.Db,
    member_id: str,
    reason: Annotated[str, Form()] = "",
    member_no: Annotated[str, Form()] = "",
) -> Response:
    lang = web.language(request)
    try:
        reason = web.clean_text(reason, "privacy.erase_reason", 500)
        with db.begin():
            member = visible_member(db, user, member_id)
            if member_no.strip()[:64] != member.member_no:
                raise ConsoleError("privacy.wrong_no", 422)
            privacy.erase_member(
                db, user, web.who(request, user), member.id, reason, web.now(request)
            )
    except ConsoleError as refused:
        member = visible_member(db, user, member_id)
        error = web.error_text(lang, refused)
        return render_member(request, db, user, member, error=error, status=refused.status)
    member = visible_member(db, user, member_id)
    notice = messages.translate(lang, "privacy.erased")
    return render_member(request, db, user, member, notice=notice)
