"""The change feed a counter pulls: its own store's rows and the chain's, in order, each once,
however many rows of other stores lie between (SQLite and PostgreSQL)."""

from hypothesis import given
from hypothesis import strategies as st

from central import feed
from central.admin import chain_by_name
from central.feed import PendingChanges, changes_after, flush_changes
from central.ids import new_id
from common.canonical import canonical_json
from tests.conftest import START

KIND = "coupon_unused"


def publish(central, chain_id: str, rows: list[tuple[str | None, str]]) -> None:
    with central.session() as s, s.begin():
        pending = PendingChanges(chain_id)
        for store_id, key in rows:
            # any kind will do; its body must be one a counter accepts
            pending.add(KIND, key, {"coupon_id": new_id()}, store_id=store_id)
        flush_changes(s, pending)


def read_all(central, chain_id: str, store_id: str, limit: int) -> tuple[list[str], int]:
    """Every key a store's counter pulls, page by page; and how many pages it took."""
    keys, cursor, pages, more = [], 0, 0, True
    while more:
        with central.session() as s, s.begin():
            changes, new_cursor, more = changes_after(s, chain_id, store_id, cursor, limit)
        assert new_cursor >= cursor
        cursor, pages = new_cursor, pages + 1
        keys += [c["key"] for c in changes if c["kind"] == KIND]
        assert len(changes) <= limit
    return keys, pages


def test_a_store_pulls_its_rows_and_the_chains_past_many_rows_of_other_stores(central, monkeypatch):
    here, there = central.create_store(), central.create_store("S2", "二店")
    with central.session() as s, s.begin():
        chain_id = chain_by_name(s, central.chain, START).id
    publish(central, chain_id, [(None, "all-1"), (here.id, "here-1")])
    publish(central, chain_id, [(there.id, f"there-{i}") for i in range(300)])
    publish(central, chain_id, [(here.id, "here-2"), (None, "all-2")])
    publish(central, chain_id, [(there.id, f"there-x{i}") for i in range(50)])

    monkeypatch.setattr(feed, "SCAN_WINDOWS", 3)  # a page looks at most 3 x limit rows ahead
    keys, pages = read_all(central, chain_id, here.id, limit=10)
    assert keys == ["all-1", "here-1", "here-2", "all-2"]
    assert pages > 300 // 30  # the other store's rows were stepped over in bounded pages

    theirs, _pages = read_all(central, chain_id, there.id, limit=64)
    assert theirs[:2] == ["all-1", "there-0"] and theirs[-1] == "there-x49"
    assert len(theirs) == 1 + 300 + 1 + 50 and len(set(theirs)) == len(theirs)


def test_a_cursor_at_the_end_stays_and_reports_nothing_more(central):
    store = central.create_store()
    with central.session() as s, s.begin():
        chain_id = chain_by_name(s, central.chain, START).id
    publish(central, chain_id, [(None, "a"), (store.id, "b")])
    with central.session() as s, s.begin():
        end = changes_after(s, chain_id, store.id, 0, 100)[1]
        assert changes_after(s, chain_id, store.id, end, 100) == ([], end, False)


# Values of the kinds whose bodies orjson writes: any text, integers to 64 bits, booleans, None.
_SCALARS = st.text() | st.integers(-(2**63), 2**64 - 1) | st.booleans() | st.none()
_VALUES = st.recursive(
    _SCALARS, lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner), max_leaves=20
)


@given(st.dictionaries(st.text(), _VALUES))
def test_a_member_body_is_written_as_its_canonical_json(body):
    assert feed.body_text("member", body) == canonical_json(body)


def test_a_member_body_past_64_bit_integers_is_written_by_the_standard_encoder():
    body = {"balance": 2**64, "name": "会员"}
    assert feed.body_text("member", body) == canonical_json(body)
