"""A member's personal data on request (PIPL): exported as JSON and CSV, and erased at the
centre and, after a sync, at the counter (profile, and the operations that named them)."""

import json

from tests.factories import earn, register
from tests.integration.sync_helpers import raw


def test_export_a_members_personal_data(console, make_counter):
    console.central.create_store()
    counter = make_counter()
    member = register(counter)
    earn(counter, member.id, "R1", 10_000)
    assert counter.cycle().ok
    client = console.signed_in("boss")
    client.page(f"/console/members/{member.id}")
    answer = client.submit(f"/console/members/{member.id}/export", {"format": "json"})
    assert answer.status_code == 200 and "attachment" in answer.headers["content-disposition"]
    data = json.loads(answer.content)
    assert data["profile"]["name"] == "陈安娜" and data["profile"]["mobile"] == "13800138000"
    assert [p["kind"] for p in data["points"]] == ["earn"]
    csv = client.submit(f"/console/members/{member.id}/export", {"format": "csv"})
    text = csv.content.decode("utf-8")
    assert text.startswith("\ufeffsection,field,value") and "13800138000" in text
    assert (
        client.submit(f"/console/members/{member.id}/export", {"format": "xml"}).status_code == 422
    )
    actions = [r.action for r in console.central.rows("SELECT action FROM console_audit")]
    assert actions == ["member.export", "member.export"]


def test_erase_a_member_at_the_centre_and_the_counter(console, make_counter):
    console.central.create_store()
    counter = make_counter()
    member = register(counter)
    earn(counter, member.id, "R1", 10_000)
    assert counter.cycle().ok
    member_no = console.central.scalar("SELECT member_no FROM member")
    client = console.signed_in("boss")
    client.page(f"/console/members/{member.id}")
    wrong = client.submit(
        f"/console/members/{member.id}/erase", {"reason": "会员申请 #12", "member_no": "X"}
    )
    assert wrong.status_code == 422 and "会员号与该会员不符" in wrong.text
    assert console.central.scalar("SELECT name FROM member") == "陈安娜"
    done = client.submit(
        f"/console/members/{member.id}/erase", {"reason": "会员申请 #12", "member_no": member_no}
    )
    assert done.status_code == 200 and "个人信息已删除" in done.text
    [row] = console.central.rows("SELECT name, mobile, active, balance FROM member")
    assert row.name == "（已清除）" and row.mobile != "13800138000" and not row.active
    assert row.balance == 100  # the books stay
    payloads = [
        p
        for (p,) in console.central.rows(
            "SELECT payload FROM operation WHERE op_type = 'member.register'"
        )
    ]
    assert payloads and all("13800138000" not in p and "陈安娜" not in p for p in payloads)
    assert counter.cycle().ok
    with raw(counter) as conn:
        name, mobile = conn.execute(
            "SELECT name, mobile FROM member WHERE id = ?", (member.id,)
        ).fetchone()
        outbox = [p for (p,) in conn.execute("SELECT payload FROM outbox")]
        audit = conn.execute(
            "SELECT count(*) FROM audit_log WHERE action = 'privacy.member_erased'"
        ).fetchone()[0]
    assert name == "（已清除）" and mobile != "13800138000"
    assert all("13800138000" not in p and "陈安娜" not in p for p in outbox)
    assert audit == 1
    again = client.submit(
        f"/console/members/{member.id}/erase", {"reason": "x", "member_no": member_no}
    )
    assert again.status_code == 409
    [erase] = console.central.rows("SELECT reason FROM console_audit WHERE action = 'member.erase'")
    assert erase.reason == "会员申请 #12"
