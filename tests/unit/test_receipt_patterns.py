"""Receipt codes read by the store's patterns: every preset on real-looking samples, the
text a scanner in a Chinese keyboard layout types, and every refusal by its code."""

import json
from datetime import datetime

import pytest

from services.core.errors import ValidationError
from services.pos import DEFAULT_PATTERNS, PRESETS, check_patterns, decode_bytes, parse_receipt
from services.pos.receipts import MAX_SCAN, matches_any

ALL = [PRESETS["fapiao"], PRESETS["key_value"], PRESETS["json"], PRESETS["plain"]]


def test_fully_digital_invoice_qr_gives_number_total_and_day():
    scan = parse_receipt("01,32,,24312000000136634917,128.50,20261203,,1DD6", ALL)
    assert (scan.receipt, scan.amount_fen, scan.at) == (
        "24312000000136634917",
        12850,
        datetime(2026, 12, 3),
    )
    assert scan.pattern == "fapiao"


def test_special_vat_invoice_and_old_invoice_with_a_code_read_the_same_positions():
    assert (
        parse_receipt("01,31,,24922000000012341234,666.00,20240208,,76A1", ALL).amount_fen == 66600
    )
    old = parse_receipt("01,10,044031900111,12345678,88.00,20191021,12345678901234567890,", ALL)
    assert (old.receipt, old.amount_fen) == ("12345678", 8800)


def test_key_value_with_time_store_and_categories():
    text = (
        "receipt=R2026-0001&amount=1,234.56&time=2026-12-03 14:05:09&store=S01"
        "&categories=electronics:1000.00;food:34.56"
    )
    scan = parse_receipt(text, ALL)
    assert scan.receipt == "R2026-0001"
    assert scan.amount_fen == 123456
    assert scan.at == datetime(2026, 12, 3, 14, 5, 9)
    assert scan.store == "S01"
    assert scan.categories == {"electronics": 100000, "food": 3456}


def test_json_in_fen_with_categories_as_an_object():
    text = json.dumps({"receipt": "t88-1", "amount_fen": 9900, "categories": {"electronics": 5000}})
    scan = parse_receipt(text, ALL)
    assert (scan.receipt, scan.amount_fen, scan.categories) == (
        "T88-1",
        9900,
        {"electronics": 5000},
    )


def test_plain_receipt_number_has_no_amount():
    scan = parse_receipt("POS123456", ALL)
    assert (scan.receipt, scan.amount_fen, scan.pattern) == ("POS123456", None, "plain")


def test_full_width_digits_and_chinese_punctuation_are_read_as_ascii():
    # A scanner behind a Chinese input method: full-width digits, comma and the ideographic
    # full stop for the decimal point.
    text = (
        "０１，３２，，２４３１２００００００１３６６"
        "３４９１７，１２８。５０，２０２６１２０３，，１ＤＤ６"
    )
    scan = parse_receipt(text, ALL)
    assert (scan.receipt, scan.amount_fen) == ("24312000000136634917", 12850)
    kv = parse_receipt("ｒｅｃｅｉｐｔ＝Ａ１２３４５６＆ａｍｏｕｎｔ＝９．９０", ALL)
    assert (kv.receipt, kv.amount_fen) == ("A123456", 990)


def test_gb18030_bytes_with_chinese_text_decode_and_parse():
    raw = json.dumps(
        {"receipt": "R778899", "amount_fen": 2500, "note": "谢谢惠顾"}, ensure_ascii=False
    ).encode("gb18030")
    scan = parse_receipt(decode_bytes(raw), ALL)
    assert (scan.receipt, scan.amount_fen) == ("R778899", 2500)
    assert decode_bytes("\ufeff收银".encode()) == "收银"


def test_a_scanners_control_prefix_and_line_end_are_dropped():
    assert parse_receipt("\x02receipt=R000042&amount=5\r\n", ALL).amount_fen == 500


@pytest.mark.parametrize(
    ("text", "code", "field"),
    [
        ("x" * (MAX_SCAN + 1), "receipt.too_long", None),
        ("hello world, 你好", "receipt.unknown_format", None),
        ("", "receipt.unknown_format", None),
        ("01,32,,24312000000136634917,12x.50,20261203,,1DD6", "receipt.bad_field", "amount"),
        ("01,32,,24312000000136634917,0.00,20261203,,1DD6", "receipt.bad_field", "amount"),
        ("01,32,,24312000000136634917,10.00,20261340,,1DD6", "receipt.bad_field", "time"),
        ("01,32,,收银,10.00,20261203,,1DD6", "receipt.bad_field", "receipt"),
        ("receipt=R1234567&amount=5&categories=food:9", "receipt.bad_field", "categories"),
        ("receipt=R1234567&amount=5&categories=Food:1", "receipt.bad_field", "categories"),
        ('{"receipt": "R1", "amount_fen": 12.5}', "receipt.bad_field", "amount"),
        ('{"receipt": "R1", "amount_fen": true}', "receipt.bad_field", "amount"),
        ('{"receipt": ["R1"], "amount_fen": 100}', "receipt.bad_field", "receipt"),
        ("receipt=R1&amount=99999999999", "receipt.bad_field", "amount"),
    ],
)
def test_refusals_have_stable_codes(text, code, field):
    with pytest.raises(ValidationError) as caught:
        parse_receipt(text, DEFAULT_PATTERNS)
    assert caught.value.code == code
    assert caught.value.params.get("field") == field


def test_matches_any_tells_a_receipt_shape_from_a_mobile():
    assert matches_any("01,32,,24312000000136634917,1.00,20261203,,1DD6", DEFAULT_PATTERNS)
    assert not matches_any("13800138000", DEFAULT_PATTERNS)  # the default has no "plain"


def test_a_regex_pattern_with_named_groups():
    pattern = {
        "name": "till7",
        "kind": "regex",
        "expression": r"T7\|(?P<receipt>\d{8})\|(?P<amount>\d+)\|(?P<store>S\d+)",
        "amount_unit": "fen",
    }
    check_patterns([pattern])
    scan = parse_receipt("T7|00001234|4599|S9", [pattern])
    assert (scan.receipt, scan.amount_fen, scan.store) == ("00001234", 4599, "S9")


@pytest.mark.parametrize(
    "patterns",
    [
        [],
        "not a list",
        [PRESETS["fapiao"]] * 2,  # two with one name
        [{"name": "x", "kind": "regex", "expression": "(?P<amount>\\d+)"}],  # no receipt
        [{"name": "x", "kind": "regex", "expression": "(?P<receipt>"}],  # does not compile
        [{"name": "x", "kind": "regex", "expression": "(?P<receipt>a)(?P<who>b)"}],
        [{"name": "x", "kind": "sql", "expression": "(?P<receipt>a)"}],
        [{**PRESETS["json"], "fields": {"receipt": "r", "colour": "c"}}],
        [{**PRESETS["key_value"], "pair": "&"}],
        [{**PRESETS["fapiao"], "positions": {"receipt": 3, "amount": 3}}],
        [{**PRESETS["fapiao"], "extra": 1}],
        [{**PRESETS["fapiao"], "amount_unit": "jiao"}],
    ],
)
def test_bad_patterns_are_refused_before_they_are_kept(patterns):
    with pytest.raises(ValidationError) as caught:
        check_patterns(patterns)
    assert caught.value.code == "receipt.bad_pattern"


def test_every_preset_is_a_valid_pattern():
    assert check_patterns(list(PRESETS.values())) == list(PRESETS.values())


# a receipt's store ------------------------------------------------------------------------
DELIMITED_WITH_STORE = {
    "name": "till9",
    "kind": "delimited",
    "prefix": "T9;",
    "separator": ";",
    "positions": {"receipt": 1, "amount": 2, "store": 3},
}
REGEX_WITH_STORE = {
    "name": "till7",
    "kind": "regex",
    "expression": r"T7\|(?P<receipt>\d{8})\|(?P<amount>\d+)\|(?P<store>S\d+)",
    "amount_unit": "fen",
}
STORE_CARRIERS = [PRESETS["key_value"], PRESETS["json"], DELIMITED_WITH_STORE, REGEX_WITH_STORE]
# Each pattern that can name a store, with a code naming store S01 and one naming S02.
STORE_SAMPLES = [
    ("key_value", "receipt=R1001&amount=12.50&store={store}"),
    ("json", '{{"receipt": "R1001", "amount_fen": 1250, "store": "{store}"}}'),
    ("till9", "T9;R1001;12.50;{store}"),
    ("till7", "T7|00001001|1250|{store}"),
]


@pytest.mark.parametrize(("name", "sample"), STORE_SAMPLES)
def test_a_receipt_naming_this_store_reads(name, sample):
    scan = parse_receipt(sample.format(store="S01"), STORE_CARRIERS, "S01")
    assert (scan.pattern, scan.store, scan.amount_fen) == (name, "S01", 1250)
    lower = sample.format(store="s01") if name != "till7" else sample.format(store="S01")
    assert parse_receipt(lower, STORE_CARRIERS, "S01").pattern == name  # codes are upper case


@pytest.mark.parametrize(("name", "sample"), STORE_SAMPLES)
def test_a_receipt_naming_another_store_is_refused(name, sample):
    with pytest.raises(ValidationError) as caught:
        parse_receipt(sample.format(store="S02"), STORE_CARRIERS, "S01")
    assert caught.value.code == "receipt.other_store"
    assert caught.value.params == {"store": "S02", "ours": "S01"}


@pytest.mark.parametrize("sample", ["receipt=R1001&amount=12.50", "01,32,,2431200000013663,1.00,"])
def test_a_receipt_naming_no_store_is_this_stores(sample):
    assert parse_receipt(sample, ALL, "S01").store is None


def test_without_the_counters_store_code_the_store_is_only_read():
    assert parse_receipt("receipt=R1&amount=1&store=S02", ALL).store == "S02"
