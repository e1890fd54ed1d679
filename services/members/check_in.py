"""Finding a member and checking them in: a scanned card, a mobile number or a name to one
member or a short list, the visit written, and what their card shows."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, select, tuple_

from common.ids import new_id
from models.catalog import Member
from models.visits import Visit
from services.core.actor import Actor
from services.core.errors import NotFoundError, StateError, ValidationError
from services.core.journal import record_operation
from services.core.uow import UnitOfWork
from services.members.card import read_card_parts
from services.members.codes import read_member_code
from services.members.lookup import find_member as _active_member
from services.points.adjustments import award_visit_bonus
from services.points.rule_sets import rules_in
from services.protocol import codes as error_codes
from services.rules.members import (
    classify_query,
    is_at_risk,
    is_birthday_month,
    mask_mobile,
)
from services.rules.permissions import Permission
from services.staff.authz import require_permission

CANDIDATE_LIMIT = 20


RECENT_VISITS = 5


MAX_CARD_COUPONS = 5


@dataclass(frozen=True)
class MemberRow:
    """One line of a member list: the mobile number is masked."""

    id: str
    member_no: str
    name: str
    mobile_masked: str
    tier: str
    points_balance: int
    sort_key: tuple[str, str]


@dataclass(frozen=True)
class VisitInfo:
    at: datetime
    store_name: str
    counter_label: str


@dataclass(frozen=True)
class MemberCard:
    """What the check-in panel shows about a member."""

    id: str
    member_no: str
    name: str
    mobile_masked: str
    tier: str
    points_balance: int
    points_expiring: int
    points_expiring_on: datetime | None
    birthday_month: bool
    at_risk: bool
    coupons: tuple[tuple[str, str], ...]  # (Chinese, English) titles of usable coupons
    recent_visits: tuple[VisitInfo, ...]
    visits_today: int


@dataclass(frozen=True)
class CheckIn:
    """A scan's outcome: a card (the visit is recorded) or a choice to make first."""

    card: MemberCard | None
    candidates: tuple[MemberRow, ...]
    source: str
    more: bool = False  # more members match than are listed: the cashier types more


def look_up(uow: UnitOfWork, actor: Actor, now: datetime, text: str) -> CheckIn:
    """Resolve a scan or typed text without writing: the card shows before the visit is saved."""
    require_permission(actor, Permission.MEMBER_CHECK_IN)
    with uow:
        return _resolve(uow, now, text)


def record_visit(uow: UnitOfWork, actor: Actor, now: datetime, member_id: str, source: str) -> None:
    require_permission(actor, Permission.MEMBER_CHECK_IN)
    with uow:
        _record_visit(uow, actor, now, _active_member(uow, member_id), source)
        uow.commit()


def member_card(uow: UnitOfWork, actor: Actor, now: datetime, member_id: str) -> MemberCard:
    """The card of a member picked from a choice list."""
    require_permission(actor, Permission.MEMBER_CHECK_IN)
    with uow:
        return _card(uow, _active_member(uow, member_id), now)


def check_in(uow: UnitOfWork, actor: Actor, now: datetime, text: str) -> CheckIn:
    """Resolve and record the visit in one transaction (scripts, and the tests' shorthand)."""
    require_permission(actor, Permission.MEMBER_CHECK_IN)
    with uow:
        result = _resolve(uow, now, text)
        if result.card is not None:
            member = uow.session.get(Member, result.card.id)
            _record_visit(uow, actor, now, member, result.source)
            uow.commit()
        return result


def check_in_member(
    uow: UnitOfWork, actor: Actor, now: datetime, member_id: str, source: str
) -> MemberCard:
    """The cashier picked one member from a choice list: card and visit in one transaction."""
    require_permission(actor, Permission.MEMBER_CHECK_IN)
    with uow:
        member = _active_member(uow, member_id)
        card = _card(uow, member, now)
        _record_visit(uow, actor, now, member, source)
        uow.commit()
        return card


def _resolve(uow: UnitOfWork, now: datetime, text: str) -> CheckIn:
    kind, value = classify_query(text)
    if kind in ("empty", "too_long"):
        raise ValidationError(f"scan.{kind}")
    if kind == "code":
        member = _member_from_code(uow, value)
    else:
        rows = _find(uow, kind, value, None, CANDIDATE_LIMIT + 1)
        if not rows:
            raise NotFoundError(error_codes.MEMBER_NOT_FOUND, kind=kind)
        if len(rows) > 1:
            listed = tuple(_row(m, kind) for m in rows[:CANDIDATE_LIMIT])
            return CheckIn(None, listed, kind, more=len(rows) > CANDIDATE_LIMIT)
        member = rows[0]
    return CheckIn(_card(uow, member, now), (), kind)


def list_members(
    uow: UnitOfWork, query: str, after: tuple[str, str] | None, limit: int
) -> list[MemberRow]:
    """A page of active members matching `query`, after the row whose sort key is `after`."""
    kind, value = classify_query(query)
    if kind == "too_long":
        raise ValidationError(error_codes.SCAN_TOO_LONG)
    with uow:
        if kind == "code":
            found = _member_from_code(uow, value)
            members = [found] if after is None else []
        else:
            members = _find(uow, kind, value, after, limit)
        return [_row(m, kind) for m in members]


def the_one_member(uow: UnitOfWork, query: str) -> Member:
    """Inside an open unit of work: the one active member `query` (a code, a member no., a
    mobile number or a name) finds; none, or more than one, is not found."""
    kind, value = classify_query(query)
    if kind == "too_long":
        raise ValidationError(error_codes.SCAN_TOO_LONG)
    if kind == "code":
        return _member_from_code(uow, value)
    found = _find(uow, kind, value, None, 2)
    if len(found) != 1:
        raise NotFoundError(error_codes.MEMBER_NOT_FOUND, kind="query")
    return found[0]


def _find(
    uow: UnitOfWork, kind: str, value: str, after: tuple[str, str] | None, limit: int
) -> list[Member]:
    by_name = kind == "name"
    order = (Member.name, Member.member_no) if by_name else (Member.member_no,)
    query = select(Member).where(Member.active.is_(True))
    if kind == "mobile":
        query = query.where(Member.mobile == value)
    elif kind == "last4":
        query = query.where(Member.mobile_last4 == value)
    elif kind == "member_no":
        query = query.where(Member.member_no == value)
    elif by_name:
        # A range on the index instead of LIKE, which SQLite would not index for Chinese.
        query = query.where(and_(Member.name >= value, Member.name < value + "\U0010ffff"))
    if after is not None:
        if by_name:
            query = query.where(tuple_(Member.name, Member.member_no) > tuple_(*after))
        else:
            query = query.where(Member.member_no > after[1])
    return list(uow.session.scalars(query.order_by(*order).limit(limit)))


def _member_from_code(uow: UnitOfWork, text: str) -> Member:
    code = read_member_code(uow, text)
    member = uow.session.get(Member, code.member_id)
    if member is None:
        raise NotFoundError(error_codes.MEMBER_NOT_FOUND, kind="code")
    if not member.active:
        raise StateError(error_codes.MEMBER_INACTIVE, name=member.name)
    if code.card_serial != member.card_serial:
        raise ValidationError(error_codes.QR_REVOKED, name=member.name)
    return member


def _record_visit(
    uow: UnitOfWork, actor: Actor, now: datetime, member: Member, source: str
) -> None:
    award_visit_bonus(uow, actor, now, member)
    visit = Visit(
        id=new_id(),
        member_id=member.id,
        store_id=actor.store_id,
        device_id=actor.device_id,
        staff_id=actor.staff_id,
        source=source,
        at=now,
    )
    uow.session.add(visit)
    record_operation(
        uow,
        actor,
        now,
        "member.visit",
        {"visit_id": visit.id, "member_id": member.id, "source": source, "at": now.isoformat()},
    )


def _card(uow: UnitOfWork, member: Member, now: datetime) -> MemberCard:
    warn_until = now + timedelta(days=rules_in(uow, now).expiry_warning_days)
    parts = read_card_parts(uow, member.id, now, warn_until, RECENT_VISITS, MAX_CARD_COUPONS)
    recent = tuple(
        VisitInfo(at, parts.store_name if store_id == parts.store_id else store_id[:8], label or "")
        for at, store_id, label in parts.recent
    )
    return MemberCard(
        id=member.id,
        member_no=member.member_no,
        name=member.name,
        mobile_masked=mask_mobile(member.mobile),
        tier=member.tier,
        points_balance=member.points_balance,
        points_expiring=parts.expiring,
        points_expiring_on=parts.expiring_on,
        birthday_month=is_birthday_month(member.birth_month, now, parts.timezone),
        at_risk=is_at_risk(member.last_purchase_at, now),
        coupons=parts.coupons,
        recent_visits=recent,  # before this visit
        visits_today=parts.visits_today,
    )


def _row(member: Member, kind: str) -> MemberRow:
    key = (
        (member.name, member.member_no) if kind == "name" else (member.member_no, member.member_no)
    )
    return MemberRow(
        member.id,
        member.member_no,
        member.name,
        mask_mobile(member.mobile),
        member.tier,
        member.points_balance,
        key,
    )
