"""A fake centre (a man in the middle, or a centre that is not the one pinned) answers a pull
with a trusted key of its own, a rule set and an altered event: each is quarantined with
`sync.bad_signature` and never applied, so a member card signed with the forged key is still
refused at check-in. What the real centre signed is applied; members need no signature."""

import json
import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy import text

from central import admin
from central.__main__ import main as central_cli
from central.app import create_app
from central.signing import KEY_FILE_ENV, centre_key
from common.codec import encode_base32
from common.keys import key_id_for
from services import sync
from services.core.errors import LoyaltyError
from services.members.check_in import check_in
from services.members.codes import _LAYOUT, PREFIX, VERSION
from services.rules.change_signature import (
    canonical_json,
    change_message,
    fingerprint,
    signature_valid,
)
from services.sync import quarantine as sync_quarantine
from tests.central.harness import (  # noqa: F401  (fixtures)
    CENTRAL_URL,
    central,
    central_sqlite,
    make_counter,
)
from tests.factories import register
from tests.integration.sync_helpers import raw

ATTACKER = Ed25519PrivateKey.generate()
ATTACKER_PUBLIC = ATTACKER.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


@pytest.fixture
def central_fixture_for_counters(central_sqlite):
    central_sqlite.create_store()
    return central_sqlite


class ForgingCentre:
    """Answers pushes `applied` and a pull after `after` with `changes` (as given)."""

    def __init__(self, after: int, changes: list[dict]) -> None:
        self.after, self.changes = after, changes

    def handle(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/pull":
            cursor = int(request.url.params["after"])
            changes = self.changes if cursor == self.after else []
            last = max([c["seq"] for c in changes], default=cursor)
            page = {"changes": changes, "cursor": last, "more": False, "server_time": None}
            return httpx.Response(200, json=page)
        ops = json.loads(request.content)["operations"]
        results = [{"id": o["id"], "seq": o["seq"], "result": "applied"} for o in ops]
        answer = {"results": results, "next_expected_seq": ops[-1]["seq"] + 1 if ops else 1}
        return httpx.Response(200, json=answer)

    def http(self, _url: str) -> httpx.Client:
        return httpx.Client(base_url=CENTRAL_URL, transport=httpx.MockTransport(self.handle))


def forged_card(member_id: str, key: Ed25519PrivateKey, public: bytes) -> str:
    issued = int(datetime(2026, 3, 1, tzinfo=UTC).timestamp())
    body = _LAYOUT.pack(VERSION, key_id_for(public), uuid.UUID(member_id).bytes, 1, issued)
    return PREFIX + encode_base32(body + key.sign(body))


def centre_changes(central, *kinds: str) -> list[dict]:
    rows = central.rows("SELECT seq, kind, key, body, sig FROM change ORDER BY seq")
    return [
        {"seq": r.seq, "kind": r.kind, "key": r.key, "body": json.loads(r.body), "sig": r.sig}
        for r in rows
        if r.kind in kinds
    ]


def load(central, kind: str, item: dict) -> None:
    with central.session() as s, s.begin():
        admin.load_reference(s, central.chain, kind, [item], datetime.now(UTC))


def event_item(start: datetime) -> dict:
    return {
        "code": "GALA",
        "name": "年会",
        "place": "总部",
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=3)).isoformat(),
        "capacity": 100,
    }


def gift_item() -> dict:
    return {"sku": "G-MUG", "name_zh": "马克杯", "name_en": "Mug", "points_price": 500}


def trusted_key_change(seq: int, public: bytes, **extra) -> dict:
    body = {"key_id": key_id_for(public).hex(), "public_key": public.hex(), "owner": "device:x"}
    return {"seq": seq, "kind": "trusted_key", "key": body["key_id"], "body": body} | extra


def self_signed(change: dict, chain_id: str, key: Ed25519PrivateKey) -> dict:
    message = change_message(
        chain_id, change["seq"], change["kind"], change["key"], canonical_json(change["body"])
    )
    return change | {"sig": key.sign(message).hex()}


def counter_rows(counter, sql: str) -> list:
    conn = raw(counter)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_a_forged_pull_is_quarantined_and_a_card_signed_with_its_key_still_refused(
    make_counter, central_sqlite
):
    a = make_counter("1")
    member = register(a)
    assert a.cycle().ok
    cursor = sync.load_state(a.runtime.reader).cursor
    chain_id = sync.load_state(a.runtime.reader).chain_id
    load(central_sqlite, "event", event_item(a.runtime.now()))
    load(central_sqlite, "gift", gift_item())
    [event, gift] = centre_changes(central_sqlite, "event", "gift")
    seq = gift["seq"]

    forged = [
        gift,  # the real centre's, as it signed it: applied
        trusted_key_change(seq + 1, ATTACKER_PUBLIC),  # no signature
        self_signed(trusted_key_change(seq + 2, ATTACKER_PUBLIC), chain_id, ATTACKER),
        {
            "seq": seq + 3,
            "kind": "rules",
            "key": "9",
            "body": {"version": 9, "points_per_yuan": 50},
            "sig": "ab" * 64,
        },
        event | {"body": event["body"] | {"capacity": 100_000}},  # altered, signature kept
        gift | {"seq": seq + 4, "key": "G-OTHER"},  # a real signature replayed elsewhere
    ]
    a.http = ForgingCentre(cursor, forged).http
    report = a.cycle()

    assert report.ok and report.quarantined == 5
    held = sorted(
        (q.seq, q.kind, q.code) for q in sync_quarantine.list_quarantined(a.runtime.reader)
    )
    assert held == [
        (event["seq"], "event", "sync.bad_signature"),
        (seq + 1, "trusted_key", "sync.bad_signature"),
        (seq + 2, "trusted_key", "sync.bad_signature"),
        (seq + 3, "rules", "sync.bad_signature"),
        (seq + 4, "gift", "sync.bad_signature"),
    ]
    assert counter_rows(a, "SELECT sku FROM gift") == [("G-MUG",)]
    trusted = counter_rows(a, "SELECT key_id FROM trusted_key")
    assert (key_id_for(ATTACKER_PUBLIC).hex(),) not in trusted
    assert counter_rows(a, "SELECT version FROM rule_set WHERE version = 9") == []
    assert counter_rows(a, "SELECT capacity FROM event") == []

    card = forged_card(member.id, ATTACKER, ATTACKER_PUBLIC)
    with pytest.raises(LoyaltyError) as refused:
        check_in(a.runtime.writer(), a.manager, a.runtime.now(), card)
    assert refused.value.code == "qr.unknown_key"


def test_the_centres_pull_signs_everything_but_members_with_the_key_given_at_enrollment(
    make_counter, central_sqlite
):
    a = make_counter("1")
    register(a)
    load(central_sqlite, "gift", gift_item())
    assert a.cycle().ok
    pinned = sync.load_state(a.runtime.reader).centre_key
    with central_sqlite.session() as s:
        assert centre_key(s).public_hex == pinned
    rows = central_sqlite.rows("SELECT kind, sig FROM change")
    assert {kind for kind, sig in rows if sig is None} == {"member"}
    assert {"trusted_key", "gift"} <= {kind for kind, sig in rows if sig is not None}
    # What the counter took from the centre's own feed: its device key, the gift.
    assert counter_rows(a, "SELECT sku FROM gift") == [("G-MUG",)]
    assert sync_quarantine.list_quarantined(a.runtime.reader) == []


def test_a_centre_upgraded_to_signing_signs_its_existing_feed_at_start(central):
    central.create_store()
    load(central, "gift", gift_item())
    with central.engine.begin() as conn:
        conn.execute(text("UPDATE change SET sig = NULL"))
    create_app(central.engine)  # a start
    [gift] = centre_changes(central, "gift")
    with central.session() as s:
        key = centre_key(s)
    chain_id = central.scalar("SELECT id FROM chain")
    assert signature_valid(key.private.public_key(), chain_id, gift)
    assert central.scalar("SELECT count(*) FROM change WHERE sig IS NULL AND kind <> 'member'") == 0


def test_the_signing_key_command_and_a_key_file(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path}/central.sqlite3"
    assert central_cli(["--db", url, "signing-key"]) == 0
    first = capsys.readouterr().out
    assert central_cli(["--db", url, "signing-key"]) == 0
    assert capsys.readouterr().out == first  # made once, kept in the database

    raw = Ed25519PrivateKey.generate()
    key_file = tmp_path / "centre-signing.key"
    key_file.write_text(raw.private_bytes_raw().hex())
    public = raw.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    monkeypatch.setenv(KEY_FILE_ENV, "")  # so the key file the command sets is undone after
    assert central_cli(["--db", url, "--signing-key-file", str(key_file), "signing-key"]) == 0
    out = capsys.readouterr().out
    assert public.hex() in out and fingerprint(public) in out
    assert public.hex() not in first


def test_a_counter_enrolled_before_signing_pins_the_key_once(make_counter, central_sqlite):
    a = make_counter("1")
    conn = raw(a)
    conn.execute("UPDATE sync_state SET centre_key = NULL, chain_id = NULL")
    conn.commit()
    conn.close()
    load(central_sqlite, "gift", gift_item())
    assert a.cycle().ok
    state = sync.load_state(a.runtime.reader)
    assert state.centre_key == central_sqlite.app.state.centre_key.public_hex
    assert counter_rows(a, "SELECT sku FROM gift") == [("G-MUG",)]

    # Pinned once: a centre answering with another key later changes nothing.
    other = Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    answers = {"centre_key": other.hex(), "chain_id": state.chain_id, "fingerprint": ""}
    a.http = lambda _url: httpx.Client(
        base_url=CENTRAL_URL,
        transport=httpx.MockTransport(lambda r: httpx.Response(200, json=answers)),
    )
    a.cycle()
    assert sync.load_state(a.runtime.reader).centre_key == state.centre_key
