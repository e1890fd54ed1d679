"""Members for the console: search across the chain (member number, mobile, or the start of
a name; keyset pages), one member's page (tier history, ledger across stores in pages,
coupons, event attendance), and head office's adjustment of their points.

An adjustment is a ledger row at the centre (`points_entry`, kind `console_adjust`) and a
signed `points_adjustment` change every counter that knows the member enters in its own
ledger, then the member's new balance (central.admin.member_body) as usual.
"""

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, or_, select, text
from sqlalchemy.orm import Session

from central.admin import member_body
from central.console.audit import Who, record
from central.console.auth import SignedIn
from central.console.errors import ConsoleError
from central.feed import PendingChanges, flush_changes
from central.ids import new_id
from central.models import Coupon, CouponRedemption, EventSignIn, Member, PointsEntry, Store

PAGE = 50
MAX_ADJUST = 1_000_000
MOBILE = re.compile(r"^1\d{10}$")
NAME_END = "\U0010ffff"  # past every name that starts with the text searched for


@dataclass(frozen=True)
class MemberLine:
    id: str
    member_no: str
    name: str
    mobile: str
    tier: str
    balance: int
    store: str


def masked(mobile: str) -> str:
    """138****8000: enough to tell two members apart on a screen, not to call them."""
    return mobile[:3] + "****" + mobile[-4:] if len(mobile) == 11 else "****"


def search(
    session: Session, user: SignedIn, q: str, after: tuple[str, str] | None = None
) -> list[MemberLine]:
    """Up to PAGE + 1 members: by mobile (11 digits), else by member number, else those
    whose name starts with `q`, by name then id after `after` (keyset)."""
    q = q.strip()
    base = (
        select(Member, Store.code)
        .outerjoin(Store, Store.id == Member.home_store_id)
        .where(Member.chain_id == user.chain_id)
    )
    if user.store_id is not None:
        base = base.where(Member.home_store_id == user.store_id)
    if MOBILE.match(q):
        rows = session.execute(base.where(Member.mobile == q).limit(PAGE + 1)).all()
    else:
        rows = session.execute(base.where(Member.member_no == q).limit(PAGE + 1)).all()
        if not rows:
            query = base.where(Member.name >= q, Member.name < q + NAME_END)
            if after is not None:
                name, member_id = after
                query = query.where(
                    or_(Member.name > name, and_(Member.name == name, Member.id > member_id))
                )
            rows = session.execute(query.order_by(Member.name, Member.id).limit(PAGE + 1)).all()
    return [
        MemberLine(m.id, m.member_no, m.name, masked(m.mobile), m.tier, m.balance, code or "")
        for m, code in rows
    ]


def visible_member(session: Session, user: SignedIn, member_id: str) -> Member:
    member = session.get(Member, member_id[:36])
    if member is None or member.chain_id != user.chain_id:
        raise ConsoleError("console.not_found", 404)
    if user.store_id is not None and member.home_store_id != user.store_id:
        raise ConsoleError("console.not_found", 404)
    return member


def ledger_page(session: Session, member_id: str, before: int | None) -> list:
    """Up to PAGE + 1 of the member's ledger entries at every store, newest first."""
    query = (
        select(PointsEntry, Store.code, Store.name)
        .outerjoin(Store, Store.id == PointsEntry.store_id)
        .where(PointsEntry.member_id == member_id)
        .order_by(PointsEntry.id.desc())
        .limit(PAGE + 1)
    )
    if before is not None:
        query = query.where(PointsEntry.id < before)
    return session.execute(query).all()


def coupons(session: Session, chain_id: str, member_id: str, limit: int = 100) -> list:
    return session.execute(
        select(
            Coupon.id,
            Coupon.code,
            Coupon.status,
            Coupon.revoked_at,
            CouponRedemption.at,
            Store.code.label("store"),
        )
        .outerjoin(
            CouponRedemption,
            and_(
                CouponRedemption.chain_id == Coupon.chain_id,
                CouponRedemption.coupon_id == Coupon.id,
                CouponRedemption.voided_at.is_(None),
            ),
        )
        .outerjoin(Store, Store.id == CouponRedemption.store_id)
        .where(Coupon.chain_id == chain_id, Coupon.member_id == member_id)
        .order_by(Coupon.id.desc())
        .limit(limit)
    ).all()


def attendance(session: Session, member_id: str, limit: int = 100) -> list:
    return session.execute(
        select(EventSignIn.event_id, EventSignIn.at, EventSignIn.scans, Store.code.label("store"))
        .outerjoin(Store, Store.id == EventSignIn.store_id)
        .where(EventSignIn.member_id == member_id)
        .order_by(EventSignIn.at.desc())
        .limit(limit)
    ).all()


def tier_history(session: Session, member_id: str, limit: int = 50) -> list:
    """Every tier change the centre saw (member_tier_change, kept by triggers)."""
    return session.execute(
        text(
            "SELECT at, old_tier, new_tier FROM member_tier_change WHERE member_id = :m"
            " ORDER BY at DESC LIMIT :n"
        ),
        {"m": member_id, "n": limit},
    ).all()


def adjust_points(
    session: Session,
    user: SignedIn,
    who: Who,
    member_id: str,
    delta: int,
    reason: str,
    now: datetime,
) -> int:
    """Adds `delta` points (negative: takes them) with a reason; the new balance. One
    transaction: the centre's ledger row, the member's balance, the audit row, the changes."""
    if delta == 0 or abs(delta) > MAX_ADJUST:
        raise ConsoleError("members.bad_delta", max=MAX_ADJUST)
    member = session.scalar(select(Member).where(Member.id == member_id[:36]).with_for_update())
    if member is None:
        raise ConsoleError("console.not_found", 404)
    visible_member(session, user, member.id)
    before = member.balance
    if before + delta < 0:
        raise ConsoleError("members.below_zero", balance=before)
    adjustment_id = new_id()
    member.balance = before + delta
    if member.balance >= 0:
        member.redeem_blocked = False  # arrears paid
    member.updated_at = now
    session.add(
        PointsEntry(
            member_id=member.id,
            op_id=adjustment_id,
            kind="console_adjust",
            delta=delta,
            store_id=member.home_store_id,
            at=now,
        )
    )
    pending = PendingChanges(member.chain_id)
    # The adjustment before the balance: a counter enters it, then the balance agrees.
    pending.add(
        "points_adjustment",
        adjustment_id,
        {
            "id": adjustment_id,
            "member_id": member.id,
            "delta": delta,
            "reason": reason,
            "by": user.name,
            "at": now.isoformat(),
        },
    )
    pending.add("member", member.id, member_body(member))
    flush_changes(session, pending)
    record(
        session,
        who,
        now,
        "member.adjust_points",
        f"member:{member.id}",
        {"balance": before},
        {"balance": member.balance, "delta": delta, "adjustment": adjustment_id},
        reason,
    )
    return member.balance
