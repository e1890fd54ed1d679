"""Properties of the pure rules over many generated inputs."""

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from common.canonical import canonical_json
from services.rules.lockout import LockoutPolicy, LockState, after_failure, is_locked
from services.rules.pins import pin_problem
from services.rules.text import normalize_mobile

NOW = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)

mobiles = st.builds(
    lambda second, rest: f"1{second}{rest:09d}",
    st.integers(3, 9),
    st.integers(0, 10**9 - 1),
)


@given(mobiles)
def test_mobile_spellings_normalize_to_the_same_number(mobile):
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in mobile)
    dashed = f"+86 {mobile[:3]}-{mobile[3:7]}-{mobile[7:]}"
    assert normalize_mobile(mobile) == mobile
    assert normalize_mobile(full_width) == mobile
    assert normalize_mobile(dashed) == mobile


@given(st.text(alphabet="0123456789", min_size=4, max_size=6))
def test_ascii_pins_of_right_length_only_refused_as_too_simple(pin):
    assert pin_problem(pin) in (None, "pin.too_simple")


@given(st.integers(3, 10), st.integers(1, 120), st.integers(0, 20))
def test_lock_comes_exactly_at_max_failures(max_failures, minutes, tries):
    policy = LockoutPolicy(max_failures, minutes)
    state = LockState(0, None)
    for _ in range(tries):
        state = after_failure(state, NOW, policy)
    assert is_locked(state.locked_until, NOW) == (tries >= max_failures)
    if tries >= max_failures:  # the longest lock reached so far, doubled each round
        rounds = tries // max_failures
        longest = min(minutes * 2 ** (rounds - 1), max(policy.max_lock_minutes, minutes))
        assert state.locked_until == NOW + timedelta(minutes=longest)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(st.dictionaries(st.text(), json_values, max_size=6))
def test_canonical_json_ignores_insertion_order(payload):
    reversed_payload = dict(reversed(list(payload.items())))
    assert canonical_json(payload) == canonical_json(reversed_payload)
