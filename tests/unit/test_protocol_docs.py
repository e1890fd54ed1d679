"""docs/sync-protocol.md agrees with the schemas: its generated sections (payload fields,
change bodies, limits) are what `python -m services.protocol.docs` writes now, and the
hand-written tables name every operation type and change kind."""

import re

from services.protocol import CHANGE_KINDS, OPERATION_TYPES, docs


def section(text: str, heading: str) -> str:
    start = text.index(heading)
    following = re.search(r"^#{2,3} ", text[start + len(heading) :], re.MULTILINE)
    return text[start : start + len(heading) + following.start()] if following else text[start:]


def test_the_generated_sections_are_up_to_date():
    text = docs.DOC.read_text("utf-8")
    assert docs.rewrite(text) == text, "run python -m services.protocol.docs"


def test_the_centres_table_names_every_operation_type():
    table = section(docs.DOC.read_text("utf-8"), "### Operation types (version 1)")
    named = set(re.findall(r"`([a-z_]+\.[a-z_]+)`", table))
    assert sorted(OPERATION_TYPES - named) == []


def test_the_pull_table_names_every_change_kind():
    table = section(docs.DOC.read_text("utf-8"), "## Pull")
    named = set(re.findall(r"^\| `([a-z_]+)` \|", table, re.MULTILINE))
    assert sorted(CHANGE_KINDS - named) == []
