"""One error hierarchy with stable codes; the UI and the central API map codes to messages."""

from typing import Any


class LoyaltyError(Exception):
    """A refusal the user can act on; `code` never changes once shipped, `params` fill the text."""

    default_code = "loyalty.error"

    def __init__(self, code: str | None = None, **params: Any) -> None:
        self.code = code or self.default_code
        self.params = params
        detail = ", ".join(f"{k}={v!r}" for k, v in params.items())
        super().__init__(f"{self.code}({detail})" if detail else self.code)


class ValidationError(LoyaltyError):
    default_code = "input.invalid"


class NotFoundError(LoyaltyError):
    default_code = "not_found"


class AuthError(LoyaltyError):
    default_code = "auth.failed"


class PermissionDenied(LoyaltyError):
    default_code = "auth.forbidden"


class StateError(LoyaltyError):
    """The request is well-formed but the counter's state does not allow it."""

    default_code = "state.invalid"


class StorageError(LoyaltyError):
    """The database could not be written or read; nothing was half-written."""

    default_code = "storage.failed"
