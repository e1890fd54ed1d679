"""The rule set a counter works by: the newest version it holds, or the built-in defaults."""

import functools
import json

from services.raw_sql import raw_connection
from services.rules import points as rules
from services.uow import UnitOfWork


def rules_in(uow: UnitOfWork) -> rules.RuleSet:
    """The newest rule set this counter holds; the built-in defaults are version 1. Every
    earn asks, so the newest body is read with one plain query and parsed once per body."""
    if uow.session.new:
        uow.flush()  # a version added earlier in this unit of work (a pull)
    row = (
        raw_connection(uow)
        .execute("SELECT body FROM rule_set ORDER BY version DESC LIMIT 1")
        .fetchone()
    )
    return rules.DEFAULT_RULES if row is None else rules_from_json(row[0])


@functools.lru_cache(maxsize=16)
def rules_from_json(body: str) -> rules.RuleSet:
    # Shared, like DEFAULT_RULES: a rule set is never changed once made.
    return rules.rules_from_dict(json.loads(body))


def coupon_exchange_step(uow: UnitOfWork) -> int:
    """Points one coupon costs (100 by default)."""
    with uow:
        return rules_in(uow).coupon_points
