"""Stores and counters in the console: a store made, an enrollment code that a counter then
enrols with, the counter's report (version, queue, skew, lease), revoking it; a store
manager sees only their own store; every change is in the audit trail."""

import re

import zxingcpp
from PIL import Image

from services.core.about import VERSION
from tests.factories import register

CODE = re.compile(r'id="enrollment-code">([A-Z0-9-]+)<')


def test_create_a_store_and_enrol_a_counter_with_its_code(console, make_counter):
    client = console.signed_in("boss")
    client.page("/console/stores")
    answer = client.submit("/console/stores", {"code": "s9", "name": "九号店"})
    assert answer.status_code == 303 and answer.headers["location"] == "/console/stores/S9"
    assert "九号店" in client.page("/console/stores").text
    page = client.page("/console/stores/S9")
    assert "该门店还没有收银台" in page.text
    made = client.submit("/console/stores/S9/enrollment-code")
    code = CODE.search(made.text).group(1)
    assert "<svg" in made.text and "<script" not in made.text.split('id="enrollment-qr"')[1][:2000]
    counter = make_counter(store_code="S9", enroll=False)
    counter.enroll(console.central, code)
    register(counter)
    assert counter.cycle().ok
    page = client.page("/console/stores/S9")
    assert counter.device_id[:8] in page.text and VERSION in page.text
    rows = console.central.rows("SELECT action, subject, after FROM console_audit ORDER BY id")
    assert [r.action for r in rows] == ["store.create", "store.enrollment_code"]
    assert code not in rows[1].after  # the one-time code is a secret, not in the trail


def test_the_qr_code_reads_back_as_the_enrollment_code(console_sqlite):
    from central.console.stores import qr_svg

    svg = qr_svg("ABCD-EFGH-JKLM")
    squares = re.findall(r"M(\d+),(\d+)H", svg)
    size = max(int(x) for x, _ in squares) + 4
    image = Image.new("L", (size * 8, size * 8), 255)
    for x, y in squares:
        for dx in range(8):
            for dy in range(8):
                image.putpixel((int(x) * 8 + dx, int(y) * 8 + dy), 0)
    assert [r.text for r in zxingcpp.read_barcodes(image)] == ["ABCD-EFGH-JKLM"]


def test_a_counter_reports_its_queue_and_version(console, make_counter):
    console.central.create_store()
    counter = make_counter()
    register(counter)
    assert counter.cycle().ok
    version, queue = console.central.rows(
        "SELECT app_version, queue_length FROM device WHERE id = :id", id=counter.device_id
    )[0]
    assert version == VERSION and queue == 1  # the one registration waited


def test_revoke_a_counter_with_a_reason(console, make_counter):
    store = console.central.create_store()
    counter = make_counter()
    client = console.signed_in("boss")
    page = client.page(f"/console/stores/{store.code}")
    assert counter.device_id[:8] in page.text
    refused = client.submit(f"/console/devices/{counter.device_id}/revoke", {"reason": " "})
    assert refused.status_code == 422 and "请填写停用原因" in refused.text
    assert console.central.scalar("SELECT revoked_at FROM device") is None
    done = client.submit(f"/console/devices/{counter.device_id}/revoke", {"reason": "丢失"})
    assert done.status_code == 200 and "已停用" in done.text
    assert console.central.scalar("SELECT revoked_at FROM device") is not None
    row = console.central.rows("SELECT action, reason, user_name FROM console_audit")[0]
    assert tuple(row) == ("device.revoke", "丢失", "boss")


def test_a_store_manager_sees_only_their_store_and_changes_nothing(console_sqlite):
    console_sqlite.central.create_store("S1", "一号店")
    console_sqlite.central.create_store("S2", "二号店")
    manager = console_sqlite.signed_in("m1", "store_manager", "S1")
    listing = manager.page("/console/stores").text
    assert "一号店" in listing and "二号店" not in listing and "新建门店" not in listing
    assert manager.get("/console/stores/S1").status_code == 200
    assert manager.get("/console/stores/S2").status_code == 404
    assert manager.submit("/console/stores", {"code": "S3", "name": "x"}).status_code == 403
    assert manager.submit("/console/stores/S1/enrollment-code").status_code == 403
    assert console_sqlite.central.scalar("SELECT count(*) FROM enrollment_code") == 0
    assert console_sqlite.central.scalar("SELECT count(*) FROM store") == 2


def test_hostile_store_input_is_refused_in_both_languages(console_sqlite):
    client = console_sqlite.signed_in("boss")
    client.page("/console/stores")
    cases = [
        ({"code": "S1", "name": "x" * 5000}, "门店名称太长"),
        ({"code": "S1", "name": "一号\x07店"}, "门店名称不能包含控制字符"),
        ({"code": "S1'; DROP TABLE store;--", "name": "店"}, "输入无效：门店代码"),
        ({"code": "", "name": "店"}, "请填写门店代码"),
    ]
    for form, message in cases:
        answer = client.submit("/console/stores", form)
        assert answer.status_code in (400, 422) and message in answer.text, form
    client.cookies.set("console_lang", "en", path="/console")
    answer = client.submit("/console/stores", {"code": "S1", "name": "x" * 5000})
    assert "Store name is too long" in answer.text
    assert console_sqlite.central.scalar("SELECT count(*) FROM store") == 0
    assert console_sqlite.central.scalar("SELECT count(*) FROM console_audit") == 0
