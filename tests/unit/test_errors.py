import pytest

from services.core.errors import (
    AuthError,
    LoyaltyError,
    NotFoundError,
    PermissionDenied,
    StateError,
    StorageError,
    ValidationError,
)


def test_code_and_params_kept():
    err = AuthError("auth.bad_pin", attempts_left=3)
    assert err.code == "auth.bad_pin"
    assert err.params == {"attempts_left": 3}
    assert isinstance(err, LoyaltyError)


@pytest.mark.parametrize(
    ("cls", "code"),
    [
        (LoyaltyError, "loyalty.error"),
        (ValidationError, "input.invalid"),
        (NotFoundError, "not_found"),
        (AuthError, "auth.failed"),
        (PermissionDenied, "auth.forbidden"),
        (StateError, "state.invalid"),
        (StorageError, "storage.failed"),
    ],
)
def test_default_codes(cls, code):
    err = cls()
    assert err.code == code
    assert err.params == {}
    assert issubclass(cls, LoyaltyError)


def test_raised_and_caught_as_loyalty_error():
    with pytest.raises(LoyaltyError) as caught:
        raise StateError("member.mobile_taken", mobile="13800138000")
    assert caught.value.code == "member.mobile_taken"
    assert caught.value.params["mobile"] == "13800138000"
