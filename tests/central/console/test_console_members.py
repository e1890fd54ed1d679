"""Members in the console: search across the chain (mobile, member number, name; keyset
pages), a store manager limited to their store's members, and head office's adjustment of
points, which the counters enter in their own ledger after a sync, once."""

from datetime import UTC, datetime

from central import admin
from tests.factories import earn, register
from tests.integration.sync_helpers import local_balance, raw


def members(central, rows: list[tuple[str, str, str, str]]) -> None:
    """(member_no, name, mobile, home store code) at the centre."""
    with central.session() as s, s.begin():
        admin.import_members(
            s,
            "default",
            [
                {
                    "member_no": no,
                    "name": name,
                    "mobile": mobile,
                    "birth_month": 3,
                    "birth_day": 4,
                    "home_store": store,
                    "balance": 100,
                }
                for no, name, mobile, store in rows
            ],
            datetime.now(UTC),
        )


def test_search_by_mobile_number_and_name(console_sqlite):
    console_sqlite.central.create_store("S1", "一号店")
    members(
        console_sqlite.central,
        [
            ("M001", "王小明", "13800000001", "S1"),
            ("M002", "王大明", "13800000002", "S1"),
            ("M003", "李四", "13800000003", "S1"),
        ],
    )
    client = console_sqlite.signed_in("boss")
    by_mobile = client.page("/console/members", params={"q": "13800000003"}).text
    assert "李四" in by_mobile and "王小明" not in by_mobile
    assert "138****0003" in by_mobile and "13800000003" not in by_mobile.split("<table")[1]
    by_no = client.page("/console/members", params={"q": "M002"}).text
    assert "王大明" in by_no and "王小明" not in by_no
    by_name = client.page("/console/members", params={"q": "王"}).text
    assert "王小明" in by_name and "王大明" in by_name and "李四" not in by_name
    assert "没有找到会员" in client.page("/console/members", params={"q": "赵"}).text


def test_search_pages_by_keyset(console_sqlite):
    console_sqlite.central.create_store("S1", "一号店")
    members(
        console_sqlite.central,
        [(f"N{i:03d}", f"张{i:03d}", f"139{i:08d}", "S1") for i in range(120)],
    )
    client = console_sqlite.signed_in("boss")
    seen, url = [], "/console/members?q=张"
    while url:
        page = client.page(url).text
        seen += [f"张{i:03d}" for i in range(120) if f">张{i:03d}<" in page]
        found = (
            page.split('rel="next"')[0].rsplit('href="', 1)[-1] if 'rel="next"' in page else None
        )
        url = found.split('"')[0].replace("&amp;", "&") if found else None
    assert seen == sorted(seen) and len(seen) == 120 == len(set(seen))


def test_a_store_manager_sees_only_their_stores_members(console_sqlite):
    console_sqlite.central.create_store("S1", "一号店")
    console_sqlite.central.create_store("S2", "二号店")
    members(
        console_sqlite.central,
        [
            ("M001", "王一", "13800000001", "S1"),
            ("M002", "王二", "13800000002", "S2"),
        ],
    )
    other = console_sqlite.central.scalar("SELECT id FROM member WHERE member_no = 'M002'")
    manager = console_sqlite.signed_in("m1", "store_manager", "S1")
    found = manager.page("/console/members", params={"q": "王"}).text
    assert "王一" in found and "王二" not in found
    assert manager.get("/console/members", params={"q": "13800000002"}).text.count("王二") == 0
    assert manager.get(f"/console/members/{other}").status_code == 404
    assert (
        manager.submit(
            f"/console/members/{other}/adjust", {"delta": "5", "reason": "x"}
        ).status_code
        == 403
    )


def test_an_adjustment_reaches_the_counter_once_with_its_reason(console, make_counter):
    console.central.create_store()
    counter = make_counter()
    member = register(counter)
    earn(counter, member.id, "R1", 10_000)
    assert counter.cycle().ok
    before = local_balance(counter, member.id)
    client = console.signed_in("boss")
    page = client.page(f"/console/members/{member.id}")
    assert "陈安娜" in page.text and "points.earn" not in page.text
    done = client.submit(
        f"/console/members/{member.id}/adjust", {"delta": "+1,000", "reason": "补偿：系统故障"}
    )
    assert done.status_code == 200 and "当前积分" in done.text
    centre = console.central.rows(
        "SELECT kind, delta FROM points_entry WHERE member_id = :m ORDER BY id", m=member.id
    )
    assert centre[-1] == ("console_adjust", 1000)
    assert counter.cycle().ok
    assert counter.cycle().ok  # a second pull adds nothing
    assert local_balance(counter, member.id) == before + 1000
    with raw(counter) as conn:
        entries = conn.execute(
            "SELECT kind, delta, reason FROM points_entry WHERE member_id = ? AND kind = 'adjust'",
            (member.id,),
        ).fetchall()
    assert entries == [("adjust", 1000, "补偿：系统故障 (boss)")]
    [audit] = console.central.rows("SELECT action, reason, before, after FROM console_audit")
    assert audit.action == "member.adjust_points" and audit.reason == "补偿：系统故障"
    assert '"balance": 1100' not in audit.before and "1000" in audit.after


def test_bad_adjustments_are_refused_and_change_nothing(console_sqlite):
    console_sqlite.central.create_store("S1", "一号店")
    members(console_sqlite.central, [("M001", "王一", "13800000001", "S1")])
    member_id = console_sqlite.central.scalar("SELECT id FROM member")
    client = console_sqlite.signed_in("boss")
    client.page(f"/console/members/{member_id}")
    cases = [
        ({"delta": "1.5", "reason": "x"}, "输入无效"),
        ({"delta": "1e3", "reason": "x"}, "输入无效"),
        ({"delta": "0", "reason": "x"}, "非零整数"),
        ({"delta": "-101", "reason": "x"}, "低于零"),
        ({"delta": "99999999", "reason": "x"}, "非零整数"),
        ({"delta": "5", "reason": ""}, "请填写原因"),
        ({"delta": "5", "reason": "r" * 300}, "原因太长"),
        ({"delta": "5", "reason": "a\x1bb"}, "不能包含控制字符"),
        ({"delta": "5'; UPDATE member SET balance=0;--", "reason": "x"}, "太长"),
        ({"delta": "5;--", "reason": "x"}, "输入无效"),
    ]
    for form, message in cases:
        answer = client.submit(f"/console/members/{member_id}/adjust", form)
        assert answer.status_code in (400, 422) and message in answer.text, form
    assert console_sqlite.central.scalar("SELECT balance FROM member") == 100
    assert console_sqlite.central.scalar("SELECT count(*) FROM console_audit") == 0
    marketing = console_sqlite.signed_in("mk", "marketing")
    marketing.page(f"/console/members/{member_id}")
    refused = marketing.submit(
        f"/console/members/{member_id}/adjust", {"delta": "5", "reason": "x"}
    )
    assert refused.status_code == 403
