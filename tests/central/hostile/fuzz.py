"""Hostile values for the fuzz: well-formed operations of every type with one or a few
fields replaced, dropped or added, each value one a broken or malicious counter could send.

The types and their fields come from the protocol's registry (services/protocol), the
starting payloads from tests/central/hostile/payloads.py, which an honest counter would send.
"""

import os
from collections import Counter
from dataclasses import dataclass, field

from hypothesis import strategies as st

from common.ids import new_id
from services.protocol import OPERATION_TYPES, OPERATIONS
from tests.central.hostile import payloads

# Short mode by default (a few seconds a database); `HOSTILE_EXAMPLES=2000` for the long run.
EXAMPLES = int(os.environ.get("HOSTILE_EXAMPLES", "40"))

EDGE_VALUES = [
    2**63,
    2**63 - 1,
    -(2**63),
    -(2**63) - 1,
    2**64,
    10**30,
    -(10**30),
    10**12 + 1,
    1_000_000_000,
    -1,
    0,
    True,
    False,
    None,
    "",
    [],
    {},
    [None],
    {"": None},
    1.5,
    -0.0,
    1e308,
    float("nan"),
    float("inf"),
    float("-inf"),
    "\x00",
    "a\x00b",
    "\x1b[2J",
    "\u202egnp.exe",
    "\ufeff",
    "\u2028",
    "\ud800",  # a lone surrogate: UTF-8 cannot hold it
    "9" * 11,
    "1" * 37,
    "x" * 65,
    "长" * 121,
    "y" * 2001,
    "z" * 70_000,  # past the 64 KB a payload may have
    "2026-02-30T00:00:00+00:00",
    "0001-01-01T00:00:00+00:00",
    "9999-12-31T23:59:59+00:00",
    "2026-03-01T02:00:00",
    "'; DROP TABLE member; --",
    "../../etc/passwd",
    "platinum",
    "percent_off",
]


@dataclass
class FuzzIds:
    """Ids the fuzz draws from: this chain's, another chain's, and nobody's."""

    own: dict
    foreign: list[str]

    def all(self) -> list[str]:
        mine = [v for k, v in self.own.items() if k.endswith("_id")]
        return mine + self.foreign + [payloads.NOBODY]


@dataclass
class Tally:
    """What the fuzz tried and what came back, for the README's figures."""

    operations: int = 0
    server_errors: int = 0
    statuses: Counter = field(default_factory=Counter)
    results: Counter = field(default_factory=Counter)

    def line(self, label: str) -> str:
        return (
            f"hostile fuzz [{label}]: {self.operations} operations tried, "
            f"{self.server_errors} answered 5xx; statuses {dict(self.statuses)}; "
            f"results {dict(self.results)}"
        )


def hostile_values(ids: FuzzIds) -> st.SearchStrategy:
    return st.one_of(
        st.sampled_from(EDGE_VALUES),
        st.sampled_from(ids.all()),
        st.integers(),
        st.floats(),
        st.booleans(),
        st.text(max_size=80),
        st.text(st.characters(max_codepoint=0x9F), max_size=12),
        st.lists(
            st.one_of(st.integers(), st.text(max_size=8), st.sampled_from(ids.all())), max_size=4
        ),
        st.dictionaries(
            st.text(max_size=8), st.one_of(st.integers(), st.text(max_size=8)), max_size=3
        ),
    )


def type_fields(op_type: str) -> list[str]:
    model = OPERATIONS[(op_type, 1)]
    return sorted((f.alias or name) for name, f in model.model_fields.items())


@st.composite
def hostile_payloads(draw, ids: FuzzIds, types: list[str] | None = None) -> tuple[str, dict]:
    """(type, payload): an honest payload with up to three fields made hostile (none in
    some examples, so applied operations are in the mix too); of every type, or `types`."""
    op_type = draw(st.sampled_from(types or sorted(OPERATION_TYPES)))
    body = payloads.every_type(ids.own)[op_type]
    names = type_fields(op_type)
    for _ in range(draw(st.sampled_from([0, 1, 1, 1, 2, 2, 3]))):
        how = draw(st.sampled_from(["replace", "replace", "replace", "drop", "add"]))
        name = draw(st.sampled_from(names))
        if how == "replace":
            body[name] = draw(hostile_values(ids))
        elif how == "drop":
            body.pop(name, None)
        else:
            body[draw(st.text(min_size=1, max_size=20))] = draw(hostile_values(ids))
    return op_type, body


ENVELOPE_VALUES = {
    "type": st.sampled_from(["nope.nope", "points", "x" * 65, "\x00", "member.register "]),
    "version": st.sampled_from([0, 2, 2**31, 2**63, -1, True]),
    "device_time": st.sampled_from(
        ["0001-01-01T00:00:00+00:00", "9999-12-31T23:59:59+00:00", "yesterday", 0, None]
    ),
    "store_id": st.sampled_from([payloads.NOBODY, "s" * 37, "", "\x00"]),
    "staff_id": st.sampled_from(["\x00", "s" * 400, 5]),
    "payload_hash": st.sampled_from(["0" * 64, "G" * 64, "", "a" * 63]),
    "device_id": st.sampled_from([payloads.NOBODY, new_id(), "d" * 37]),
    "id": st.sampled_from(["i" * 36, "", "0" * 36]),
}


@st.composite
def envelope_changes(draw) -> dict:
    """Most examples leave the envelope honest; some break one of its fields."""
    if draw(st.integers(0, 4)):
        return {}
    name = draw(st.sampled_from(sorted(ENVELOPE_VALUES)))
    return {name: draw(ENVELOPE_VALUES[name])}
