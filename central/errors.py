"""Errors of the central API: a stable code (the counter knows the same codes), an HTTP status."""


class CentralError(Exception):
    def __init__(self, code: str, status: int = 400, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.status = status
        self.params = params
