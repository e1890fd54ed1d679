"""The programme's measures (active members, repeat visits, redemption, liability, NPS),
pure and exact.

Rates are returned as (numerator, denominator) pairs or whole per-mille values, never
floats: a report shows them, a test checks them exactly.
"""

from dataclasses import dataclass

from services.rules.points import RuleSet

PROMOTER_MIN, DETRACTOR_MAX = 9, 6
ACTIVE_DAYS = 30  # recency: bought within 30 days is active
FREQUENT_IN_90_DAYS = 3  # purchases in 90 days
HIGH_VALUE_FEN = 500_000  # 12-month spend of 5,000 yuan
AT_RISK_DAYS = 90
SPEND_DROP_PERCENT = 40


@dataclass(frozen=True)
class Nps:
    responses: int
    promoters: int
    detractors: int

    @property
    def score(self) -> int | None:
        """% promoters - % detractors, rounded half away from zero; None with no answers."""
        if not self.responses:
            return None
        diff = 100 * (self.promoters - self.detractors)
        q, r = divmod(abs(diff), self.responses)
        rounded = q + (1 if 2 * r >= self.responses else 0)
        return rounded if diff >= 0 else -rounded


def nps(scores: list[int]) -> Nps:
    return Nps(
        len(scores),
        sum(1 for s in scores if s >= PROMOTER_MIN),
        sum(1 for s in scores if s <= DETRACTOR_MAX),
    )


SATISFIED_MIN = 4  # CSAT: 4 and 5 of 1-5 count as satisfied


@dataclass(frozen=True)
class Csat:
    responses: int
    satisfied: int

    @property
    def percent(self) -> int | None:
        """The share of satisfied answers, in whole percent rounded half up; None with none."""
        if not self.responses:
            return None
        q, r = divmod(100 * self.satisfied, self.responses)
        return q + (1 if 2 * r >= self.responses else 0)


def csat(scores: list[int]) -> Csat:
    return Csat(len(scores), sum(1 for s in scores if s >= SATISFIED_MIN))


def per_mille(part: int, whole: int) -> int | None:
    """part/whole in thousandths, rounded down; None when there is nothing to divide by."""
    return None if whole == 0 else part * 1000 // whole


def rfm_segment(recency_days: int | None, purchases_90d: int, spend_12m_fen: int) -> str:
    """One of eight segments, named by what a manager would do about them."""
    active = recency_days is not None and recency_days <= ACTIVE_DAYS
    frequent = purchases_90d >= FREQUENT_IN_90_DAYS
    high = spend_12m_fen >= HIGH_VALUE_FEN
    return {
        (True, True, True): "champions",
        (True, True, False): "loyal",
        (True, False, True): "big_spenders",
        (True, False, False): "new_or_occasional",
        (False, True, True): "slipping_champions",
        (False, True, False): "slipping",
        (False, False, True): "cannot_lose",
        (False, False, False): "dormant",
    }[(active, frequent, high)]


def spend_dropped(recent_fen: int, earlier_fen: int) -> bool:
    """Spend down at least 40% against the period before (and there was spend before)."""
    return earlier_fen > 0 and recent_fen * 100 <= earlier_fen * (100 - SPEND_DROP_PERCENT)


def liability_fen(points: int, rules: RuleSet) -> int:
    """What outstanding points are worth at the points-as-cash rate, point by point (a balance
    below a whole step still counts: it is owed once it grows)."""
    return points * rules.cash_fen_per_step // rules.cash_points_step


def repurchase(buyers: int, bought_again: int) -> int | None:
    """The repurchase rate in per mille: members who bought again in the period of those who
    bought in it (the active members)."""
    return per_mille(bought_again, buyers)
