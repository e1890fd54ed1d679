"""Campaigns: marketing publishes a birthday coupon template in the console (audited); a
counter pulls it, issues a member's birthday coupon by it, and the numbers count that
coupon under the campaign. A bad template is refused field by field, and a store manager
cannot publish one."""

import json
from datetime import date

from central.programme import kpis
from services.coupons import campaigns
from services.rules import points as point_rules
from tests.factories import register

PAGE = "/console/programme/campaigns"
BIRTHDAY = {
    "purpose": "birthday",
    "code": "bday26",
    "kind": "amount_off",
    "name_zh": "生日券",
    "name_en": "Birthday coupon",
    "value": "20",
    "min_spend_fen": "100",
    "valid_days": "30",
    "min_tier": "",
    "active": "1",
}


def test_a_birthday_campaign_reaches_a_counter_and_the_numbers(console, make_counter):
    central = console.central
    central.create_store()
    client = console.signed_in("mkt", "marketing")
    client.page(PAGE)
    answer = client.submit(PAGE, BIRTHDAY)
    assert answer.status_code == 303 and answer.headers["location"].endswith("saved=BDAY26")
    body = json.loads(central.scalar("SELECT body FROM reference WHERE kind = 'coupon_template'"))
    assert (body["code"], body["purpose"], body["value"], body["min_spend_fen"]) == (
        "BDAY26",
        "birthday",
        2000,
        10_000,
    )
    [row] = central.rows("SELECT action, subject FROM console_audit")
    assert (row.action, row.subject) == ("coupon_template.save", "coupon_template:BDAY26")
    counter = make_counter("1")
    assert counter.cycle().ok  # the template arrives
    member = register(counter, month=3)  # the counters' clock is in March
    coupon = campaigns.issue_birthday(
        counter.runtime.writer(), counter.manager, counter.runtime.now(), member.id
    )
    assert coupon is not None
    assert counter.cycle().ok  # the coupon reaches the centre
    with central.session() as s:
        chain_id = central.scalar("SELECT id FROM chain")
        found = kpis.chain_numbers(
            s,
            kpis.Scope(chain_id),
            kpis.Period.of(date(2026, 3, 1), date(2026, 3, 1)),
            point_rules.DEFAULT_RULES,
            "Asia/Shanghai",
        )
    [campaign] = found.campaigns
    assert (campaign.name_zh, campaign.issued, campaign.redeemed) == ("生日券", 1, 0)


def test_a_bad_template_is_refused_field_by_field(console_sqlite):
    console_sqlite.central.create_store()
    client = console_sqlite.signed_in("mkt", "marketing")
    client.page(PAGE)
    bad = BIRTHDAY | {"kind": "percent_off", "value": "150", "name_zh": "", "purpose": "spam"}
    answer = client.submit(PAGE, bad)
    assert answer.status_code == 400
    assert "须在1至100之间。" in answer.text and "请填写此项。" in answer.text
    assert "请选择一项。" in answer.text
    assert console_sqlite.central.scalar("SELECT count(*) FROM reference") == 0
    assert console_sqlite.central.scalar("SELECT count(*) FROM console_audit") == 0


def test_a_store_manager_cannot_publish_a_campaign(console_sqlite):
    store = console_sqlite.central.create_store()
    client = console_sqlite.signed_in("mgr", "store_manager", store.code)
    assert client.get(PAGE).status_code == 403
    assert client.submit(PAGE, BIRTHDAY).status_code == 403
    assert console_sqlite.central.scalar("SELECT count(*) FROM reference") == 0
