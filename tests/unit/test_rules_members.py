"""What a scanned or typed text means; masking; the birthday and churn flags."""

from datetime import UTC, datetime, timedelta

import pytest

from services.rules.members import (
    AT_RISK_AFTER_DAYS,
    MAX_QUERY_LENGTH,
    classify_query,
    is_at_risk,
    is_birthday_month,
    mask_mobile,
)

SHANGHAI = "Asia/Shanghai"
NOW = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)


@pytest.mark.parametrize("text", ["", " ", "   ", "\t\n\r", "\x00\x07\x1b", "\u200b\u200e\u202e"])
def test_empty(text):
    assert classify_query(text) == ("empty", "")


def test_too_long_raw_text():
    assert MAX_QUERY_LENGTH == 200
    assert classify_query("a" * 801) == ("too_long", "")
    # Even when cleaning would leave nothing: the raw length is refused before any work.
    assert classify_query(" " * 801) == ("too_long", "")


def test_too_long_after_cleaning():
    assert classify_query("张" * 201) == ("too_long", "")
    assert classify_query("a" * 201) == ("too_long", "")


def test_longest_accepted():
    assert classify_query("张" * 200) == ("name", "张" * 200)
    # 800 raw characters that clean down to 200 are still a query.
    assert classify_query("a" * 200 + "\u200b" * 600) == ("name", "a" * 200)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("LCM0123ABC", "LCM0123ABC"),
        ("lcm0123abc", "lcm0123abc"),
        ("Lcm0123", "Lcm0123"),
        (" LCM 0123 ABC\n", "LCM0123ABC"),
        ("ＬＣＭ０１２", "LCM012"),
    ],
)
def test_code(text, value):
    assert classify_query(text) == ("code", value)


@pytest.mark.parametrize(
    "text",
    [
        "13800138000",
        "+86 138-0013-8000",
        "+8613800138000",
        "138 0013 8000",
        "１３８００１３８０００",
        "＋８６ １３８-００１３-８０００",
        "\u200e13800138000\n",
    ],
)
def test_mobile(text):
    assert classify_query(text) == ("mobile", "13800138000")


@pytest.mark.parametrize(
    ("text", "value"),
    [("8000", "8000"), (" 8000 ", "8000"), ("８０００", "8000"), ("0000", "0000")],
)
def test_last4(text, value):
    assert classify_query(text) == ("last4", value)


@pytest.mark.parametrize("text", ["800", "80000", "١٢٣٤"])
def test_not_last4(text):
    assert classify_query(text)[0] != "last4"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("T001-1-000001", "T001-1-000001"),
        ("t001-1-000001", "T001-1-000001"),
        (" T001-1-000001\n", "T001-1-000001"),
        ("Ｔ００１-1-０００００１", "T001-1-000001"),
        ("sh-01-a1-123456", "SH-01-A1-123456"),
    ],
)
def test_member_no(text, value):
    assert classify_query(text) == ("member_no", value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("张", "张"),
        ("张三", "张三"),
        ("Zhang San", "Zhang San"),
        ("  Zhang   San ", "Zhang San"),
        ("T001", "T001"),
        ("138001", "138001"),
    ],
)
def test_name(text, value):
    assert classify_query(text) == ("name", value)


def test_mask_mobile():
    assert mask_mobile("13800138000") == "138****8000"
    assert mask_mobile("19912345678") == "199****5678"


@pytest.mark.parametrize("mobile", ["", "1380013800", "138001380001"])
def test_mask_mobile_other_lengths_hide_everything(mobile):
    assert mask_mobile(mobile) == "****"


def test_birthday_month_follows_the_store_time_zone():
    evening_utc = datetime(2026, 4, 30, 17, 0, tzinfo=UTC)  # 1 May, 01:00 in Shanghai
    assert is_birthday_month(5, evening_utc, SHANGHAI)
    assert not is_birthday_month(4, evening_utc, SHANGHAI)
    assert is_birthday_month(4, evening_utc, "UTC")
    just_before = datetime(2026, 4, 30, 15, 59, tzinfo=UTC)  # 30 April, 23:59 in Shanghai
    assert is_birthday_month(4, just_before, SHANGHAI)
    assert not is_birthday_month(5, just_before, SHANGHAI)


def test_birthday_month_behind_utc():
    morning_utc = datetime(2026, 5, 1, 3, 0, tzinfo=UTC)  # 30 April, 20:00 in Los Angeles
    assert is_birthday_month(4, morning_utc, "America/Los_Angeles")
    assert is_birthday_month(5, morning_utc, SHANGHAI)


def test_birthday_month_new_year():
    eve = datetime(2026, 12, 31, 16, 30, tzinfo=UTC)  # 1 January 2027 in Shanghai
    assert is_birthday_month(1, eve, SHANGHAI)
    assert not is_birthday_month(12, eve, SHANGHAI)


def test_at_risk():
    assert AT_RISK_AFTER_DAYS == 90
    assert not is_at_risk(None, NOW)
    assert not is_at_risk(NOW - timedelta(days=89), NOW)
    assert not is_at_risk(NOW - timedelta(days=90) + timedelta(seconds=1), NOW)
    assert is_at_risk(NOW - timedelta(days=90), NOW)
    assert is_at_risk(NOW - timedelta(days=400), NOW)
    assert not is_at_risk(NOW, NOW)
