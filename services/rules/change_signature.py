"""The centre's signature of a published change, pure: what is signed and which kinds must be.

Everything that decides trust at a counter (trusted keys and their revocations, rule sets,
stores, gifts, coupon templates, events, coupon states, conflicts) is signed by the centre's
Ed25519 key, which the counter pinned at enrollment. Members are not trust decisions and a
first pull carries a million of them: they go unsigned.

The signed message is the canonical JSON (sorted keys, compact, UTF-8) of the change's
chain id, feed number, kind, key and body, after a purpose line: a signature for one chain,
number or key proves nothing for another, and nothing else the centre signs can pass for it.
"""

import hashlib
import json
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from common.canonical import canonical_json

PURPOSE = b"loyalty.change.v1\n"
UNSIGNED_KINDS = frozenset({"member"})
SIGNATURE_HEX = 128


def must_be_signed(kind: str) -> bool:
    return kind not in UNSIGNED_KINDS


def change_message(chain_id: str, seq: int, kind: str, key: Any, body_text: str) -> bytes:
    """The bytes signed for one change; `body_text` is the body's canonical JSON. Spliced in
    the sorted order of the fields (body, chain, key, kind, seq), which is exactly
    canonical_json of the whole, without parsing the stored body again."""
    text = (
        f'{{"body":{body_text},"chain":{canonical_json(chain_id)},'
        f'"key":{canonical_json(key)},"kind":{canonical_json(kind)},"seq":{canonical_json(seq)}}}'
    )
    return PURPOSE + text.encode("utf-8")


def as_received(body_text: str) -> str:
    """The body's canonical text as a counter makes it from what it parsed: stored text
    with non-string keys (sorted as numbers there, as text once parsed) would differ."""
    return canonical_json(json.loads(body_text))


def signature_valid(public_key: Ed25519PublicKey, chain_id: str, change: dict) -> bool:
    """Whether `change` (seq, kind, key, body, sig as pulled) carries the centre's valid
    signature for this chain."""
    sig, seq = change.get("sig"), change.get("seq")
    if not isinstance(sig, str) or len(sig) != SIGNATURE_HEX:
        return False
    if not isinstance(seq, int) or isinstance(seq, bool):
        return False
    try:
        raw = bytes.fromhex(sig)
        body_text = canonical_json(change.get("body"))
        message = change_message(chain_id, seq, change["kind"], change["key"], body_text)
        public_key.verify(raw, message)
    except (InvalidSignature, ValueError, TypeError, KeyError, RecursionError):
        return False
    return True


def fingerprint(public_key: bytes) -> str:
    """What an operator compares by eye: SHA-256 of the raw key, in groups of four."""
    digest = hashlib.sha256(public_key).hexdigest()
    return ":".join(digest[i : i + 4] for i in range(0, 32, 4))
