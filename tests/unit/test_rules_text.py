import pytest

from services.rules.text import (
    clean_text,
    name_problem,
    normalize_mobile,
    normalize_store_code,
    reason_problem,
)


@pytest.mark.parametrize(
    "typed",
    [
        "13800138000",
        "+86 138-0013-8000",
        "+8613800138000",
        "138 0013 8000",
        "１３８００１３８０００",
        "＋８６ １３８００１３８０００",
        "\u200e13800138000\u200f",
        " 13800138000\n",
    ],
)
def test_mobile_forms_that_mean_the_same_number(typed):
    assert normalize_mobile(typed) == "13800138000"


@pytest.mark.parametrize(
    "typed",
    [
        "1380013800",  # 10 digits
        "138001380001",  # 12 digits
        "12800138000",  # mobiles start 13-19
        "10800138000",
        "23800138000",
        "",
        "138-0013-800a",
        "8613800138000",  # country code without +
        "+85213800138000",
    ],
)
def test_mobile_refused(typed):
    assert normalize_mobile(typed) is None


def test_mobile_with_non_ascii_digits_refused():
    # NFKC does not fold Arabic-Indic digits; they must not become a stored "mobile".
    result = normalize_mobile("13" + "٨٠٠١٣٨٠٠٠")
    assert result is None or result.isascii()


def test_clean_text_folds_full_width():
    assert clean_text("ＡＢＣ１２３") == "ABC123"


def test_clean_text_drops_bidi_and_control_characters():
    dirty = "\u202e王\u200f经\u2066理\u2069\x00\x07\u200b"
    assert clean_text(dirty) == "王经理"


def test_clean_text_collapses_and_trims_spaces():
    assert clean_text("  李   收银\u3000 ") == "李 收银"


def test_name_problem():
    assert name_problem("") == "name.empty"
    assert name_problem("王" * 60) is None
    assert name_problem("王" * 61) == "name.too_long"


def test_reason_problem():
    assert reason_problem("") == "reason.required"
    assert reason_problem("x") == "reason.required"
    assert reason_problem("补录") is None


def test_store_code_normalized():
    assert normalize_store_code(" t001 ") == "T001"
    assert normalize_store_code("ｔ００１") == "T001"
    assert normalize_store_code("SH-01") == "SH-01"


@pytest.mark.parametrize("code", ["", "T", "-T01", "T 01", "T_01", "门店", "A" * 17])
def test_store_code_refused(code):
    assert normalize_store_code(code) is None
