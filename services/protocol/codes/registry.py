"""The one table of error codes: each declared once, with what it tells the user in English
and in Simplified Chinese.

The counter's UI tells a refusal in the user's language from here (ui.messages); the centre
answers with the same codes (docs/sync-protocol.md) and its command line prints these words.
A code never changes once shipped (counters and the centre compare them); its words may.
Messages are `str.format` templates: the error's params fill them.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    code: str
    en: str
    zh: str

    def in_language(self, language: str) -> str:
        """`language` as the UI names it ("zh_CN", "en"): any Chinese gets Chinese."""
        return self.zh if language.startswith("zh") else self.en


MESSAGES: dict[str, Message] = {}


def declare(code: str, *, en: str, zh: str) -> str:
    """Registers `code` with its words and returns it, so a family module's constant is the
    code itself (`PIN_LENGTH == "pin.length"`)."""
    if code in MESSAGES:
        raise ValueError(f"error code {code!r} is declared twice")
    if not en.strip() or not zh.strip():
        raise ValueError(f"error code {code!r} needs words in both languages")
    MESSAGES[code] = Message(code, en, zh)
    return code


def message(code: str, language: str) -> str | None:
    """The template for `code` in `language`, or None for a code nobody declared."""
    found = MESSAGES.get(code)
    return found.in_language(language) if found else None


def words(code: str, language: str, **params: object) -> str:
    """What `code` tells the user in `language`, its params filled in; the code itself for
    one nobody declared, the bare template when a param is missing."""
    template = message(code, language) or code
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template
