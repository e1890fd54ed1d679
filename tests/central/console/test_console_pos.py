"""The till in the console: a store's reconciled days on the exceptions page (its manager
sees only their own store's), and a store's receipt patterns set by head office or the
store's manager (CSRF-checked, audited), signed into the feed for the store's counters."""

import json

from tests.central.test_pos_sync import explain_line, finish
from tests.factories import earn, register

TILL = {
    "name": "till",
    "kind": "regex",
    "expression": r"TILL(?P<receipt>[0-9]{6})\*(?P<amount>[0-9]+\.[0-9]{2})",
}


def reconciled_store(console, make_counter):
    console.central.create_store("S1", "一店")
    console.central.create_store("S2", "二店")
    counter = make_counter("1", "S1")
    member = register(counter)
    for n, fen in enumerate((1000, 2550, 9999)):
        earn(counter, member.id, f"R-{n}", fen)
    explain_line(counter, "amount_differs", "R-1", "收银员少收五角")
    finish(counter)
    assert counter.cycle().ok
    return counter


def pos_section(page: str) -> str:
    return page.split('<section id="pos">')[1].split("</section>")[0]


def test_the_reconciled_day_shows_its_rate_and_lines_to_its_store_only(console, make_counter):
    reconciled_store(console, make_counter)
    admin = pos_section(console.signed_in("boss").page("/console/exceptions").text)
    assert "一店" in admin and "2026-03-01" in admin
    assert "100.00%" in admin and 'class="badge bad"' in admin  # 3 lines in 3 sales
    assert "金额不符" in admin and "R-1" in admin and "收银员少收五角" in admin
    assert "25.00" in admin and "25.50" in admin
    assert "有积分无 POS 销售" in admin and "未说明" in admin
    own = pos_section(
        console.signed_in("m1", "store_manager", "S1").page("/console/exceptions").text
    )
    assert "R-1" in own
    other = console.signed_in("m2", "store_manager", "S2").page("/console/exceptions").text
    assert "R-1" not in pos_section(other) and "一店" not in pos_section(other)
    assert "没有记录" in pos_section(other)


def published(console) -> list[dict]:
    rows = console.central.rows(
        "SELECT store_id, key, body, sig FROM change WHERE kind = 'receipt_patterns' ORDER BY seq"
    )
    return [dict(r._mapping) for r in rows]


def test_head_office_sets_a_stores_patterns_and_publishes_them_signed(console_sqlite):
    console = console_sqlite
    store = console.central.create_store("S1", "一店")
    client = console.signed_in("boss")
    page = client.page("/console/stores/S1").text
    assert "小票格式" in page and "fapiao" in page  # the defaults to start from
    text = json.dumps([TILL], ensure_ascii=False)
    saved = client.submit("/console/stores/S1/receipt-patterns", {"patterns": text})
    assert saved.status_code == 200 and "版本 1" in saved.text, saved.text[-2000:]
    [change] = published(console)
    assert change["store_id"] == store.id and change["key"] == store.id and change["sig"]
    body = json.loads(change["body"])
    assert (body["version"], body["patterns"], body["by"]) == (1, [TILL], "boss")
    [audit] = console.central.rows(
        "SELECT action, subject, after FROM console_audit WHERE action = 'store.receipt_patterns'"
    )
    assert audit.subject == f"store:{store.id}" and json.loads(audit.after)["version"] == 1
    again = client.submit("/console/stores/S1/receipt-patterns", {"patterns": text})
    assert again.status_code == 200 and [c["key"] for c in published(console)] == [store.id] * 2
    assert json.loads(published(console)[-1]["body"])["version"] == 2


def test_a_pattern_the_counters_would_refuse_is_refused_and_nothing_is_sent(console_sqlite):
    console = console_sqlite
    console.central.create_store("S1", "一店")
    client = console.signed_in("boss")
    client.page("/console/stores/S1")
    for text, words in (
        ("[{", "不是有效的 JSON"),
        ('[{"name": "x", "kind": "regex", "expression": "(?P<receipt>[0-9]+"}]', "第 1 个"),
        (json.dumps([TILL, TILL]), "第 2 个"),
        (
            '[{"name": "x", "kind": "json", "fields": {"receipt": "r"}, "amount_unit": NaN}]',
            "不是有效的 JSON",
        ),
        ("[]", "须为 1 至 8 个"),
        (json.dumps([TILL] * 9), "须为 1 至 8 个"),
    ):
        refused = client.submit("/console/stores/S1/receipt-patterns", {"patterns": text})
        assert refused.status_code == 422 and words in refused.text, (text, refused.text[-800:])
    assert published(console) == []


def test_only_head_office_and_the_stores_manager_may_set_them_and_only_with_csrf(console_sqlite):
    console = console_sqlite
    console.central.create_store("S1", "一店")
    console.central.create_store("S2", "二店")
    text = json.dumps([TILL])
    admin = console.signed_in("boss")
    admin.page("/console/stores/S1")
    forged = admin.post("/console/stores/S1/receipt-patterns", data={"patterns": text})
    assert forged.status_code == 403  # no CSRF token: a page elsewhere posting on its behalf
    wrong = admin.post(
        "/console/stores/S1/receipt-patterns", data={"patterns": text, "csrf": "x" * 43}
    )
    assert wrong.status_code == 403
    marketing = console.signed_in("mk", "marketing")
    marketing.page("/console/stores/S1")
    assert (
        marketing.submit("/console/stores/S1/receipt-patterns", {"patterns": text}).status_code
        == 403
    )
    other = console.signed_in("m2", "store_manager", "S2")
    other.page("/console/stores/S2")
    assert (
        other.submit("/console/stores/S1/receipt-patterns", {"patterns": text}).status_code == 404
    )
    assert published(console) == []
    own = console.signed_in("m1", "store_manager", "S1")
    assert 'id="receipt-patterns"' in own.page("/console/stores/S1").text
    assert own.submit("/console/stores/S1/receipt-patterns", {"patterns": text}).status_code == 200
    assert len(published(console)) == 1
