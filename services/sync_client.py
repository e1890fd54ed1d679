"""The HTTP client of the central system's API (docs/sync-protocol.md). No database here.

Every failure becomes a SyncError with a stable code: `sync.offline` when the centre
cannot be reached (or did not answer in time), the centre's own code when it refused
(`device.revoked`, `auth.bad_token`, `enroll.bad_code`, ...), `sync.server_error` for a
5xx without one, `sync.protocol` for an answer that is not what the protocol says.
"""

import contextlib
import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

import httpx
import orjson

from services.errors import LoyaltyError

TIMEOUT_S = 20.0
HttpFactory = Callable[[str], httpx.Client]


class SyncError(LoyaltyError):
    default_code = "sync.failed"


def default_http(base_url: str) -> httpx.Client:
    return httpx.Client(base_url=base_url, timeout=httpx.Timeout(TIMEOUT_S, connect=5.0))


def normalize_url(url: str) -> str:
    url = url.strip().rstrip("/")
    if not url.startswith(("http://", "https://")) or len(url) > 300 or " " in url:
        raise SyncError("sync.bad_url")
    return url


class CentralClient:
    def __init__(
        self, base_url: str, token: str | None = None, http: HttpFactory | None = None
    ) -> None:
        self.base_url = normalize_url(base_url)
        self.token = token
        self._http = (http or default_http)(self.base_url)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> "CentralClient":
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def enroll(self, body: dict[str, Any]) -> dict[str, Any]:
        return self._request("POST", "/v1/enroll", json=body)

    def push(
        self, operations: list[dict[str, Any]], device_now: datetime | None = None
    ) -> dict[str, Any]:
        # The counter's clock goes with each push: the centre measures its skew and flags
        # what a counter with a wrong clock sends.
        extra = {"X-Device-Time": device_now.isoformat()} if device_now else {}
        answer = self._request("POST", "/v1/push", json={"operations": operations}, extra=extra)
        if not isinstance(answer.get("results"), list) or "next_expected_seq" not in answer:
            raise SyncError("sync.protocol")
        return answer

    def pull(self, after: int, limit: int) -> dict[str, Any]:
        answer = self._request("GET", "/v1/pull", params={"after": after, "limit": limit})
        if not isinstance(answer.get("changes"), list) or "cursor" not in answer:
            raise SyncError("sync.protocol")
        return answer

    def _request(
        self, method: str, path: str, extra: dict[str, str] | None = None, **kwargs: Any
    ) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        headers |= extra or {}
        try:
            response = self._http.request(method, path, headers=headers, **kwargs)
        except httpx.TransportError as exc:  # connect, read, write, timeouts, protocol
            raise SyncError("sync.offline") from exc
        if response.status_code >= 400:
            code = None
            with contextlib.suppress(ValueError, AttributeError):
                code = response.json().get("code")
            if code:
                raise SyncError(str(code))
            if response.status_code >= 500:
                raise SyncError("sync.server_error", status=response.status_code)
            raise SyncError("sync.protocol", status=response.status_code)
        try:
            # orjson: a first pull parses a million members' worth of pages.
            answer = orjson.loads(response.content)
        except ValueError:
            answer = _lenient_json(response.content)
        if not isinstance(answer, dict):
            raise SyncError("sync.protocol")
        return answer


def _lenient_json(content: bytes) -> Any:
    """orjson refuses a whole page for one NaN in one body; the standard parser reads it, so
    that body alone is refused later (services.sync_quarantine) and the rest applied. Not
    JSON at all: the answer as a whole is `sync.protocol`."""
    try:
        return json.loads(content)
    except (ValueError, RecursionError) as exc:
        raise SyncError("sync.protocol") from exc
