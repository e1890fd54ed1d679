"""Bad input, fuzzed: scans, amounts, phone numbers, names and search text from the wild
(full-width digits, emoji, right-to-left marks, SQL metacharacters, a megabyte of text).
Never a crash: a clear refusal (a LoyaltyError with a code the UI can word) or a correct
result, and a refusal writes nothing.

The number of inputs each test tries is in its `settings`; FUZZ_INPUTS adds them up for
the README.
"""

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services import points
from services.core.errors import LoyaltyError
from services.members import accounts as members
from services.members import check_in
from services.members.accounts import NewMember
from services.rules.points import MAX_PURCHASE_FEN, parse_yuan

EXAMPLES = {"scan": 400, "amount": 2000, "member": 300, "search": 400, "coupon": 300}
FUZZ_INPUTS = sum(EXAMPLES.values())

WILD = st.sampled_from(
    [
        "１２３４５",  # full-width digits
        "\u202e13800138000",  # right-to-left override
        "😀🎂",
        "'; DROP TABLE member; --",
        "%_\\",
        "\x00\x1b[2J",
        "LCM" + "A" * 146,
        "LCC" + "Z" * 191,
        "x" * 1_000_000,  # a megabyte
    ]
)
TEXT = st.one_of(st.text(max_size=300), WILD, st.text(alphabet=string.printable, max_size=200))
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def refused_or_ok(fn, *args):
    try:
        return fn(*args)
    except LoyaltyError as error:
        assert error.code and "." in error.code  # a stable code the UI can put in words
        return None


@settings(FUZZ, max_examples=EXAMPLES["scan"])
@given(text=TEXT)
def test_any_scan_at_check_in_is_a_member_or_a_clear_refusal(counter, text):
    result = refused_or_ok(
        check_in.look_up, counter.runtime.reader(), counter.manager, counter.runtime.now(), text
    )
    assert result is None or result.card is not None or result.candidates is not None


@settings(FUZZ, max_examples=EXAMPLES["amount"])
@given(text=st.one_of(TEXT, st.from_regex(r"[0-9０-９.,\s+-]{0,16}", fullmatch=True)))
def test_any_typed_amount_parses_to_a_sane_number_of_fen_or_none(text):
    fen = parse_yuan(text)
    assert fen is None or (isinstance(fen, int) and 0 < fen <= MAX_PURCHASE_FEN)


@settings(FUZZ, max_examples=EXAMPLES["member"])
@given(name=TEXT, mobile=TEXT, month=st.integers(-5, 20), day=st.integers(-5, 40))
def test_registering_with_any_input_either_works_or_writes_nothing(
    counter, db, name, mobile, month, day
):
    before = db.count("member"), db.count("outbox")
    new = NewMember(name, mobile, month, day)
    result = refused_or_ok(
        members.register_member,
        counter.runtime.writer(),
        counter.manager,
        counter.runtime.now(),
        new,
    )
    after = db.count("member"), db.count("outbox")
    if result is None:
        assert after == before
    else:
        assert after == (before[0] + 1, before[1] + 1)
        assert len(result.member_no) > 0


@settings(FUZZ, max_examples=EXAMPLES["search"])
@given(text=TEXT)
def test_any_search_text_lists_members_or_refuses(counter, text):
    rows = refused_or_ok(check_in.list_members, counter.runtime.reader(), text, None, 20)
    assert rows is None or len(rows) <= 20


@settings(FUZZ, max_examples=EXAMPLES["coupon"])
@given(text=TEXT)
def test_any_coupon_scan_at_checkout_is_refused_cleanly(counter, db, text):
    member_id = (
        db.scalar("SELECT id FROM member LIMIT 1")
        or members.register_member(
            counter.runtime.writer(),
            counter.manager,
            counter.runtime.now(),
            NewMember("陈安娜", "13800138000", 8, 12),
        ).id
    )
    before = db.count("purchase"), db.count("outbox")
    with pytest.raises(LoyaltyError) as refused:
        points.earn(
            counter.runtime.writer(),
            counter.manager,
            counter.runtime.now(),
            member_id,
            "FUZZ-1",
            10000,
            {},
            coupon_text=text or "x",
        )
    assert refused.value.code.startswith(("coupon.", "qr."))
    assert (db.count("purchase"), db.count("outbox")) == before


def test_the_fuzz_budget_is_what_the_readme_says():
    assert FUZZ_INPUTS == 3400
