"""The payload fields and limits sections of docs/sync-protocol.md, written from the schemas.

`python -m services.protocol.docs` rewrites the text between the markers; `--check` exits 1
when the document is out of date (tests/unit/test_protocol_docs.py runs it).
"""

import re
import sys
from pathlib import Path

from services.protocol import limits
from services.protocol.changes import CHANGES
from services.protocol.operations import OPERATIONS

DOC = Path(__file__).resolve().parents[2] / "docs" / "sync-protocol.md"
SECTIONS = ("payloads", "changes", "limits")
UUID_PATTERN = "[0-9a-fA-F]{8}-"
TIME_PATTERN = "T[0-9]{2}:"


def begin(name: str) -> str:
    return f"<!-- generated:{name} (python -m services.protocol.docs) -->"


def end(name: str) -> str:
    return f"<!-- end generated:{name} -->"


def describe(prop: dict, defs: dict) -> str:
    """A field's type in a few words: `id`, `int 0..10^12`, `text ≤120`, `time`, ..."""
    if "anyOf" in prop:
        parts = [p for p in prop["anyOf"] if p.get("type") != "null"]
        text = " or ".join(describe(p, defs) for p in parts)
        return text + " or null" if len(parts) < len(prop["anyOf"]) else text
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        return "{" + ", ".join(defs[name]["properties"]) + "}"
    if "enum" in prop:
        return " \\| ".join(f"`{v}`" for v in prop["enum"])
    if "const" in prop:
        return f"`{prop['const']}`"
    kind = prop.get("type")
    if kind == "integer":
        return f"int {_number(prop.get('minimum'))}..{_number(prop.get('maximum'))}"
    if kind == "boolean":
        return "bool"
    if kind == "string":
        return _string(prop)
    if kind == "array":
        most = f" (≤{prop['maxItems']})" if "maxItems" in prop else ""
        return f"list of {describe(prop['items'], defs)}{most}"
    if kind == "object":
        most = f" (≤{prop['maxProperties']})" if "maxProperties" in prop else ""
        names = prop.get("propertyNames", {})
        keys = f"text ≤{names['maxLength']}" if "maxLength" in names else "text"
        values = prop.get("additionalProperties") or next(
            iter(prop.get("patternProperties", {}).values()), {}
        )
        return f"{{{keys}: {describe(values, defs)}}}{most}"
    return "any"


def _string(prop: dict) -> str:
    pattern = prop.get("pattern", "")
    if UUID_PATTERN in pattern:
        return "id"
    if TIME_PATTERN in pattern:
        return "time"
    if pattern.endswith("-[0-9]{2}$"):
        return "date"
    most = prop.get("maxLength")
    if pattern.startswith("^[^"):
        return f"text ≤{most}"
    return f"code ≤{most}"


def _number(value: int | None) -> str:
    if value is None:
        return ""
    for power in (63, 31):
        if abs(value) in (2**power, 2**power - 1):
            return f"{'-' if value < 0 else ''}2^{power}{'-1' if abs(value) % 2 else ''}"
    if abs(value) >= 10**6 and str(abs(value)).rstrip("0") == "1":
        return f"{'-' if value < 0 else ''}10^{len(str(abs(value))) - 1}"
    return f"{value:,}" if abs(value) >= 10_000 else str(value)


def fields_line(model) -> str:
    schema = model.model_json_schema(by_alias=True)
    required = set(schema.get("required", ()))
    defs = schema.get("$defs", {})
    parts = []
    for name, prop in schema["properties"].items():
        mark = "" if name in required else "?"
        parts.append(f"`{name}`{mark} {describe(prop, defs)}")
    return "; ".join(parts)


def payloads_section() -> str:
    lines = [
        "Generated from `services/protocol/operations/`. `?`: may be left out (then null or",
        "its default). Every payload is one JSON object with exactly these fields: an unknown",
        "field, a float, a bool for an int or a number as text is `op.bad_payload`.",
        "",
        "| type | version | fields |",
        "|---|---|---|",
    ]
    for (op_type, version), model in sorted(OPERATIONS.items()):
        lines.append(f"| `{op_type}` | {version} | {fields_line(model)} |")
    return "\n".join(lines)


def changes_section() -> str:
    lines = [
        "Generated from `services/protocol/changes.py`: the centre checks each body before it",
        "publishes it, a counter before it applies it (a refused one is quarantined).",
        "",
        "| kind | fields |",
        "|---|---|",
    ]
    for kind, model in sorted(CHANGES.items()):
        lines.append(f"| `{kind}` | {fields_line(model)} |")
    return "\n".join(lines)


def limits_section() -> str:
    lines = [
        "Generated from `services/protocol/limits.py`. Text is refused if it holds a control",
        "character (C0, C1), a zero-width or bidi mark, a line separator, a BOM or half of a",
        "surrogate pair. Times are ISO 8601 with seconds and an offset (`Z` or ±hh:mm, at most",
        "14 hours), years 2000-2100.",
        "",
        "| limit | value | what |",
        "|---|---|---|",
    ]
    for name, what in _limit_comments().items():
        lines.append(f"| `{name}` | {_number(getattr(limits, name))} | {what} |")
    return "\n".join(lines)


def _limit_comments() -> dict[str, str]:
    """Each constant of limits.py in source order, with the comment on its line."""
    found = {}
    for line in Path(limits.__file__).read_text("utf-8").splitlines():
        match = re.match(r"([A-Z][A-Z0-9_]*)(?:, ([A-Z][A-Z0-9_]*))? = [^#]*(?:# (.*))?", line)
        if match:
            first, second, what = match.groups()
            for name in (first, second):
                if name:
                    found[name] = (what or "").replace("|", "\\|")
    return found


def generated(name: str) -> str:
    return {"payloads": payloads_section, "changes": changes_section, "limits": limits_section}[
        name
    ]()


def rewrite(text: str) -> str:
    for name in SECTIONS:
        head, marker, rest = text.partition(begin(name))
        if not marker:
            raise SystemExit(f"{DOC.name}: no marker {begin(name)}")
        _old, closing, tail = rest.partition(end(name))
        if not closing:
            raise SystemExit(f"{DOC.name}: no marker {end(name)}")
        text = f"{head}{marker}\n{generated(name)}\n{closing}{tail}"
    return text


def main(argv: list[str]) -> int:
    current = DOC.read_text("utf-8")
    fresh = rewrite(current)
    if "--check" in argv:
        if fresh != current:
            print(f"{DOC} is out of date: run python -m services.protocol.docs", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(fresh, "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
