"""The day's reconciliation against the till: how its error rate is counted, and its target.
The counter shows and reports it, the centre derives it again, the console judges it: all
from here."""

BASIS_POINTS = 10_000  # an error rate is counted in mismatches per 10,000 of the till's sales
TARGET_BP = 50  # at most 0.5%, as the planning documents ask


def error_basis_points(mismatches: int, sales: int) -> int:
    """Mismatches per 10,000 of the till's sales, rounded up (a rate just over the target
    never reads as on it); a day without sales counts as one sale."""
    return -(-mismatches * BASIS_POINTS // max(sales, 1))


def within_target(mismatches: int, sales: int) -> bool:
    return error_basis_points(mismatches, sales) <= TARGET_BP
