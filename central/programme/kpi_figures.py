"""What the KPI page shows: a scope, a period of whole months, and the chain's numbers for
them (central.programme.kpis reads them)."""

from dataclasses import dataclass, field
from datetime import date

from services.protocol import codes
from services.rules import kpis as measures

MAX_MONTHS = 24


@dataclass(frozen=True)
class Scope:
    """Whose numbers: the chain, or one store (a store manager's scope is always theirs)."""

    chain_id: str
    store_id: str | None = None


@dataclass(frozen=True)
class Period:
    first: date  # the first day of its first month
    last: date  # the first day of its last month

    @classmethod
    def of(cls, first: date, last: date) -> "Period":
        first, last = first.replace(day=1), last.replace(day=1)
        if last < first:
            raise ValueError(codes.KPI_PERIOD_BACKWARDS)
        if month_number(last) - month_number(first) >= MAX_MONTHS:
            raise ValueError(codes.KPI_PERIOD_TOO_LONG)
        return cls(first, last)

    @property
    def months(self) -> list[int]:
        return list(range(month_number(self.first), month_number(self.last) + 1))

    @property
    def end(self) -> date:
        """The day after the period."""
        return first_day(month_number(self.last) + 1)


@dataclass(frozen=True)
class MonthFigures:
    month: date
    purchases: int
    paid_fen: int
    points_in: int
    points_out: int


@dataclass(frozen=True)
class Campaign:
    key: str
    name_zh: str
    name_en: str
    issued: int
    redeemed: int

    @property
    def redeemed_per_mille(self) -> int | None:
        return measures.per_mille(self.redeemed, self.issued)


@dataclass(frozen=True)
class NpsWeek:
    store_id: str
    week: date
    nps: measures.Nps


@dataclass(frozen=True)
class EventAttendance:
    code: str
    name: str
    starts_at: str
    registered: int
    attended: int


@dataclass
class ChainNumbers:
    scope: Scope
    period: Period
    stores: dict[str, str]  # id -> name, the stores in scope
    active_members: int = 0
    bought_again: int = 0
    months: list[MonthFigures] = field(default_factory=list)
    liability_points: int = 0
    liability_fen: int = 0
    campaigns: list[Campaign] = field(default_factory=list)
    nps: list[NpsWeek] = field(default_factory=list)
    tier_moves: dict[tuple[str, str], int] = field(default_factory=dict)
    events: list[EventAttendance] = field(default_factory=list)
    at_risk: dict[str, int] = field(default_factory=dict)  # store id -> members

    @property
    def repurchase_per_mille(self) -> int | None:
        return measures.repurchase(self.active_members, self.bought_again)


def month_number(day: date) -> int:
    return day.year * 12 + day.month - 1


def first_day(month: int) -> date:
    return date(month // 12, month % 12 + 1, 1)
