"""Builders the tests share: a member registered, a sale earned, points given, by the
counter's own use cases (so what they build is what a cashier's actions leave).

`counter` is the `counter` fixture (tests.conftest.SetUpCounter) or anything with the same
`runtime` and `manager`: the sync tests' counters are. Each builder writes in a unit of work
of its own at the counter's clock unless told `actor` or `now`.
"""

from datetime import datetime

from services import points
from services.core.actor import Actor
from services.members.accounts import MemberSummary, NewMember, register_member
from services.points.ledger import balance_problems

NAME = "陈安娜"
MOBILE = "13800138000"
# Born in August: no birthday-month doubling in the months most tests earn in.
BIRTH_MONTH = 8
BIRTH_DAY = 12


def register(
    counter,
    name: str = NAME,
    mobile: str = MOBILE,
    month: int = BIRTH_MONTH,
    day: int = BIRTH_DAY,
    *,
    actor: Actor | None = None,
) -> MemberSummary:
    return register_member(
        counter.runtime.writer(),
        actor or counter.manager,
        counter.runtime.now(),
        NewMember(name, mobile, month, day),
    )


def earn(
    counter,
    member_id: str,
    receipt: str,
    gross_fen: int,
    categories: dict[str, int] | None = None,
    cash: int = 0,
    *,
    actor: Actor | None = None,
    now: datetime | None = None,
    coupon: str | None = None,
    **options,
) -> points.EarnResult:
    """A sale of `gross_fen` on `receipt`; `cash` points paid part of it, `coupon` is a
    scanned coupon's text."""
    return points.earn(
        counter.runtime.writer(),
        actor or counter.manager,
        now or counter.runtime.now(),
        member_id,
        receipt,
        gross_fen,
        categories or {},
        cash,
        coupon_text=coupon,
        **options,
    )


def give_points(counter, member_id: str, amount: int, reason: str = "开户积分") -> None:
    """A manager's adjustment: a balance to spend in a test about spending."""
    points.adjust(
        counter.runtime.writer(), counter.manager, counter.runtime.now(), member_id, amount, reason
    )


def pos_sale_states(runtime) -> list[tuple[str, str | None]]:
    """(status, settled by) of every sale a till posted, oldest first: what the database
    keeps, so a restart would find the same."""
    from sqlalchemy import select

    from models.pos import PosPendingSale

    with runtime.reader() as uow:
        rows = uow.session.execute(
            select(PosPendingSale.status, PosPendingSale.settled_by).order_by(
                PosPendingSale.posted_at, PosPendingSale.id
            )
        )
        return [tuple(row) for row in rows]


def assert_consistent(counter, db) -> None:
    """The service's own balance check, then independently: each member's balance is the sum
    of their ledger, and their lots hold what is left of it (never below zero)."""
    with counter.runtime.reader() as uow:
        assert balance_problems(uow) == []
    for member_id, bal in db.rows("SELECT id, points_balance FROM member"):
        ledger = db.scalar(
            "SELECT coalesce(sum(delta), 0) FROM points_entry WHERE member_id = ?", member_id
        )
        left = db.scalar(
            "SELECT coalesce(sum(remaining), 0) FROM points_lot WHERE member_id = ?", member_id
        )
        assert (bal, left) == (ledger, max(ledger, 0))
