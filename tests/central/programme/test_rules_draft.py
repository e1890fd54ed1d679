"""The programme as data: a rule-set draft read from the console's form, its preview by the
shared rules, and its publication to the counters, who switch on its start date."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from central.models import Chain, Change
from central.programme import rules_draft
from devkit.chain_setup import earn_payload
from services.rules import points as point_rules
from tests.central.test_authority import centre_member, forge, last_result
from tests.conftest import START
from tests.factories import earn, register

TODAY = date(2026, 3, 1)


def _form(**changes) -> dict[str, str]:
    return rules_draft.form_from_rules(point_rules.DEFAULT_RULES) | changes


def test_todays_rules_come_back_unchanged_from_their_form():
    draft = rules_draft.read_form(_form(), TODAY)
    assert draft.problems == []
    again = point_rules.rules_from_dict(draft.body | {"version": 1})
    for name in ("points_per_yuan", "coupon_value_fen", "cash_fen_per_step", "stacking"):
        assert getattr(again, name) == getattr(point_rules.DEFAULT_RULES, name)
    assert again.tier_thresholds_fen == point_rules.DEFAULT_RULES.tier_thresholds_fen
    assert again.category_bonus_per_yuan == {"electronics": 2}


def test_every_bad_field_is_named_and_nothing_is_guessed():
    form = _form(
        points_per_yuan="1.5",
        birthday_multiplier="5000",
        coupon_value_fen="ten",
        categories="electronics 2\nfood",
        promotions="CNY 2026-02-10 2026-02-01 2",
        starts_on="2026-02-28",
        threshold_gold="100",  # below silver's 2,000 yuan
    )
    draft = rules_draft.read_form(form, TODAY)
    found = {(p.field, p.code) for p in draft.problems}
    assert found == {
        ("points_per_yuan", "programme.not_whole"),
        ("birthday_multiplier", "programme.out_of_range"),
        ("coupon_value_fen", "programme.not_yuan"),
        ("categories", "programme.bad_category_line"),
        ("promotions", "programme.bad_promotion_line"),
        ("starts_on", "programme.starts_in_past"),
        ("threshold_platinum", "programme.thresholds_order"),
    }
    [line] = [p.params["line"] for p in draft.problems if p.field == "categories"]
    assert line == 2


def test_a_promotion_code_the_counters_would_refuse_is_caught_before_publishing():
    draft = rules_draft.read_form(_form(promotions="x" * 80 + " 2026-03-01 2026-03-31 2"), TODAY)
    assert [p.code for p in draft.problems] == ["programme.refused"]


def test_the_preview_is_the_counters_own_computation():
    draft = rules_draft.read_form(
        _form(points_per_yuan="3", categories="food 5", multiplier_gold="2"), TODAY
    ).body
    # 123.45 yuan of food for a gold member: base 123 x 3 = 369, doubled for gold = 738, and
    # 123 x 5 = 615 food bonus, not doubled: 1,353. Today: 123 x 1 = 123, no food bonus.
    shown = rules_draft.preview(
        draft, point_rules.DEFAULT_RULES, 12_345, "food", "gold", False, TODAY
    )
    assert (shown.draft_points, shown.today_points) == (1353, 123)
    # The draft lists food alone: today's electronics bonus (2 a yuan) is gone from it.
    shown = rules_draft.preview(
        draft, point_rules.DEFAULT_RULES, 10_000, "electronics", "bronze", False, TODAY
    )
    assert (shown.draft_points, shown.today_points) == (300, 100 + 200)


def test_a_preview_refuses_an_amount_nobody_can_pay():
    with pytest.raises(Exception, match=r"programme\.bad_amount"):
        rules_draft.preview({}, point_rules.DEFAULT_RULES, 0, "", "gold", False, TODAY)


def test_a_published_version_applies_at_the_counters_from_its_start_date(central, make_counter):
    central.create_store()
    starts = START.date() + timedelta(days=2)
    draft = rules_draft.read_form(
        _form(points_per_yuan="5", starts_on=starts.isoformat()), START.date()
    )
    assert draft.problems == []
    with central.session() as s, s.begin():
        chain_id = s.execute(select(Chain.id)).scalar_one()
        assert rules_draft.publish(s, chain_id, draft.body, datetime.now(UTC)) == 2
    with central.session() as s:  # published as load-rules does: one signed change
        [(sig,)] = s.execute(select(Change.sig).where(Change.kind == "rules")).all()
        assert sig
    a = make_counter("1")
    assert a.cycle().ok  # the counter holds version 2 from now on
    member = register(a)
    before = earn(a, member.id, "R1", 10_000)
    assert (before.quote.rule_version, before.quote.points.total) == (1, 100)
    a.clock.advance(days=2)
    after = earn(a, member.id, "R2", 10_000)
    assert (after.quote.rule_version, after.quote.points.total) == (2, 500)
    assert a.cycle().ok
    assert last_result(a) == ("applied", None)
    assert centre_member(central, member.id)[0] == 600


def test_a_version_cannot_price_a_sale_made_before_its_start_date(central, make_counter):
    central.create_store()
    starts = START.date() + timedelta(days=2)
    draft = rules_draft.read_form(
        _form(points_per_yuan="5", starts_on=starts.isoformat()), START.date()
    )
    with central.session() as s, s.begin():
        chain_id = s.execute(select(Chain.id)).scalar_one()
        rules_draft.publish(s, chain_id, draft.body, datetime.now(UTC))
    a = make_counter("1")
    member = register(a)
    assert a.cycle().ok
    # A tampered counter prices today's 100 yuan at tomorrow's 5 a yuan.
    early = earn_payload(member.id, START) | {"rule_version": 2, "points": 500}
    forge(a, "points.earn", early)
    assert a.cycle().ok
    assert last_result(a) == ("rejected", "rules.not_started")
    assert centre_member(central, member.id)[0] == 0
    # The same sale on its start date is priced by it.
    on_time = earn_payload(member.id, START + timedelta(days=2)) | {
        "rule_version": 2,
        "points": 500,
    }
    forge(a, "points.earn", on_time)
    assert a.cycle().ok
    assert last_result(a) == ("applied", None)
    assert centre_member(central, member.id)[0] == 500
