"""Money as the counter shows it: integer fen written as yuan in the UI's locale."""

from PySide6.QtCore import QLocale


def yuan(fen: int) -> str:
    """1,234.50 (in the locale's separators), made from the integer itself: no float
    stands between the fen and the text, so no amount is ever shown a fen off."""
    locale = QLocale()
    whole, cents = divmod(abs(fen), 100)
    sign = locale.negativeSign() if fen < 0 else ""
    return f"{sign}{locale.toString(whole)}{locale.decimalPoint()}{cents:02d}"
