"""Receipt patterns from head office: the counter takes a store's set from the signed feed
and a scan then reads with it; a set it cannot take is quarantined and the patterns in use
stay; a manager's local edit is kept until head office sends its next set."""

import json
from datetime import UTC, datetime

import pytest

from central.console.audit import Who
from central.console.pos import set_patterns
from central.feed import PendingChanges, flush_changes
from central.models import Store
from services import sync
from services.core.errors import ValidationError
from services.core.settings import change_setting, load_settings
from services.pos import DEFAULT_PATTERNS, PRESETS, parse_receipt
from services.sync import quarantine as sync_quarantine

TILL = {
    "name": "till",
    "kind": "regex",
    "expression": r"TILL(?P<receipt>[0-9]{6})\*(?P<amount>[0-9]+\.[0-9]{2})",
}
HEAD_OFFICE = Who("u1", "总部运营", "admin", None, "127.0.0.1")


def send_patterns(central, patterns) -> int:
    with central.session() as s, s.begin():
        store = s.query(Store).one()
        return set_patterns(s, HEAD_OFFICE, store, patterns, datetime.now(UTC))


def publish_unchecked(central, body_patterns, version: int, named_store: str | None = None):
    """A signed change no schema looked at (a centre with an older or broken check), sent to
    the store's counters, naming `named_store` in its body if given."""
    with central.session() as s, s.begin():
        store = s.query(Store).one()
        changes = PendingChanges(store.chain_id)
        body = {
            "store_id": named_store or store.id,
            "version": version,
            "patterns": body_patterns,
            "by": "总部",
            "at": datetime.now(UTC).isoformat(),
        }
        changes.rows[(store.id, "receipt_patterns", store.id)] = body
        flush_changes(s, changes)


def patterns_of(counter) -> list:
    return load_settings(counter.runtime.reader()).receipt_patterns


def test_the_counter_takes_head_offices_patterns_and_scans_with_them(central, make_counter):
    central.create_store()
    counter = make_counter()
    assert counter.cycle().ok
    with pytest.raises(ValidationError):  # the defaults cannot read this till's codes
        parse_receipt("TILL000123*58.00", patterns_of(counter))
    send_patterns(central, [TILL, PRESETS["fapiao"]])
    report = counter.cycle()
    assert report.ok and report.quarantined == 0
    assert patterns_of(counter) == [TILL, PRESETS["fapiao"]]
    scan = parse_receipt("TILL000123*58.00", patterns_of(counter))
    assert (scan.receipt, scan.amount_fen, scan.pattern) == ("000123", 5800, "till")


def test_a_local_edit_is_kept_until_head_offices_next_set(central, make_counter):
    central.create_store()
    counter = make_counter()
    send_patterns(central, [TILL])
    assert counter.cycle().ok and patterns_of(counter) == [TILL]
    rt = counter.runtime
    change_setting(rt.writer(), counter.manager, rt.now(), "receipt_patterns", [PRESETS["json"]])
    assert counter.cycle().ok and patterns_of(counter) == [PRESETS["json"]]
    send_patterns(central, [TILL, PRESETS["json"]])
    assert counter.cycle().ok and patterns_of(counter) == [TILL, PRESETS["json"]]


BAD = [{"name": "till", "kind": "regex", "expression": "(?P<receipt>[0-9]+"}]


def test_a_pattern_the_counter_cannot_read_is_quarantined_and_the_old_one_kept(
    central, make_counter
):
    central.create_store()
    counter = make_counter()
    assert counter.cycle().ok
    publish_unchecked(central, BAD, 1)
    report = counter.cycle()
    assert report.quarantined == 1
    [held] = sync.list_quarantined(counter.runtime.reader)
    assert (held.kind, held.code) == ("receipt_patterns", "change.bad_body")
    assert patterns_of(counter) == DEFAULT_PATTERNS


def test_a_bad_set_past_the_schema_is_refused_by_the_counters_own_rules(
    central, make_counter, monkeypatch
):
    """A counter whose schema let it through (an older one) still checks the set with the
    manager editor's rules before it replaces anything."""
    monkeypatch.setattr(sync_quarantine, "validate_change", lambda kind, body: body)
    central.create_store()
    counter = make_counter()
    send_patterns(central, [TILL])
    assert counter.cycle().ok and patterns_of(counter) == [TILL]
    publish_unchecked(central, BAD, 2)
    report = counter.cycle()
    assert report.quarantined == 1
    [held] = sync.list_quarantined(counter.runtime.reader)
    assert (held.kind, held.code) == ("receipt_patterns", "change.not_applied")
    assert "receipt.bad_pattern" in held.detail
    assert patterns_of(counter) == [TILL]


def test_a_set_naming_another_store_is_quarantined_and_the_old_one_kept(central, make_counter):
    """The feed reaches this store's counters, but the body names another store: a centre's
    slip is not taken as this store's patterns."""
    central.create_store()
    counter = make_counter()
    assert counter.cycle().ok
    publish_unchecked(central, [TILL], 1, named_store="0" * 8 + "-0000-4000-8000-" + "0" * 12)
    report = counter.cycle()
    assert report.quarantined == 1
    [held] = sync.list_quarantined(counter.runtime.reader)
    assert (held.kind, held.code) == ("receipt_patterns", "change.not_applied")
    assert "change.other_store" in held.detail
    assert patterns_of(counter) == DEFAULT_PATTERNS


def test_two_sets_saved_at_once_get_their_own_versions(central):
    """Two people save a store's patterns at the same moment: the second waits for the first
    and publishes the next version, so no counter keeps a set the centre has replaced."""
    if central.engine.dialect.name != "postgresql":
        pytest.skip("SQLite serializes the whole database: the second writer is refused")
    import threading

    central.create_store()
    send_patterns(central, [TILL])
    first = central.session()
    first.begin()
    store = first.query(Store).one()
    versions = [set_patterns(first, HEAD_OFFICE, store, [PRESETS["json"]], datetime.now(UTC))]
    second = threading.Thread(target=lambda: versions.append(send_patterns(central, [TILL])))
    second.start()
    second.join(0.5)  # saving while the first is not yet committed
    first.commit()
    first.close()
    second.join(10)
    assert versions == [2, 3]
    rows = central.rows("SELECT body FROM change WHERE kind = 'receipt_patterns' ORDER BY seq")
    assert [json.loads(r.body)["version"] for r in rows] == [1, 2, 3]
