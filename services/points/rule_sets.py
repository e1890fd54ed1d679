"""The rule set a counter works by: the newest version in force on the store's day, or the
built-in defaults."""

import functools
import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from services.core.raw_sql import raw_connection
from services.core.uow import UnitOfWork
from services.rules import points as rules

# Versions looked at for one in force: head office publishes at most a few ahead of time.
_RECENT_VERSIONS = 16


def rules_in(uow: UnitOfWork, now: datetime) -> rules.RuleSet:
    """The rule set in force at `now` on this store's calendar; the built-in defaults are
    version 1. Every earn asks, so the newest bodies are read with one plain query, each
    parsed once, and the store's time zone only read when a version starts near today."""
    if uow.session.new:
        uow.flush()  # a version added earlier in this unit of work (a pull)
    conn = raw_connection(uow)
    rows = conn.execute(
        "SELECT body FROM rule_set ORDER BY version DESC LIMIT ?", (_RECENT_VERSIONS,)
    ).fetchall()
    if not rows:
        return rules.DEFAULT_RULES
    newest = rules_from_json(rows[0][0])
    # No zone is more than a day from UTC: a start two days back has begun everywhere.
    if newest.starts_on is None or newest.starts_on <= (now - timedelta(days=2)).date():
        return newest
    zone = conn.execute("SELECT timezone FROM store LIMIT 1").fetchone()
    today = now.astimezone(ZoneInfo(zone[0]) if zone else now.tzinfo).date()
    return rules.rules_in_force([rules_from_json(row[0]) for row in rows], today)


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
