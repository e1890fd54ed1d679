"""Guards in front of the API: a cap on request size, and a brake on enrollment attempts
(a one-time code is short enough to be guessed by someone who may try without limit)."""

import ipaddress
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Mapping

from starlette.types import ASGIApp, Receive, Scope, Send

MAX_BODY_BYTES = 8 * 1024 * 1024  # a full push batch of 2,000 operations is about 2 MB
ENROLL_ATTEMPTS = 10  # per client address ...
ENROLL_WINDOW_S = 60.0  # ... per minute
# All addresses together, per window: a chain enrolls a few counters a day, while someone
# rotating addresses (a botnet, an IPv6 range) gets no more than this many guesses.
ENROLL_GLOBAL_ATTEMPTS = 60
ENROLL_ADDRESSES = 10_000  # addresses remembered; the least recently seen are forgotten
IPV6_PREFIX = 64  # one IPv6 client owns a whole /64: its addresses count as one


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
    """At most `attempts` enrollment requests per client address and `overall` across all
    addresses per window. It remembers at most `addresses` addresses (about 100 bytes and
    `attempts` times each): when a new one comes and the table is full, the least recently
    seen goes, so a client rotating addresses cannot grow it; what that forgets is bounded by
    the overall cap."""

    def __init__(
        self,
        attempts: int = ENROLL_ATTEMPTS,
        window: float = ENROLL_WINDOW_S,
        clock: Callable[[], float] = time.monotonic,
        overall: int = ENROLL_GLOBAL_ATTEMPTS,
        addresses: int = ENROLL_ADDRESSES,
    ) -> None:
        self.attempts, self.window, self.clock = attempts, window, clock
        self.overall, self.addresses = overall, addresses
        self.seen: OrderedDict[str, deque[float]] = OrderedDict()
        self.everyone: deque[float] = deque()

    def allow(self, client: str) -> bool:
        now = self.clock()
        _forget_before(self.everyone, now - self.window)
        recent = self.seen.pop(client, None)
        if recent is None:
            recent = deque()
            while len(self.seen) >= self.addresses:
                self.seen.popitem(last=False)
        self.seen[client] = recent  # now the most recently seen
        _forget_before(recent, now - self.window)
        if len(recent) >= self.attempts or len(self.everyone) >= self.overall:
            return False
        recent.append(now)
        self.everyone.append(now)
        return True


def _forget_before(times: deque[float], oldest: float) -> None:
    while times and times[0] < oldest:
        times.popleft()


# the client's address ---------------------------------------------------------------------


def parse_trusted_proxies(text: str | Iterable[str] | None) -> tuple:
    """Addresses or networks (`10.0.0.5`, `10.0.0.0/8`, `::1`), comma-separated or a list;
    a malformed one is an error at start-up rather than a proxy silently not trusted."""
    if text is None:
        return ()
    items = text.split(",") if isinstance(text, str) else list(text)
    return tuple(ipaddress.ip_network(item.strip(), strict=False) for item in items if item.strip())


def client_address(peer: str | None, headers: Mapping[str, str], trusted: tuple) -> str:
    """Whom to brake: the peer itself, unless the peer is a trusted proxy; then the address
    the proxies say they were reached from (`X-Forwarded-For`, else `Forwarded`), read from
    the right: the first hop that is not a trusted proxy is the client, and what stands left
    of it the client may have written itself. IPv6 addresses count by their /64."""
    hops = [peer or "unknown"]
    if trusted and _is_trusted(peer, trusted):
        hops = _forwarded_hops(headers) or hops
    chosen = hops[0]
    for hop in reversed(hops):
        chosen = hop
        if not _is_trusted(hop, trusted):
            break
    return _counted_as(chosen)


def _forwarded_hops(headers: Mapping[str, str]) -> list[str]:
    # X-Forwarded-For first: it is what Caddy, nginx and HAProxy append to. A proxy that
    # writes only `Forwarded` must drop an X-Forwarded-For its client sent.
    xff = _all_values(headers, "x-forwarded-for")
    if xff:
        return [_strip_port(hop.strip()) for hop in xff.split(",") if hop.strip()]
    hops = []
    for element in _all_values(headers, "forwarded").split(","):
        for pair in element.split(";"):
            name, _, value = pair.strip().partition("=")
            if name.lower() == "for":
                hops.append(_strip_port(value.strip().strip('"')))
    return hops


def _all_values(headers: Mapping[str, str], name: str) -> str:
    """Every line of a header, in order, as one list: a proxy may add its own line (HAProxy
    does) after the one its client wrote, and the first line alone would be the client's."""
    getlist = getattr(headers, "getlist", None)
    if getlist is not None:
        return ",".join(getlist(name))
    return headers.get(name) or ""


def _strip_port(value: str) -> str:
    if value.startswith("["):  # [2001:db8::1]:4711
        return value[1 : value.find("]")] if "]" in value else value
    if value.count(":") == 1:  # 192.0.2.1:4711
        return value.partition(":")[0]
    return value


def _is_trusted(address: str | None, trusted: tuple) -> bool:
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return False
    return any(ip in network for network in trusted)


def _counted_as(address: str) -> str:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address[:64]  # "unknown", a proxy's obfuscated name: counted as written
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped is not None:  # ::ffff:192.0.2.1 is 192.0.2.1
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/{IPV6_PREFIX}", strict=False))


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
