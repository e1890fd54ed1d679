"""One error registry (services.protocol.codes): every code the counter or the centre raises
is declared there with words in both languages, and every declared code is used."""

import re
import string
from pathlib import Path

import pytest

from services.protocol import codes
from services.protocol.codes import MESSAGES

ROOT = Path(__file__).resolve().parents[2]
REGISTRY = ROOT / "services" / "protocol" / "codes"
# The head-office web console words its own pages, refusals included ("console.*" keys in
# central/console/messages.py, checked by its tests): they never reach a counter.
CONSOLE = ROOT / "central" / "console"
CODE = r'"([a-z_]+(?:\.[a-z_0-9]+)*)"'
# A refusal's constructor: LoyaltyError and its kinds, the centre's CentralError and Reject
# (Python's own AssertionError says no code).
RAISED = re.compile(
    r"\b(?!AssertionError)(?:[A-Z]\w*(?:Error|Denied)|Reject)\(\s*" + CODE + r"\s*[,)]"
)
# A code written into an answer or a result by name.
NAMED = re.compile(r'(?:"code": |error_code=)' + CODE)
PREFIX = re.compile(
    r"\b(?:[A-Z]\w*(?:Error|Denied)|Reject)\(\s*" + r'"([a-z_]+\.(?:[a-z_]+_)?)" \+ problem'
)
CONSTANT = re.compile(r"\b(?:error_)?codes\.([A-Z][A-Z0-9_]+)\b")


def _sources() -> dict[Path, str]:
    found = {}
    for folder in ("services", "central", "ui"):
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" in path.parts or REGISTRY in path.parents or CONSOLE in path.parents:
                continue
            found[path] = path.read_text(encoding="utf-8")
    found[ROOT / "main.py"] = (ROOT / "main.py").read_text(encoding="utf-8")
    return found


SOURCES = _sources()


def test_the_scan_finds_raise_sites():
    # The scan must see the refusals it checks (a regex gone blind would pass everything).
    everything = "\n".join(SOURCES.values())
    assert len(RAISED.findall(everything)) + len(CONSTANT.findall(everything)) > 150


def test_every_code_raised_with_a_literal_is_declared():
    missing = {
        f"{code} ({path.relative_to(ROOT)})"
        for path, text in SOURCES.items()
        for code in RAISED.findall(text) + NAMED.findall(text)
        if code not in MESSAGES
    }
    assert not missing, sorted(missing)


def _from_prefix(prefix: str) -> set[str]:
    """A name's problem (services.rules.text.name_problem: "name.empty", "name.too_long")
    told for a field: "event." + problem, or "event.place_" + its last word."""
    problems = [code for code in MESSAGES if code.startswith("name.")]
    if prefix.endswith("."):
        return {prefix + problem for problem in problems}
    return {prefix + problem.split(".")[-1] for problem in problems}


def test_every_code_built_from_a_name_problem_is_declared():
    prefixes = {p for text in SOURCES.values() for p in PREFIX.findall(text)}
    assert len(prefixes) >= 5  # store., member., catalog., event., event.place_ ...
    for prefix in prefixes:
        assert _from_prefix(prefix) <= MESSAGES.keys(), prefix


def test_every_constant_used_is_declared():
    unknown = {
        f"codes.{name} ({path.relative_to(ROOT)})"
        for path, text in SOURCES.items()
        for name in CONSTANT.findall(text)
        if not isinstance(getattr(codes, name, None), str)
    }
    assert not unknown, sorted(unknown)


def test_every_default_code_of_an_error_kind_is_declared():
    from central.errors import CentralError  # noqa: F401  (the centre's kind has no default)
    from services.core import errors

    kinds = [v for v in vars(errors).values() if isinstance(v, type)]
    defaults = {k.default_code for k in kinds if issubclass(k, errors.LoyaltyError)}
    assert defaults - MESSAGES.keys() == set()


def test_every_declared_code_is_used_somewhere():
    everything = "\n".join(SOURCES.values())
    constants = set(CONSTANT.findall(everything))
    built = {code for prefix in PREFIX.findall(everything) for code in _from_prefix(prefix)}
    by_constant = {value: name for name, value in vars(codes).items() if isinstance(value, str)}
    unused = [
        code
        for code in MESSAGES
        if f'"{code}"' not in everything
        and by_constant.get(code) not in constants
        and code not in built
    ]
    assert unused == []


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_each_message_has_both_languages_with_the_same_fields(code):
    message = MESSAGES[code]
    assert message.en.strip() and message.zh.strip()
    assert re.search(r"[\u4e00-\u9fff]", message.zh), "the Chinese words are Chinese"
    assert _fields(message.en) == _fields(message.zh)
    assert message.in_language("zh_CN") == message.zh
    assert message.in_language("en") == message.en


def test_a_code_cannot_be_declared_twice():
    with pytest.raises(ValueError, match="declared twice"):
        codes.declare("pin.length", en="x", zh="字")
