"""`HostileCounter`: a device enrolled through the real API that pushes hand-made envelopes.

It builds what an honest counter builds (canonical JSON, its SHA-256, the next sequence
number) and lets a test change any of it: another device's id, a wrong hash, a payload text
that is not canonical, NaN, a device time in year 1. It keeps no outbox: the sequence number
follows the centre's `next_expected_seq`, so a refused request does not make a gap.
"""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from common.ids import new_id

DEVICE_TIME = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)
_UNSET: Any = object()
DROPPED = 599  # the status a test sees when the centre dropped the connection instead


def canonical(payload: Any) -> str:
    """The counter's canonical payload text (services/core/journal.py): sorted keys, compact,
    non-ASCII as is. NaN and Infinity are written as JSON's non-standard tokens, which is
    what a broken counter would send."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def public_hex(key: Ed25519PrivateKey) -> str:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()


def new_public_key() -> str:
    return public_hex(Ed25519PrivateKey.generate())


def proof_hex(key: Ed25519PrivateKey | None, body: dict) -> str | None:
    """The signature of the enrollment request by the key it enrolls (proof that the
    counter holds the private half), or None when the protocol has no such message yet or
    the test has no private key (someone else's public key)."""
    try:
        from services.rules.enrollment import enrollment_message
    except ImportError:
        return None
    if key is None:
        return "00" * 64
    try:
        message = enrollment_message(
            body["code"], body["device_id"], bytes.fromhex(body["public_key"]), body["store_code"]
        )
    except (ValueError, TypeError, AttributeError):
        return "00" * 64
    return key.sign(message).hex()


def enroll_body(code: str, key: Ed25519PrivateKey | None = _UNSET, **overrides: Any) -> dict:
    """An enrollment request, signed by `key` (a fresh one unless given; None: unsigned, as
    by someone who only knows a public key). Overrides change any field before signing."""
    if key is _UNSET:
        key = Ed25519PrivateKey.generate()
    body = {
        "code": code,
        "device_id": new_id(),
        "public_key": public_hex(key) if key is not None else new_public_key(),
        "label": new_id()[-6:],
        "store_id": new_id(),
        "store_code": None,
    }
    body.update(overrides)
    proof = proof_hex(key, body)
    if proof is not None:
        body.setdefault("proof", proof)
    return body


def post_json(http: httpx.Client, path: str, body: Any, headers: dict | None = None):
    """A POST whose body is written here (ASCII JSON, NaN allowed), so lone surrogates and
    non-finite numbers reach the centre as a broken client would send them."""
    text = json.dumps(body, ensure_ascii=True, allow_nan=True).encode()
    headers = {"Content-Type": "application/json", **(headers or {})}
    try:
        return http.post(path, content=text, headers=headers)
    except httpx.TransportError:
        pass
    # A kept-alive connection the centre broke while answering an earlier request (a crash
    # in its response) fails the next one: that request is tried once on a new connection,
    # as a counter would, so a crash is counted against the request that caused it.
    try:
        return http.post(path, content=text, headers=headers)
    except httpx.TransportError as dropped:
        # No answer at all: what a handler that crashed while answering does. A 5xx here.
        return httpx.Response(DROPPED, text=f"no answer: {type(dropped).__name__} {dropped}")


@dataclass
class HostileCounter:
    http: httpx.Client
    device_id: str
    token: str
    store_id: str  # the id the counter made before it enrolled: its envelopes carry it
    centre_store_id: str
    chain_id: str
    public_key: str
    next_seq: int = 1
    answers: list = field(default_factory=list)

    @classmethod
    def enroll(cls, http: httpx.Client, code: str, **overrides: Any) -> "HostileCounter":
        body = enroll_body(code, **overrides)
        answer = post_json(http, "/v1/enroll", body)
        assert answer.status_code == 200, answer.text
        got = answer.json()
        return cls(
            http,
            got["device_id"],
            got["token"],
            body["store_id"] or got["store"]["id"],
            got["store"]["id"],
            got["chain_id"],
            body["public_key"],
        )

    @property
    def auth(self) -> dict:
        return {"Authorization": f"Bearer {self.token}"}

    def op(
        self,
        op_type: str,
        payload: Any,
        *,
        seq: int | None = None,
        op_id: str | None = None,
        device_id: str = _UNSET,
        store_id: str = _UNSET,
        version: int = 1,
        device_time: Any = DEVICE_TIME,
        text: str | None = None,
        payload_hash: str | None = None,
        staff_id: str | None = None,
    ) -> dict:
        """One envelope; the payload is canonical JSON unless `text` is given."""
        body = canonical(payload) if text is None else text
        return {
            "id": op_id or new_id(),
            "device_id": self.device_id if device_id is _UNSET else device_id,
            "seq": seq,  # filled in by push when None
            "type": op_type,
            "version": version,
            "payload": body,
            "payload_hash": payload_hash or digest(body),
            "store_id": self.store_id if store_id is _UNSET else store_id,
            "staff_id": staff_id,
            "device_time": device_time.isoformat()
            if isinstance(device_time, datetime)
            else device_time,
        }

    def push(self, *ops: dict, headers: dict | None = None) -> httpx.Response:
        """Sends the envelopes (numbering those without a seq from `next_seq`); a 200 moves
        `next_seq` to what the centre expects next."""
        seq = self.next_seq
        for op in ops:
            if op["seq"] is None:
                op["seq"] = seq
                seq += 1
        answer = post_json(
            self.http, "/v1/push", {"operations": list(ops)}, {**self.auth, **(headers or {})}
        )
        self.answers.append(answer)
        if answer.status_code == 200:
            self.next_seq = answer.json()["next_expected_seq"]
        return answer

    def send(self, op_type: str, payload: Any, **kwargs: Any) -> dict:
        """One operation pushed alone; its result (the request must be answered 200)."""
        answer = self.push(self.op(op_type, payload, **kwargs))
        assert answer.status_code == 200, (answer.status_code, answer.text[:500])
        results = answer.json()["results"]
        assert len(results) == 1, answer.text[:500]
        return results[0]

    def pull_all(self, after: int = 0, limit: int = 1000) -> list[dict]:
        """Every change this counter may see after `after`, following the cursor."""
        changes: list[dict] = []
        while True:
            answer = self.http.get(f"/v1/pull?after={after}&limit={limit}", headers=self.auth)
            assert answer.status_code == 200, answer.text[:500]
            page = answer.json()
            changes += page["changes"]
            after = page["cursor"]
            if not page["more"]:
                return changes
