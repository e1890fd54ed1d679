"""Members at the counter: register, find, check in, edit, deactivate, reissue cards."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update

from common.ids import new_id
from models.catalog import Member
from models.counter import Counter, Store
from services.core.actor import Actor, Approval
from services.core.errors import StateError, ValidationError
from services.core.journal import append_audit, record_operation
from services.core.uow import UnitOfWork
from services.members.codes import sign_member_code
from services.members.lookup import find_member as _active_member
from services.protocol import codes as error_codes
from services.rules.birthdays import birthday_problem
from services.rules.permissions import Permission
from services.rules.text import clean_text, name_problem, normalize_mobile
from services.staff.authz import authorize, require_permission


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
    name, mobile, note = _checked_fields(new, now)
    with uow:
        authorize(uow, actor, now, Permission.MEMBER_REGISTER, None)
        if uow.session.scalar(select(Member.id).where(Member.mobile == mobile)):
            raise StateError(error_codes.MEMBER_MOBILE_TAKEN)
        member = Member(
            id=new_id(),
            member_no=_next_member_no(uow, actor.device_id),
            name=name,
            mobile=mobile,
            mobile_last4=mobile[-4:],
            birth_month=new.birth_month,
            birth_day=new.birth_day,
            birth_year=new.birth_year,
            tier="bronze",
            points_balance=0,
            consent_marketing=new.consent_marketing,
            note=note,
            active=True,
            home_store_id=actor.store_id,
            card_serial=1,
            created_at=now,
        )
        uow.session.add(member)
        record_operation(uow, actor, now, "member.register", _member_payload(member))
        uow.commit()
        return MemberSummary(member.id, member.member_no, name, mobile, "bronze", 0)


def update_member(
    uow: UnitOfWork, actor: Actor, now: datetime, member_id: str, changes: NewMember
) -> MemberSummary:
    """Edits what the member told us; the old and new values land in the audit log."""
    require_permission(actor, Permission.MEMBER_REGISTER)
    name, mobile, note = _checked_fields(changes, now)
    with uow:
        authorize(uow, actor, now, Permission.MEMBER_REGISTER, None)
        member = _active_member(uow, member_id)
        taken = uow.session.scalar(
            select(Member.id).where(Member.mobile == mobile, Member.id != member_id)
        )
        if taken:
            raise StateError(error_codes.MEMBER_MOBILE_TAKEN)
        before = _member_payload(member)
        member.name, member.mobile, member.mobile_last4, member.note = (
            name,
            mobile,
            mobile[-4:],
            note,
        )
        member.birth_month, member.birth_day = changes.birth_month, changes.birth_day
        member.birth_year, member.consent_marketing = changes.birth_year, changes.consent_marketing
        member.updated_at = now
        after = _member_payload(member)
        diff = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
        append_audit(uow, actor, now, "member.updated", f"member:{member.id}", diff)
        record_operation(uow, actor, now, "member.update", {"member_id": member.id, **after})
        uow.commit()
        return _summary(member)


def deactivate_member(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    member_id: str,
    reason: str,
    approval: Approval | None = None,
) -> None:
    """Never a delete: the ledger keeps referring to the member; new scans are refused."""
    require_permission(actor, Permission.MEMBER_DEACTIVATE, approval)
    reason = clean_text(reason)
    if len(reason) < 2:
        raise ValidationError(error_codes.REASON_REQUIRED)
    with uow:
        authorize(uow, actor, now, Permission.MEMBER_DEACTIVATE, approval)
        member = _active_member(uow, member_id)
        member.active = False
        member.updated_at = now
        append_audit(
            uow,
            actor,
            now,
            "member.deactivated",
            f"member:{member.id}",
            {},
            reason=reason,
            approved_by=approval.manager_id if approval else None,
        )
        record_operation(
            uow, actor, now, "member.deactivate", {"member_id": member.id, "reason": reason}
        )
        uow.commit()


def member_details(uow: UnitOfWork, member_id: str) -> NewMember:
    """What the member told us, to fill the edit form."""
    with uow:
        m = _active_member(uow, member_id)
        return NewMember(
            m.name, m.mobile, m.birth_month, m.birth_day, m.birth_year, m.consent_marketing, m.note
        )


def member_code(uow: UnitOfWork, actor: Actor, now: datetime, member_id: str) -> str:
    """The signed text for this member's current card (for printing it)."""
    with uow:
        member = _active_member(uow, member_id)
        code = sign_member_code(
            uow, f"device:{actor.device_id}", member.id, member.card_serial, now
        )
        uow.commit()  # the counter's key is made on first use
        return code


@dataclass(frozen=True)
class PrintableCard:
    store_name: str
    member_name: str
    member_no: str
    tier: str
    code: str


def printable_card(uow: UnitOfWork, actor: Actor, now: datetime, member_id: str) -> PrintableCard:
    """What a printed card carries, with a freshly signed code for the current card serial."""
    with uow:
        member = _active_member(uow, member_id)
        store = uow.session.scalars(select(Store).join(Counter)).one()
        code = sign_member_code(
            uow, f"device:{actor.device_id}", member.id, member.card_serial, now
        )
        uow.commit()  # the counter's key is made on first use
        return PrintableCard(store.name, member.name, member.member_no, member.tier, code)


def reissue_card(uow: UnitOfWork, actor: Actor, now: datetime, member_id: str) -> str:
    """A new card: every code printed before stops working at once."""
    require_permission(actor, Permission.MEMBER_REGISTER)
    with uow:
        authorize(uow, actor, now, Permission.MEMBER_REGISTER, None)
        member = _active_member(uow, member_id)
        member.card_serial += 1
        member.updated_at = now
        serial = member.card_serial
        append_audit(
            uow, actor, now, "member.card_reissued", f"member:{member.id}", {"serial": serial}
        )
        record_operation(
            uow, actor, now, "member.card_reissue", {"member_id": member.id, "card_serial": serial}
        )
        code = sign_member_code(uow, f"device:{actor.device_id}", member.id, serial, now)
        uow.commit()
        return code


def _checked_fields(new: NewMember, now: datetime) -> tuple[str, str, str | None]:
    name = clean_text(new.name)
    if problem := name_problem(name):
        raise ValidationError("member." + problem)
    mobile = normalize_mobile(new.mobile)
    if mobile is None:
        raise ValidationError(error_codes.MEMBER_BAD_MOBILE)
    if problem := birthday_problem(new.birth_month, new.birth_day, new.birth_year, now.year):
        raise ValidationError(problem)
    note = clean_text(new.note) if new.note else None
    return name, mobile, note


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


def _summary(member: Member) -> MemberSummary:
    return MemberSummary(
        member.id, member.member_no, member.name, member.mobile, member.tier, member.points_balance
    )


def _member_payload(member: Member) -> dict:
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
