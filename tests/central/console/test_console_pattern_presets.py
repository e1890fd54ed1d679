"""The receipt-pattern form's presets: a preset button posts the box as typed and the page
comes back with the counter's preset added (nothing kept or sent until saved, CSRF checked
as on every form), and the set saved from it is one the store's counter takes and scans with."""

import html
import json

from services.core.settings import load_settings
from services.pos import PRESETS, parse_receipt
from tests.central.console.test_console_pos import TILL, published

PRESET_URL = "/console/stores/S1/receipt-patterns/preset"
INVOICE = "01,32,,24312000000136634917,128.50,20261203,,1DD6"


def box(page: str) -> str:
    """What the page's patterns box holds, as the browser would post it."""
    after = page.split('<textarea name="patterns"')[1]
    return html.unescape(after.split(">", 1)[1].split("</textarea>")[0])


def test_each_preset_fills_the_box_and_nothing_is_sent(console_sqlite):
    console = console_sqlite
    console.central.create_store("S1", "一店")
    client = console.signed_in("boss")
    page = client.page("/console/stores/S1").text
    for words in ("全电发票二维码", "键=值", "纯小票号", "价税合计", "amount_unit"):
        assert words in page
    for name in ("fapiao", "key_value", "json", "plain"):
        filled = client.submit(PRESET_URL, {"patterns": "", "preset": name})
        assert filled.status_code == 200, filled.text[-800:]
        assert json.loads(box(filled.text)) == [PRESETS[name]]
        assert "尚未保存" in filled.text
    assert published(console) == []
    assert console.central.rows("SELECT 1 FROM console_audit WHERE action LIKE 'store.%'") == []


def test_a_preset_is_added_after_the_typed_patterns_once(console_sqlite):
    console = console_sqlite
    console.central.create_store("S1", "一店")
    client = console.signed_in("boss")
    client.page("/console/stores/S1")
    typed = json.dumps([TILL], ensure_ascii=False)
    added = client.submit(PRESET_URL, {"patterns": typed, "preset": "fapiao"})
    assert json.loads(box(added.text)) == [TILL, PRESETS["fapiao"]]
    again = client.submit(PRESET_URL, {"patterns": box(added.text), "preset": "fapiao"})
    assert json.loads(box(again.text)) == [TILL, PRESETS["fapiao"]]
    assert "未重复加入" in again.text


def test_a_box_that_is_not_a_list_or_is_full_is_kept_as_typed(console_sqlite):
    console = console_sqlite
    console.central.create_store("S1", "一店")
    client = console.signed_in("boss")
    client.page("/console/stores/S1")
    many = json.dumps([{**TILL, "name": f"till{n}"} for n in range(8)])
    for typed, preset, words in (
        ('[{"name": "半', "json", "不是有效的 JSON"),
        (many, "json", "已有 8 个小票格式"),
        ("[]", "barcode", "没有这个预设"),
    ):
        refused = client.submit(PRESET_URL, {"patterns": typed, "preset": preset})
        assert refused.status_code == 422 and words in refused.text, refused.text[-800:]
        assert box(refused.text) == typed  # nothing typed is lost
    assert published(console) == []


def test_presets_need_the_forms_token_and_a_right_to_the_store(console_sqlite):
    console = console_sqlite
    console.central.create_store("S1", "一店")
    console.central.create_store("S2", "二店")
    admin = console.signed_in("boss")
    admin.page("/console/stores/S1")
    forged = admin.post(PRESET_URL, data={"patterns": "", "preset": "json"})
    assert forged.status_code == 403
    marketing = console.signed_in("mk", "marketing")
    marketing.page("/console/stores/S1")
    assert marketing.submit(PRESET_URL, {"preset": "json"}).status_code == 403
    other = console.signed_in("m2", "store_manager", "S2")
    other.page("/console/stores/S2")
    assert other.submit(PRESET_URL, {"preset": "json"}).status_code == 404


def test_a_set_saved_from_the_presets_is_taken_by_the_counter(console, make_counter):
    console.central.create_store("S1", "一店")
    counter = make_counter("1", "S1")
    assert counter.cycle().ok
    client = console.signed_in("m1", "store_manager", "S1")
    client.page("/console/stores/S1")
    text = ""
    for name in ("fapiao", "json"):
        text = box(client.submit(PRESET_URL, {"patterns": text, "preset": name}).text)
    saved = client.submit("/console/stores/S1/receipt-patterns", {"patterns": text})
    assert saved.status_code == 200 and "版本 1" in saved.text
    report = counter.cycle()
    assert report.ok and report.quarantined == 0
    patterns = load_settings(counter.runtime.reader()).receipt_patterns
    assert patterns == [PRESETS["fapiao"], PRESETS["json"]]
    scan = parse_receipt(INVOICE, patterns)
    assert (scan.receipt, scan.amount_fen) == ("24312000000136634917", 12850)
