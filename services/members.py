"""Registering members at the counter. Search, cards and check-in build on this."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update

from models.catalog import Member
from models.counter import Counter, Store
from services.actor import Actor
from services.authz import require_permission
from services.errors import StateError, ValidationError
from services.ids import new_id
from services.journal import record_operation
from services.rules.birthdays import birthday_problem
from services.rules.permissions import Permission
from services.rules.text import clean_text, name_problem, normalize_mobile
from services.uow import UnitOfWork


@dataclass(frozen=True)
class NewMember:
    name: str
    mobile: str
    birth_month: int
    birth_day: int
    birth_year: int | None = None
    consent_marketing: bool = False
    note: str | None = None


@dataclass(frozen=True)
class MemberSummary:
    id: str
    member_no: str
    name: str
    mobile: str
    tier: str
    points_balance: int


def register_member(uow: UnitOfWork, actor: Actor, now: datetime, new: NewMember) -> MemberSummary:
    require_permission(actor, Permission.MEMBER_REGISTER)
    name = clean_text(new.name)
    if problem := name_problem(name):
        raise ValidationError("member." + problem)
    mobile = normalize_mobile(new.mobile)
    if mobile is None:
        raise ValidationError("member.bad_mobile")
    if problem := birthday_problem(new.birth_month, new.birth_day, new.birth_year, now.year):
        raise ValidationError(problem)
    note = clean_text(new.note) if new.note else None
    with uow:
        if uow.session.scalar(select(Member.id).where(Member.mobile == mobile)):
            raise StateError("member.mobile_taken")
        member = Member(
            id=new_id(),
            member_no=_next_member_no(uow, actor.device_id),
            name=name,
            mobile=mobile,
            birth_month=new.birth_month,
            birth_day=new.birth_day,
            birth_year=new.birth_year,
            tier="bronze",
            points_balance=0,
            consent_marketing=new.consent_marketing,
            note=note,
            active=True,
            home_store_id=actor.store_id,
            created_at=now,
        )
        uow.session.add(member)
        record_operation(uow, actor, now, "member.register", _register_payload(member))
        uow.commit()
        return MemberSummary(member.id, member.member_no, name, mobile, "bronze", 0)


def _next_member_no(uow: UnitOfWork, device_id: str) -> str:
    # Store code + counter label + a counter-local number: unique across offline counters
    # because the centre keeps (store code, counter label) unique at enrollment.
    number = uow.session.execute(
        update(Counter)
        .where(Counter.id == device_id)
        .values(last_member_no=Counter.last_member_no + 1)
        .returning(Counter.last_member_no, Counter.label, Counter.store_id)
    ).one()
    store_code = uow.session.scalar(select(Store.code).where(Store.id == number.store_id))
    return f"{store_code}-{number.label}-{number.last_member_no:06d}"


def _register_payload(member: Member) -> dict:
    return {
        "member_id": member.id,
        "member_no": member.member_no,
        "name": member.name,
        "mobile": member.mobile,
        "birth_month": member.birth_month,
        "birth_day": member.birth_day,
        "birth_year": member.birth_year,
        "consent_marketing": member.consent_marketing,
        "note": member.note,
        "home_store_id": member.home_store_id,
    }
