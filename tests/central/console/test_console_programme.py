"""The programme and numbers pages: marketing publishes a new rule set after a preview, a
store manager cannot; every publication is audited; the numbers page keeps a manager to
their store and exports a CSV a spreadsheet reads (UTF-8 with BOM)."""

import csv
import io
import json
from datetime import UTC, datetime

from sqlalchemy import insert

from central.models import Purchase

RULES = "/console/programme/rules"


def _form(client) -> dict:
    page = client.page(RULES)
    assert page.status_code == 200, page.text
    from central.programme import rules_draft
    from services.rules import points as point_rules

    return rules_draft.form_from_rules(point_rules.DEFAULT_RULES) | {
        "amount": "100",
        "category": "",
        "tier": "bronze",
    }


def test_marketing_previews_and_publishes_a_new_version_audited(console_sqlite):
    console_sqlite.central.create_store()
    client = console_sqlite.signed_in("mkt", "marketing")
    form = _form(client) | {"points_per_yuan": "3", "starts_on": "2026-12-10"}
    shown = client.submit(RULES, form | {"action": "preview", "amount": "88.80"})
    assert shown.status_code == 200
    assert "这笔88.80元的消费：草稿规则得264分，现行规则（第1版）得88分。" in shown.text
    assert console_sqlite.central.scalar("SELECT count(*) FROM reference") == 0  # a preview
    done = client.submit(RULES, form | {"action": "publish"})
    assert done.status_code == 303 and done.headers["location"].endswith("published=2")
    body = json.loads(console_sqlite.central.scalar("SELECT body FROM reference"))
    assert (body["version"], body["points_per_yuan"], body["starts_on"]) == (2, 3, "2026-12-10")
    [row] = console_sqlite.central.rows(
        "SELECT user_name, action, subject, after FROM console_audit"
    )
    assert (row.user_name, row.action, row.subject) == ("mkt", "rules.publish", "rules:2")
    assert json.loads(row.after)["points_per_yuan"] == 3
    assert console_sqlite.central.scalar("SELECT count(*) FROM change WHERE kind = 'rules'") == 1


def test_a_bad_draft_is_marked_in_both_languages_and_nothing_is_published(console_sqlite):
    console_sqlite.central.create_store()
    client = console_sqlite.signed_in("mkt", "marketing")
    form = _form(client) | {"points_per_yuan": "lots", "action": "publish"}
    answer = client.submit(RULES, form)
    assert answer.status_code == 400 and "请输入0至1000之间的整数。" in answer.text
    client.cookies.set("console_lang", "en", path="/console")
    answer = client.submit(RULES, form)
    assert "A whole number from 0 to 1000, please." in answer.text
    assert console_sqlite.central.scalar("SELECT count(*) FROM reference") == 0
    assert console_sqlite.central.scalar("SELECT count(*) FROM console_audit") == 0


def test_a_store_manager_cannot_see_or_change_the_programme(console_sqlite):
    store = console_sqlite.central.create_store()
    client = console_sqlite.signed_in("mgr", "store_manager", store.code)
    assert client.get(RULES).status_code == 403
    form = {"points_per_yuan": "9", "action": "publish"}
    assert client.submit(RULES, form).status_code == 403
    assert console_sqlite.central.scalar("SELECT count(*) FROM reference") == 0


def test_publishing_without_the_csrf_token_is_refused(console_sqlite):
    console_sqlite.central.create_store()
    client = console_sqlite.signed_in("mkt", "marketing")
    form = _form(client) | {"action": "publish"}
    assert client.post(RULES, data=form).status_code == 403
    assert console_sqlite.central.scalar("SELECT count(*) FROM reference") == 0


def _sales(central, a, b) -> None:
    rows = [
        (a, "R1", "2026-11-02 02:00", 12_345),
        (a, "R2", "2026-11-20 02:00", 1_000),
        (b, "R3", "2026-12-01 02:00", 50_000),
    ]
    with central.session() as s, s.begin():
        s.execute(
            insert(Purchase),
            [
                {
                    "store_id": store.id,
                    "receipt_no": r,
                    "purchase_id": r,
                    "op_id": r,
                    "member_id": "m-" + store.code,
                    "paid_fen": paid,
                    "points": 1,
                    "at": datetime.fromisoformat(at + "+00:00"),
                }
                for store, r, at, paid in rows
            ],
        )


def test_the_numbers_page_and_its_csv(console_sqlite):
    central = console_sqlite.central
    a, b = central.create_store("A", "东门店"), central.create_store("B", "西门店")
    _sales(central, a, b)
    client = console_sqlite.signed_in("boss")
    page = client.page("/console/numbers?first=2026-11&last=2026-12")
    assert page.status_code == 200 and "经营数据" in page.text and "<svg" in page.text
    assert 'id="active-members">2<' in page.text  # one member a store
    assert 'id="repurchase">50.0%<' in page.text  # A's member bought twice
    answer = client.get("/console/numbers.csv?first=2026-11&last=2026-12")
    assert answer.headers["content-type"].startswith("text/csv")
    assert answer.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert rows[0] == ["measure", "subject", "store", "period", "value"]
    found = {(r[0], r[3]): r[4] for r in rows[1:]}
    assert found[("active_members", "2026-11..2026-12")] == "2"
    assert found[("repurchase_per_mille", "2026-11..2026-12")] == "500"
    assert found[("paid_fen", "2026-11")] == "13345"
    assert found[("paid_fen", "2026-12")] == "50000"
    assert ("at_risk_members", "2026-11..2026-12") not in found  # nobody lapsed


def test_a_store_manager_sees_only_their_store(console_sqlite):
    central = console_sqlite.central
    a, b = central.create_store("A", "东门店"), central.create_store("B", "西门店")
    _sales(central, a, b)
    client = console_sqlite.signed_in("mgr", "store_manager", "A")
    page = client.page("/console/numbers?first=2026-11&last=2026-12")
    assert page.status_code == 200 and "西门店" not in page.text
    assert 'id="active-members">1<' in page.text
    answer = client.get("/console/numbers.csv?first=2026-11&last=2026-12")
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert {r[2] for r in rows[1:]} == {"东门店"}
    assert {r[4] for r in rows[1:] if r[:2] == ["paid_fen", ""] and r[3] == "2026-12"} == {"0"}
    other = f"/console/numbers?store={b.id}"
    assert client.get(other).status_code == 403
    assert client.get(f"/console/numbers.csv?store={b.id}").status_code == 403


def test_a_bad_period_is_refused_with_a_message(console_sqlite):
    console_sqlite.central.create_store()
    client = console_sqlite.signed_in("boss")
    answer = client.get("/console/numbers?first=2026-12&last=2026-01")
    assert answer.status_code == 400 and "结束月份不能早于起始月份。" in answer.text
    answer = client.get("/console/numbers?first=twelve")
    assert answer.status_code == 400 and "月份格式为 2026-12。" in answer.text


EVENTS = "/console/programme/events"


def _event(central) -> None:
    from central import admin
    from tests.central.programme.test_registrations import EVENT

    with central.session() as s, s.begin():
        admin.load_reference(s, central.chain, "event", [EVENT], datetime(2026, 3, 1, tzinfo=UTC))


def test_marketing_uploads_registrations_audited(console_sqlite):
    central = console_sqlite.central
    central.create_store()
    _event(central)
    client = console_sqlite.signed_in("mkt", "marketing")
    client.page(EVENTS)
    data = "guest_name,guest_mobile\n张三,13900000001\n李四,13900000002\n".encode("gb18030")
    files = {"file": ("名单.csv", data, "text/csv")}
    answer = client.post(f"{EVENTS}/GALA/registrations", data={"csrf": client.csrf}, files=files)
    assert answer.status_code == 200, answer.text[-1500:]
    assert "已导入2人" in answer.text
    [row] = central.rows("SELECT action, subject, after, reason FROM console_audit")
    assert (row.action, row.subject, row.reason) == (
        "registrations.import",
        "event:GALA",
        "名单.csv",
    )
    assert json.loads(row.after) == {"imported": 2, "skipped": 0}


def test_an_upload_with_bad_rows_lists_them_and_imports_nothing(console_sqlite):
    central = console_sqlite.central
    central.create_store()
    _event(central)
    client = console_sqlite.signed_in("mkt", "marketing")
    client.page(EVENTS)
    files = {"file": ("x.csv", b"member_no\nNOPE1\nNOPE2\n", "text/csv")}
    answer = client.post(f"{EVENTS}/GALA/registrations", data={"csrf": client.csrf}, files=files)
    assert answer.status_code == 400
    assert "找不到会员号 NOPE1。" in answer.text and "找不到会员号 NOPE2。" in answer.text
    assert central.scalar("SELECT count(*) FROM event_registration") == 0
    assert central.scalar("SELECT count(*) FROM console_audit") == 0


def test_a_store_manager_cannot_upload_registrations(console_sqlite):
    central = console_sqlite.central
    store = central.create_store()
    _event(central)
    client = console_sqlite.signed_in("mgr", "store_manager", store.code)
    files = {"file": ("x.csv", "guest_name\n张三\n".encode(), "text/csv")}
    answer = client.post(f"{EVENTS}/GALA/registrations", data={"csrf": client.csrf}, files=files)
    assert answer.status_code == 403
    assert central.scalar("SELECT count(*) FROM event_registration") == 0


GIFTS = "/console/programme/gifts"


def test_marketing_uploads_a_gift_picture_audited_and_a_manager_sees_it(console_sqlite):
    from central import admin
    from tests.central.programme.test_gift_pictures import GIFT, picture

    central = console_sqlite.central
    store = central.create_store()
    with central.session() as s, s.begin():
        admin.load_reference(s, central.chain, "gift", [GIFT], datetime(2026, 12, 1, tzinfo=UTC))
    client = console_sqlite.signed_in("mkt", "marketing")
    client.page(GIFTS)
    bad = {"file": ("mug.png", b"GIF89a not a png", "image/png")}
    answer = client.post(f"{GIFTS}/MUG/picture", data={"csrf": client.csrf}, files=bad)
    assert answer.status_code == 400 and "只接受PNG或JPEG图片。" in answer.text
    good = {"file": ("mug.png", picture(), "image/png")}
    answer = client.post(f"{GIFTS}/MUG/picture", data={"csrf": client.csrf}, files=good)
    assert answer.status_code == 303
    [row] = central.rows("SELECT action, subject FROM console_audit")
    assert (row.action, row.subject) == ("gift.picture", "gift:MUG")
    manager = console_sqlite.signed_in("mgr", "store_manager", store.code)
    page = manager.page(GIFTS)
    assert page.status_code == 200 and "马克杯" in page.text and 'type="file"' not in page.text
    shown = manager.get(f"{GIFTS}/MUG/picture")
    assert shown.headers["content-type"] == "image/png" and shown.content == picture()
    answer = manager.post(f"{GIFTS}/MUG/picture", data={"csrf": manager.csrf}, files=good)
    assert answer.status_code == 403
