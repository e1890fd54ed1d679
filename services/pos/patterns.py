"""Receipt formats as data: a store keeps one or more patterns, each naming where the
receipt number, amount, time, store and item categories sit in what a till's barcode or QR
code says. A pattern is a plain dict (it is stored as a setting and may come from the
centre), checked here before it is kept so a bad one never reaches a scan.

Kinds:
- ``regex``: a regular expression with named groups (receipt, amount, time, store,
  categories); the whole read must match.
- ``key_value``: ``no=R1&amt=12.50``; ``pair`` and ``separator`` say how, ``fields`` maps
  our field names to the till's keys.
- ``json``: a JSON object; ``fields`` maps our names to its keys.
- ``delimited``: fields at fixed positions between separators, ``prefix`` first (the QR
  of a Chinese fully digital invoice is one).

``amount_unit`` is ``yuan`` (12.50) or ``fen`` (1250). Categories come as
``code:amount`` pairs separated by ``;`` in the pattern's amount unit.
"""

from typing import Any

from services.core.errors import ValidationError
from services.protocol import codes
from services.rules.receipt_patterns import (
    DEFAULT_PATTERNS,
    INVOICE_QR,
    PRESETS,
    patterns_problem,
)

__all__ = ["DEFAULT_PATTERNS", "INVOICE_QR", "PRESETS", "check_patterns"]


def check_patterns(value: Any) -> list[dict[str, Any]]:
    """The patterns as kept, or ValidationError(codes.RECEIPT_BAD_PATTERN) naming the first
    problem; nothing unknown passes, so what is stored can always be applied. The rules are
    services.rules.receipt_patterns, which the centre checks a store's patterns with too."""
    problem = patterns_problem(value)
    if problem is not None:
        why, index = problem
        number = 0 if index is None else index + 1
        raise ValidationError(codes.RECEIPT_BAD_PATTERN, why=why, index=number)
    return value
