"""What a till posts and what it is told: the sale, its lines, and the sale as it waits."""

from dataclasses import dataclass, field
from datetime import datetime

PENDING, CONFIRMED, CANCELLED, EXPIRED = "pending", "confirmed", "cancelled", "expired"


@dataclass(frozen=True)
class SaleLine:
    category: str
    amount_fen: int


@dataclass(frozen=True)
class PosSale:
    """What a till posts: its receipt, the amount in fen, the lines, who the customer is."""

    receipt: str
    amount_fen: int
    lines: tuple[SaleLine, ...] = ()
    member: str | None = None  # a member code (scanned) or a mobile number; never stored

    def categories(self) -> dict[str, int]:
        """Amounts per category, as the Points page's category fields give them."""
        sums: dict[str, int] = {}
        for line in self.lines:
            sums[line.category] = sums.get(line.category, 0) + line.amount_fen
        return sums


@dataclass(frozen=True)
class PendingSale:
    id: str
    sale: PosSale
    receipt: str  # as the earn keeps it
    member_id: str | None
    member_name: str | None
    tier: str | None
    discount_fen: int
    paid_fen: int
    points: int
    coupons: tuple[tuple[str, str], ...]  # (Chinese, English) titles of usable coupons
    posted_at: datetime
    expires_at: datetime
    status: str = PENDING
    purchase_id: str | None = None
    balance: int | None = None
    by: str | None = field(default=None)  # "pos" or "counter": who confirmed
