"""What a staff PIN may be: 4 to 6 ASCII digits, and not one a thief guesses first."""

import itertools

MIN_LENGTH = 4
MAX_LENGTH = 6


def pin_problem(pin: str) -> str | None:
    """The error code that refuses this PIN as a new PIN, or None when it is acceptable."""
    if not (pin.isascii() and pin.isdigit()):
        return "pin.not_digits"
    if not MIN_LENGTH <= len(pin) <= MAX_LENGTH:
        return "pin.length"
    if len(set(pin)) == 1 or _is_run(pin, 1) or _is_run(pin, -1):
        return "pin.too_simple"
    return None


def _is_run(pin: str, step: int) -> bool:
    digits = [int(c) for c in pin]
    return all((b - a) % 10 == step % 10 for a, b in itertools.pairwise(digits))
