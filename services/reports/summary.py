"""Reports at the counter: the day's close per staff member and the programme's KPIs.

Figures come from the facts (ledger entries, coupon moves, gift redemptions, visits,
sign-ins, the operation journal), for this store only, between local midnights.
"""

from collections import Counter as Tally
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import case, func, select

from models.catalog import Gift, Member
from models.counter import Counter, Store
from models.coupons import Coupon, CouponMove
from models.events import EventSignIn
from models.gifts import GiftRedemption
from models.journal import OutboxOperation
from models.points import PointsEntry, Purchase
from models.reports import CsatResponse, NpsResponse
from models.staff import Staff
from models.visits import Visit
from services.core.actor import Actor
from services.core.journal import count_pending_operations
from services.core.uow import UnitOfWork
from services.points.rule_sets import rules_in
from services.rules import kpis
from services.rules.permissions import Permission
from services.staff.authz import require_permission

ISSUING_KINDS = ("earn", "visit_bonus", "event_bonus", "adjust")
MAX_PERIOD_DAYS = 366


@dataclass
class StaffDay:
    staff_id: str | None
    staff_name: str
    points_issued: int = 0
    points_redeemed: int = 0
    coupons_issued: int = 0
    coupons_used: int = 0
    gifts_given: int = 0
    visits: int = 0
    sign_ins: int = 0
    new_members: int = 0

    def add(self, other: "StaffDay") -> None:
        for name in FIGURES:
            setattr(self, name, getattr(self, name) + getattr(other, name))


FIGURES = (
    "points_issued",
    "points_redeemed",
    "coupons_issued",
    "coupons_used",
    "gifts_given",
    "visits",
    "sign_ins",
    "new_members",
)


@dataclass(frozen=True)
class DayClose:
    day: date
    store_name: str
    counter_label: str
    rows: list[StaffDay]
    total: StaffDay
    points_expired: int
    pending_operations: int
    made_at: datetime


@dataclass(frozen=True)
class Kpis:
    start: date
    end: date  # inclusive
    active_members: int  # bought in the period
    repeat_members: int  # bought at least twice in the period
    repurchase_per_mille: int | None
    coupons_issued: int
    coupons_redeemed: int  # of those issued in the period
    coupon_redemption_per_mille: int | None
    new_members: int
    points_outstanding: int
    liability_fen: int
    visits_per_day: list[tuple[date, int]]
    tiers: dict[str, int]
    top_gifts: list[tuple[str, str, int]]  # Chinese name, English name, redemptions
    nps: kpis.Nps
    nps_by_week: list[tuple[date, kpis.Nps]] = field(default_factory=list)
    csat: kpis.Csat = field(default_factory=lambda: kpis.Csat(0, 0))  # 1-5, beside NPS


# the day's close -------------------------------------------------------------------------


def day_close(uow: UnitOfWork, actor: Actor, day: date, now: datetime) -> DayClose:
    require_permission(actor, Permission.REPORTS_VIEW)
    with uow:
        store, label = uow.session.execute(select(Store, Counter.label).join(Counter)).one()
        start, end = day_bounds(day, store.timezone)
        rows: dict[str | None, StaffDay] = {}

        def put(staff_id: str | None, name: str, value: int) -> None:
            row = rows.setdefault(staff_id, StaffDay(staff_id, ""))
            setattr(row, name, getattr(row, name) + int(value or 0))

        for staff_id, issued, redeemed in uow.session.execute(
            select(
                PointsEntry.staff_id,
                func.sum(
                    _when(
                        PointsEntry.kind.in_(ISSUING_KINDS) & (PointsEntry.delta > 0),
                        PointsEntry.delta,
                    )
                ),
                func.sum(_when(PointsEntry.kind == "redeem", -PointsEntry.delta)),
            )
            .where(_in_day(PointsEntry, start, end), PointsEntry.store_id == store.id)
            .group_by(PointsEntry.staff_id)
        ):
            put(staff_id, "points_issued", issued)
            put(staff_id, "points_redeemed", redeemed)
        for staff_id, kind, n in uow.session.execute(
            select(CouponMove.staff_id, CouponMove.kind, func.count())
            .where(_in_day(CouponMove, start, end), CouponMove.store_id == store.id)
            .where(CouponMove.kind.in_(("issue", "redeem", "void_redemption")))
            .group_by(CouponMove.staff_id, CouponMove.kind)
        ):
            figure = "coupons_issued" if kind == "issue" else "coupons_used"
            put(staff_id, figure, -n if kind == "void_redemption" else n)
        for model, figure, scope in (
            (GiftRedemption, "gifts_given", GiftRedemption.store_id == store.id),
            (Visit, "visits", Visit.store_id == store.id),
            (EventSignIn, "sign_ins", EventSignIn.undone_at.is_(None)),
        ):
            for staff_id, n in uow.session.execute(
                select(model.staff_id, func.count())
                .where(_in_day(model, start, end), scope)
                .group_by(model.staff_id)
            ):
                put(staff_id, figure, n)
        for staff_id, n in uow.session.execute(
            select(OutboxOperation.staff_id, func.count())
            .where(
                OutboxOperation.op_type == "member.register",
                OutboxOperation.created_at >= start,
                OutboxOperation.created_at < end,
            )
            .group_by(OutboxOperation.staff_id)
        ):
            put(staff_id, "new_members", n)
        expired = uow.session.scalar(
            select(func.coalesce(-func.sum(PointsEntry.delta), 0)).where(
                _in_day(PointsEntry, start, end), PointsEntry.kind == "expire"
            )
        )
        names = dict(uow.session.execute(select(Staff.id, Staff.name)).all())
        ordered = sorted(rows.values(), key=lambda r: names.get(r.staff_id, "~"))
        total = StaffDay(None, "")
        for row in ordered:
            row.staff_name = names.get(row.staff_id, "")
            total.add(row)
        return DayClose(
            day,
            store.name,
            label,
            ordered,
            total,
            int(expired),
            count_pending_operations(uow),
            now,
        )


# KPIs -------------------------------------------------------------------------------------


def period_kpis(uow: UnitOfWork, actor: Actor, first: date, last: date, top: int = 5) -> Kpis:
    require_permission(actor, Permission.REPORTS_VIEW)
    if last < first or (last - first).days >= MAX_PERIOD_DAYS:
        raise ValueError("a period runs forward and is at most a year")
    with uow:
        store = uow.session.scalar(select(Store).join(Counter))
        start, _ = day_bounds(first, store.timezone)
        _, end = day_bounds(last, store.timezone)
        per_member = (
            select(Purchase.member_id, func.count().label("n"))
            .where(Purchase.at >= start, Purchase.at < end, Purchase.store_id == store.id)
            .group_by(Purchase.member_id)
            .subquery()
        )
        active, repeat = uow.session.execute(
            select(func.count(), func.coalesce(func.sum(_when(per_member.c.n >= 2, 1)), 0))
        ).one()
        issued, redeemed = uow.session.execute(
            select(func.count(), func.coalesce(func.sum(_when(Coupon.status == "redeemed", 1)), 0))
            .where(Coupon.issued_at >= start, Coupon.issued_at < end)
            .where(Coupon.issued_store_id == store.id)
        ).one()
        outstanding = uow.session.scalar(
            select(func.coalesce(func.sum(Member.points_balance), 0)).where(
                Member.points_balance > 0
            )
        )
        new_members = uow.session.scalar(
            select(func.count())
            .select_from(OutboxOperation)
            .where(
                OutboxOperation.op_type == "member.register",
                OutboxOperation.created_at >= start,
                OutboxOperation.created_at < end,
            )
        )
        tiers = dict(
            uow.session.execute(
                select(Member.tier, func.count())
                .where(Member.active.is_(True))
                .group_by(Member.tier)
            ).all()
        )
        return Kpis(
            first,
            last,
            active,
            int(repeat),
            kpis.per_mille(int(repeat), active),
            issued,
            int(redeemed),
            kpis.per_mille(int(redeemed), issued),
            new_members,
            int(outstanding),
            kpis.liability_fen(int(outstanding), rules_in(uow, end)),
            _visits_per_day(uow, store, first, last, start, end),
            tiers,
            _top_gifts(uow, store.id, start, end, top),
            *_nps(uow, store, start, end),
            csat=_csat(uow, store.id, start, end),
        )


def _visits_per_day(uow, store, first: date, last: date, start, end) -> list[tuple[date, int]]:
    """Counted by UTC hour in SQL, then each hour put on its local day: exact in any zone."""
    zone = ZoneInfo(store.timezone)
    hour = func.strftime("%Y-%m-%d %H", Visit.at)
    by_day: Tally[date] = Tally()
    for stamp, n in uow.session.execute(
        select(hour, func.count())
        .where(Visit.at >= start, Visit.at < end, Visit.store_id == store.id)
        .group_by(hour)
    ):
        utc = datetime.strptime(stamp, "%Y-%m-%d %H").replace(tzinfo=UTC)
        by_day[utc.astimezone(zone).date()] += n
    days = (last - first).days + 1
    return [(first + timedelta(d), by_day[first + timedelta(d)]) for d in range(days)]


def _top_gifts(uow, store_id: str, start, end, top: int) -> list[tuple[str, str, int]]:
    rows = uow.session.execute(
        select(Gift.name_zh, Gift.name_en, func.count().label("n"))
        .join(GiftRedemption, GiftRedemption.gift_id == Gift.id)
        .where(GiftRedemption.at >= start, GiftRedemption.at < end)
        .where(GiftRedemption.store_id == store_id)
        .group_by(Gift.id)
        .order_by(func.count().desc(), Gift.name_zh)
        .limit(top)
    ).all()
    return [(zh, en, n) for zh, en, n in rows]


def _nps(uow, store, start, end) -> tuple[kpis.Nps, list[tuple[date, kpis.Nps]]]:
    zone = ZoneInfo(store.timezone)
    answers = uow.session.execute(
        select(NpsResponse.at, NpsResponse.score).where(
            NpsResponse.at >= start, NpsResponse.at < end, NpsResponse.store_id == store.id
        )
    ).all()
    weeks: dict[date, list[int]] = {}
    for at, score in answers:
        local = at.astimezone(zone).date()
        weeks.setdefault(local - timedelta(days=local.weekday()), []).append(score)
    trend = [(week, kpis.nps(scores)) for week, scores in sorted(weeks.items())]
    return kpis.nps([s for _at, s in answers]), trend


def _csat(uow, store_id: str, start, end) -> kpis.Csat:
    scores = uow.session.scalars(
        select(CsatResponse.score).where(
            CsatResponse.at >= start, CsatResponse.at < end, CsatResponse.store_id == store_id
        )
    ).all()
    return kpis.csat(list(scores))


# helpers ---------------------------------------------------------------------------------


def day_bounds(day: date, timezone: str) -> tuple[datetime, datetime]:
    """[local midnight, next local midnight) as aware UTC datetimes."""
    zone = ZoneInfo(timezone)
    start = datetime.combine(day, time(), zone)
    end = datetime.combine(day + timedelta(days=1), time(), zone)
    return start.astimezone(UTC), end.astimezone(UTC)


def _in_day(model, start: datetime, end: datetime):
    return (model.at >= start) & (model.at < end)


def _when(condition, value=1):
    """SUM(_when(...)) counts or adds up only the rows that meet the condition."""
    return case((condition, value), else_=0)
