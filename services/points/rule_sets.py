"""The rule set a counter works by: the newest version in force on the store's day, or the
built-in defaults."""

import functools
import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from services.core.uow import UnitOfWork
from services.points.reads import PointsReads
from services.rules import points as rules

# Versions looked at for one in force: head office publishes at most a few ahead of time.
_RECENT_VERSIONS = 16


def rules_in(uow: UnitOfWork, now: datetime) -> rules.RuleSet:
    """The rule set in force at `now` on this store's calendar; the built-in defaults are
    version 1. Every earn asks, so the newest bodies are read with one plain query, each
    parsed once, and the store's time zone only read when a version starts near today."""
    reads = PointsReads(uow)  # sees a version added earlier in this unit of work (a pull)
    bodies = reads.rule_bodies(_RECENT_VERSIONS)
    if not bodies:
        return rules.DEFAULT_RULES
    newest = rules_from_json(bodies[0])
    # No zone is more than a day from UTC: a start two days back has begun everywhere.
    if newest.starts_on is None or newest.starts_on <= (now - timedelta(days=2)).date():
        return newest
    zone = reads.any_timezone()
    today = now.astimezone(ZoneInfo(zone) if zone else now.tzinfo).date()
    return rules.rules_in_force([rules_from_json(body) for body in bodies], today)


@functools.lru_cache(maxsize=16)
def rules_from_json(body: str) -> rules.RuleSet:
    # Shared, like DEFAULT_RULES: a rule set is never changed once made.
    return rules.rules_from_dict(json.loads(body))


def coupon_exchange_step(uow: UnitOfWork, now: datetime) -> int:
    """Points one coupon costs (100 by default)."""
    with uow:
        return rules_in(uow, now).coupon_points


def cash_points_step(uow: UnitOfWork, now: datetime) -> int:
    """Points as cash go in steps of this many points (100 by default)."""
    with uow:
        return rules_in(uow, now).cash_points_step
