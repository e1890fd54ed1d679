"""A refusal in the console: a message key (central.console.messages) and an HTTP status;
the page shows the message in the user's language, with its params filled in."""


class ConsoleError(Exception):
    def __init__(self, code: str, status: int = 400, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.status = status
        self.params = params
