"""The HTTP client of the central system's API (docs/sync-protocol.md). No database here.

Every failure becomes a SyncError with a stable code: `sync.offline` when the centre
cannot be reached (or did not answer in time), the centre's own code when it refused
(`device.revoked`, `auth.bad_token`, `enroll.bad_code`, ...), `sync.server_error` for a
5xx without one, `sync.protocol` for an answer that is not what the protocol says.

The link (docs/sync-protocol.md, Authentication): HTTPS, except to loopback or when plain
HTTP was asked for explicitly (`insecure`, for tests and labs; else `sync.insecure_url`).
Certificates are checked against certifi's roots or a CA file given explicitly, never the
environment's (SSL_CERT_FILE), and no proxy from the environment is used unless the counter
is set to (`system_proxy`). The certificate's public key seen at enrollment is pinned: a
later handshake with another key is cut before a byte is sent (`sync.pin_mismatch`), so the
device token never reaches an impostor; a certificate no trusted CA signed is
`sync.tls_untrusted`.
"""

import contextlib
import hashlib
import ipaddress
import json
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import certifi
import httpx
import orjson
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from services.core.about import VERSION
from services.core.errors import LoyaltyError
from services.protocol import codes

TIMEOUT_S = 20.0
HttpFactory = Callable[[str], httpx.Client]


class SyncError(LoyaltyError):
    default_code = "sync.failed"


@dataclass(frozen=True)
class LinkSecurity:
    """How this counter may reach its centre (kept in sync_state from enrollment on)."""

    insecure: bool = False  # plain HTTP to a non-loopback address, asked for explicitly
    system_proxy: bool = False  # the environment's proxy settings (HTTPS_PROXY, ...)
    ca_file: str | None = None  # a private CA's certificates (PEM), instead of certifi's
    tls_pin: str | None = None  # SHA-256 of the certificate's SubjectPublicKeyInfo, hex


PLAIN_LINK = LinkSecurity()


class PinMismatch(ssl.SSLError):
    """The centre's certificate key is not the one pinned at enrollment."""


class _PinnedSocket(ssl.SSLSocket):
    def do_handshake(self, block: bool = False) -> None:
        super().do_handshake(block)
        # After the CA and host name checks, before any request is written.
        self.context.check_peer(self)


class _PinnedObject(ssl.SSLObject):
    """The same check where TLS runs over memory buffers (through an HTTPS proxy)."""

    def do_handshake(self) -> None:
        super().do_handshake()
        self.context.check_peer(self)


class PinningContext(ssl.SSLContext):
    """A client TLS context that records the peer certificate's key and, once one is pinned,
    refuses any other."""

    sslsocket_class = _PinnedSocket
    sslobject_class = _PinnedObject
    pin: str | None = None
    seen: str | None = None

    def check_peer(self, sock: ssl.SSLSocket | ssl.SSLObject) -> None:
        der = sock.getpeercert(binary_form=True)
        seen = spki_sha256(der) if der else None
        self.seen = seen
        if self.pin is not None and seen != self.pin:
            raise PinMismatch("the centre's certificate key is not the pinned one")


def spki_sha256(certificate_der: bytes) -> str:
    """SHA-256 (hex) of a DER certificate's SubjectPublicKeyInfo: what stays the same when a
    certificate is renewed with the same key."""
    public = x509.load_der_x509_certificate(certificate_der).public_key()
    return hashlib.sha256(
        public.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    ).hexdigest()


def tls_context(link: LinkSecurity) -> PinningContext:
    context = PinningContext(ssl.PROTOCOL_TLS_CLIENT)  # verifies certificate and host name
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    # Explicit roots: OpenSSL's defaults would follow SSL_CERT_FILE / SSL_CERT_DIR.
    context.load_verify_locations(cafile=link.ca_file or certifi.where())
    context.pin = link.tls_pin
    return context


def default_http(base_url: str, link: LinkSecurity = PLAIN_LINK) -> httpx.Client:
    context = tls_context(link)
    client = httpx.Client(
        base_url=base_url,
        timeout=httpx.Timeout(TIMEOUT_S, connect=5.0),
        verify=context,
        trust_env=link.system_proxy,
    )
    client.tls_context = context  # type: ignore[attr-defined]  # the key seen, for the pin
    return client


def is_loopback(host: str) -> bool:
    host = host.strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def normalize_url(url: str, insecure: bool = False) -> str:
    """The centre's address as kept: `sync.bad_url` when it is not one, `sync.insecure_url`
    for plain HTTP to anything but loopback unless `insecure` was asked for."""
    url = url.strip().rstrip("/")
    if not url.startswith(("http://", "https://")) or len(url) > 300 or " " in url:
        raise SyncError(codes.SYNC_BAD_URL)
    try:
        host = httpx.URL(url).host
    except (httpx.InvalidURL, ValueError) as exc:
        raise SyncError(codes.SYNC_BAD_URL) from exc
    if not host:
        raise SyncError(codes.SYNC_BAD_URL)
    if url.startswith("http://") and not insecure and not is_loopback(host):
        raise SyncError(codes.SYNC_INSECURE_URL)
    return url


class CentralClient:
    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        http: HttpFactory | None = None,
        link: LinkSecurity = PLAIN_LINK,
    ) -> None:
        self.base_url = normalize_url(base_url, link.insecure)
        self.token = token
        if http is not None:
            self._http = http(self.base_url)
        elif link == PLAIN_LINK:
            self._http = default_http(self.base_url)
        else:
            self._http = default_http(self.base_url, link)

    @property
    def seen_tls_pin(self) -> str | None:
        """The certificate key of the last TLS handshake (None on plain HTTP)."""
        context = getattr(self._http, "tls_context", None)
        return context.seen if context is not None else None

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> "CentralClient":
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def enroll(self, body: dict[str, Any]) -> dict[str, Any]:
        return self._request("POST", "/v1/enroll", json=body)

    def push(
        self,
        operations: list[dict[str, Any]],
        device_now: datetime | None = None,
        audit: dict[str, Any] | None = None,
        queue: int | None = None,
    ) -> dict[str, Any]:
        # The counter's clock goes with each push: the centre measures its skew and flags
        # what a counter with a wrong clock sends. `audit`: the audit log's head, anchored.
        # `queue`: how many operations wait here, shown to head office with our version.
        extra = {"X-Device-Time": device_now.isoformat()} if device_now else {}
        if queue is not None:
            extra |= {"X-Counter-Version": VERSION, "X-Counter-Queue": str(queue)}
        body: dict[str, Any] = {"operations": operations}
        if audit is not None:
            body["audit"] = audit
        # orjson: the standard encoder took a third of a send's time on 1,000 operations.
        extra["Content-Type"] = "application/json"
        answer = self._request("POST", "/v1/push", content=orjson.dumps(body), extra=extra)
        if not isinstance(answer.get("results"), list) or "next_expected_seq" not in answer:
            raise SyncError(codes.SYNC_PROTOCOL)
        return answer

    def identity(self) -> dict[str, Any]:
        answer = self._request("GET", "/v1/identity")
        if not isinstance(answer.get("centre_key"), str) or not answer.get("chain_id"):
            raise SyncError(codes.SYNC_PROTOCOL)
        return answer

    def pull(self, after: int, limit: int) -> dict[str, Any]:
        answer = self._request("GET", "/v1/pull", params={"after": after, "limit": limit})
        if not isinstance(answer.get("changes"), list) or "cursor" not in answer:
            raise SyncError(codes.SYNC_PROTOCOL)
        return answer

    def _request(
        self, method: str, path: str, extra: dict[str, str] | None = None, **kwargs: Any
    ) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        headers |= extra or {}
        try:
            response = self._http.request(method, path, headers=headers, **kwargs)
        except httpx.TransportError as exc:  # connect, read, write, timeouts, protocol
            raise SyncError(_transport_code(exc)) from exc
        if response.status_code >= 400:
            code, params = None, {}
            with contextlib.suppress(ValueError, AttributeError):
                answer = response.json()
                code, params = answer.get("code"), _error_params(answer.get("params"))
            if code:
                raise SyncError(str(code), **params)
            if response.status_code >= 500:
                raise SyncError(codes.SYNC_SERVER_ERROR, status=response.status_code)
            raise SyncError(codes.SYNC_PROTOCOL, status=response.status_code)
        try:
            # orjson: a first pull parses a million members' worth of pages.
            answer = orjson.loads(response.content)
        except ValueError:
            answer = _lenient_json(response.content)
        if not isinstance(answer, dict):
            raise SyncError(codes.SYNC_PROTOCOL)
        return answer


def _error_params(raw: object) -> dict[str, str]:
    """What the centre says to fill its refusal's message: short strings under plain names."""
    if not isinstance(raw, dict):
        return {}
    return {
        key: value[:120]
        for key, value in list(raw.items())[:8]
        if isinstance(key, str) and key.isidentifier() and key != "code" and isinstance(value, str)
    }


def _transport_code(exc: BaseException) -> str:
    """A refused certificate is not the network being down: it says so."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, PinMismatch):
            return "sync.pin_mismatch"
        if isinstance(seen, ssl.SSLCertVerificationError):
            return "sync.tls_untrusted"
        seen = seen.__cause__ or seen.__context__
    return "sync.offline"


def _lenient_json(content: bytes) -> Any:
    """orjson refuses a whole page for one NaN in one body; the standard parser reads it, so
    that body alone is refused later (services.sync.quarantine) and the rest applied. Not
    JSON at all: the answer as a whole is `sync.protocol`."""
    try:
        return json.loads(content)
    except (ValueError, RecursionError) as exc:
        raise SyncError(codes.SYNC_PROTOCOL) from exc
