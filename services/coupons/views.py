"""What the coupon page and the printer read: search, one coupon's history, print data."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select

from models.catalog import Member
from models.counter import Counter, Store
from models.coupons import Coupon, CouponMove
from models.staff import Staff
from services.core.actor import Actor
from services.core.uow import UnitOfWork
from services.coupons.codes import dashed_code
from services.coupons.issue import move
from services.rules.members import mask_name
from services.rules.text import clean_text

SEARCH_LIMIT = 200


@dataclass(frozen=True)
class CouponRow:
    coupon_id: str
    code: str
    title_zh: str
    title_en: str
    kind: str
    value: int
    min_spend_fen: int
    status: str
    member_name: str | None
    issued_at: datetime
    expires_at: datetime
    redeemed_at: datetime | None
    redeemed_reference: str | None


@dataclass(frozen=True)
class CouponLine:
    at: datetime
    kind: str
    reason: str
    reference: str | None
    staff_name: str | None
    store_name: str
    counter_label: str


@dataclass(frozen=True)
class PrintableCoupon:
    store_name: str
    title_zh: str
    title_en: str
    kind: str
    value: int
    min_spend_fen: int
    expires_at: datetime
    holder: str | None  # masked: a printed coupon lies on counters
    code: str
    payload: str


def find_coupons(
    uow: UnitOfWork, text: str = "", status: str | None = None, limit: int = SEARCH_LIMIT
) -> list[CouponRow]:
    """By short code, member number, mobile or name; newest first."""
    text = clean_text(text)
    with uow:
        query = select(Coupon, Member.name).outerjoin(Member, Member.id == Coupon.member_id)
        if text:
            dashed = dashed_code(text) if len(text.replace("-", "")) == 12 else text
            query = query.where(
                or_(
                    Coupon.code == dashed,
                    Member.member_no == text,
                    Member.mobile == text,
                    Member.name == text,
                )
            )
        if status:
            query = query.where(Coupon.status == status)
        rows = uow.session.execute(
            query.order_by(Coupon.issued_at.desc(), Coupon.id.desc()).limit(limit)
        ).all()
        return [_row(c, name) for c, name in rows]


def coupon_history(uow: UnitOfWork, coupon_id: str) -> list[CouponLine]:
    with uow:
        rows = uow.session.execute(
            select(CouponMove, Staff.name, Store.name, Counter.label)
            .outerjoin(Staff, Staff.id == CouponMove.staff_id)
            .outerjoin(Store, Store.id == CouponMove.store_id)
            .outerjoin(Counter, Counter.id == CouponMove.device_id)
            .where(CouponMove.coupon_id == coupon_id)
            .order_by(CouponMove.id)
        ).all()
        return [
            CouponLine(
                m.at, m.kind, m.reason, m.reference, staff, store or m.store_id[:8], label or ""
            )
            for m, staff, store, label in rows
        ]


def printable_coupons(
    uow: UnitOfWork, actor: Actor, now: datetime, coupon_ids: list[str]
) -> list[PrintableCoupon]:
    """Print data in the order asked; each print is noted in the coupon's history."""
    with uow:
        store = uow.session.scalar(select(Store.name).join(Counter))
        found = {
            c.id: (c, name)
            for c, name in uow.session.execute(
                select(Coupon, Member.name)
                .outerjoin(Member, Member.id == Coupon.member_id)
                .where(Coupon.id.in_(coupon_ids))
            )
        }
        out = []
        for coupon_id in coupon_ids:
            if coupon_id not in found:
                continue
            c, name = found[coupon_id]
            uow.session.add(move(actor, now, c.id, "print", "printed", None))
            out.append(
                PrintableCoupon(
                    store,
                    c.title_zh,
                    c.title_en,
                    c.kind,
                    c.value,
                    c.min_spend_fen,
                    c.expires_at,
                    mask_name(name) if name else None,
                    c.code,
                    c.payload,
                )
            )
        uow.commit()
        return out


def _row(c: Coupon, name: str | None) -> CouponRow:
    return CouponRow(
        c.id,
        c.code,
        c.title_zh,
        c.title_en,
        c.kind,
        c.value,
        c.min_spend_fen,
        c.status,
        name,
        c.issued_at,
        c.expires_at,
        c.redeemed_at,
        c.redeemed_reference,
    )
