"""The visit streak reward at the centre: the rule set's points for the rule set's run, and
at most one per member in each run-long block of days, however many counters claim it."""

from datetime import date

from central.push_batch import Batch
from central.push_points import refuse_bonus_day
from central.push_types import Envelope, Outcome, Reject, _int, _str
from services.protocol import codes
from services.rules import points as point_rules


def points_streak_bonus(b: Batch, env: Envelope, body: dict) -> Outcome:
    member = b.member(body.get("member_id"))
    rules = b.rule_set(body.get("rule_version"))
    points = _int(body, "points", 1)
    streak_days = _int(body, "streak_days", 2)
    day = date.fromisoformat(_str(body, "day"))
    if points != rules.streak_bonus_points or streak_days != rules.streak_days:
        raise Reject(codes.POINTS_BONUS_NOT_DERIVABLE, points=points)
    refuse_bonus_day(b, day)
    # Two real streak bonuses are a run apart, so never in one block: a counter that claims
    # one every day is credited once a run at most.
    block = str(point_rules.streak_block(day, streak_days))
    if not b.claim_bonus(env, member["id"], "streak", block):
        return Outcome("duplicate", "points.bonus_already_credited")
    b.post(env, member, points, "visit_bonus")
    return Outcome()
