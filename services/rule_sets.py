"""The rule set a counter works by: the newest version it holds, or the built-in defaults."""

import json

from sqlalchemy import select

from models.points import RuleVersion
from services.rules import points as rules
from services.uow import UnitOfWork


def rules_in(uow: UnitOfWork) -> rules.RuleSet:
    """The newest rule set this counter holds; the built-in defaults are version 1."""
    body = uow.session.scalar(
        select(RuleVersion.body).order_by(RuleVersion.version.desc()).limit(1)
    )
    return rules.DEFAULT_RULES if body is None else rules_from_json(body)


def rules_from_json(body: str) -> rules.RuleSet:
    return rules.rules_from_dict(json.loads(body))


def coupon_exchange_step(uow: UnitOfWork) -> int:
    """Points one coupon costs (100 by default)."""
    with uow:
        return rules_in(uow).coupon_points
