"""Tiers: the upgrade a purchase brings at once and the quarter's review, on the
trailing twelve months' spend."""

from datetime import datetime

from sqlalchemy import select

from common.ids import new_id
from models.catalog import Member
from models.points import TierChange
from services.core.actor import Actor
from services.core.journal import record_operation
from services.core.uow import UnitOfWork
from services.points.reads import PointsReads
from services.points.rule_sets import rules_in
from services.rules import points as rules

UPGRADE_REASON = "upgrade on purchase"


def trailing_spend_fen(uow: UnitOfWork, member_id: str, now: datetime) -> int:
    rows = PointsReads(uow).spends(member_id, rules.trailing_window_start(now), now)
    return sum(rules.counted_spend_fen(*row) for row in rows)


def upgrade_tier(uow, actor, now, member: Member, rule_set) -> str | None:
    """A purchase that crosses a threshold upgrades at once; it never downgrades."""
    spend = trailing_spend_fen(uow, member.id, now)
    qualified = rules.tier_for_spend(spend, rule_set)
    if rules.tier_rank(qualified) <= rules.tier_rank(member.tier):
        return None
    change_tier(uow, actor, now, member, qualified, UPGRADE_REASON, spend)
    return qualified


def reevaluate_tiers(uow: UnitOfWork, actor: Actor, now: datetime) -> list[tuple[str, str, str]]:
    """The quarter-end review: every member to the tier their 12 months' spend qualifies
    for, up or down. Returns (member id, from, to) for each change."""
    changes = []
    with uow:
        rule_set = rules_in(uow, now)
        for member in uow.session.scalars(select(Member).where(Member.active.is_(True))):
            spend = trailing_spend_fen(uow, member.id, now)
            qualified = rules.tier_for_spend(spend, rule_set)
            if qualified != member.tier:
                changes.append((member.id, member.tier, qualified))
                change_tier(uow, actor, now, member, qualified, "quarterly review", spend)
        uow.commit()
    return changes


def change_tier(uow, actor, now, member: Member, tier: str, reason: str, spend: int) -> None:
    uow.session.add(
        TierChange(
            id=new_id(),
            member_id=member.id,
            from_tier=member.tier,
            to_tier=tier,
            reason=reason,
            spend_fen=spend,
            at=now,
        )
    )
    record_operation(
        uow,
        actor,
        now,
        "member.tier_change",
        {
            "member_id": member.id,
            "from": member.tier,
            "to": tier,
            "reason": reason,
            "spend_fen": spend,
        },
    )
    member.tier = tier
