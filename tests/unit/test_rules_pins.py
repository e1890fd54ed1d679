import pytest

from services.rules.pins import pin_problem


@pytest.mark.parametrize("pin", ["2580", "3691", "4826", "1357", "1212", "20240", "902731"])
def test_acceptable_pins(pin):
    assert pin_problem(pin) is None


@pytest.mark.parametrize("pin", ["１２３４", "２５８０", "12a4", "12 4", "", "٢٥٨٠", "+258"])
def test_only_ascii_digits(pin):
    assert pin_problem(pin) == "pin.not_digits"


@pytest.mark.parametrize("pin", ["258", "25", "2580369", "25803691"])
def test_length_four_to_six(pin):
    assert pin_problem(pin) == "pin.length"


@pytest.mark.parametrize(
    "pin",
    ["1234", "4321", "0987", "7890", "0123", "9876", "123456", "654321", "89012"],
)
def test_runs_refused(pin):
    assert pin_problem(pin) == "pin.too_simple"


@pytest.mark.parametrize("pin", ["0000", "1111", "99999", "777777"])
def test_repeats_refused(pin):
    assert pin_problem(pin) == "pin.too_simple"
