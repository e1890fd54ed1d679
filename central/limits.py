"""Guards in front of the API: a cap on request size, and a brake on enrollment attempts
(a one-time code is short enough to be guessed by someone who may try without limit)."""

import time
from collections import deque
from collections.abc import Callable

from starlette.types import ASGIApp, Receive, Scope, Send

MAX_BODY_BYTES = 8 * 1024 * 1024  # a full push batch of 2,000 operations is about 2 MB
ENROLL_ATTEMPTS = 10  # per client address ...
ENROLL_WINDOW_S = 60.0  # ... per minute


class BodyLimit:
    """Answers 413 `request.too_large` as soon as a body passes the cap, without reading
    the rest (a declared Content-Length over it is refused before any byte is read)."""

    def __init__(self, app: ASGIApp, most: int = MAX_BODY_BYTES) -> None:
        self.app, self.most = app, most

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.most:
            await _refuse(send, 413, "request.too_large")
            return
        seen = 0

        async def counted() -> dict:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.most:
                raise _TooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except _TooLarge:
            await _refuse(send, 413, "request.too_large")


class EnrollBrake:
    """At most ENROLL_ATTEMPTS enrollment requests per client address per window."""

    def __init__(
        self,
        attempts: int = ENROLL_ATTEMPTS,
        window: float = ENROLL_WINDOW_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.attempts, self.window, self.clock = attempts, window, clock
        self.seen: dict[str, deque[float]] = {}

    def allow(self, client: str) -> bool:
        now = self.clock()
        recent = self.seen.setdefault(client, deque())
        while recent and now - recent[0] > self.window:
            recent.popleft()
        if len(recent) >= self.attempts:
            return False
        recent.append(now)
        return True


class _TooLarge(Exception):
    pass


async def _refuse(send: Send, status: int, code: str) -> None:
    body = f'{{"code":"{code}","message":"{code}"}}'.encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
