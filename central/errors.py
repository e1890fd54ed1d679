"""Errors of the central API: a stable code from the one error registry
(services.protocol.codes, which the counter reads too) and an HTTP status."""

from services.protocol import codes


class CentralError(Exception):
    def __init__(self, code: str, status: int = 400, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.status = status
        self.params = params

    def words(self, language: str = "en") -> str:
        """The registry's words for this refusal with its params filled in (the code itself
        for one nobody declared)."""
        return codes.words(self.code, language, **self.params)
