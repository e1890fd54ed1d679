"""Lucky draws among the people signed in at an event, recorded so they can be re-run.

Each round keeps its random seed, the sorted list of entrants (attendee keys) and their
hash, and the winners: `verify_draw` re-runs the pure `draw_winners` on what was kept and
must get the same winners. Winners of earlier rounds are not entrants of later ones.
"""

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from common.canonical import canonical_json
from common.ids import new_id
from models.catalog import Member
from models.events import EventDraw, EventRegistration, EventSignIn
from services.core.actor import Actor
from services.core.errors import NotFoundError, StateError, ValidationError
from services.core.journal import append_audit, record_operation
from services.core.uow import UnitOfWork
from services.events.planning import get_event
from services.protocol import codes
from services.rules import events as rules
from services.rules.members import mask_mobile
from services.rules.permissions import Permission
from services.rules.text import clean_text, name_problem
from services.staff.authz import authorize, require_permission

MAX_WINNERS = 100


@dataclass(frozen=True)
class Winner:
    key: str
    name: str
    detail: str  # member no. or a masked mobile, to tell two people of one name apart


@dataclass(frozen=True)
class DrawResult:
    draw_id: str
    event_id: str
    round: int
    prize: str
    seed: str
    entrants: int
    winners: tuple[Winner, ...]
    at: datetime


def entrants(uow: UnitOfWork, event_id: str) -> list[str]:
    """Attendee keys of everyone signed in now, without earlier winners, sorted."""
    with uow:
        return _entrants(uow, event_id)


def _entrants(uow: UnitOfWork, event_id: str) -> list[str]:
    rows = uow.session.execute(
        select(EventSignIn.member_id, EventSignIn.registration_id).where(
            EventSignIn.event_id == event_id, EventSignIn.undone_at.is_(None)
        )
    ).all()
    keys = {f"m:{m}" if m else f"r:{r}" for m, r in rows}
    for (won,) in uow.session.execute(
        select(EventDraw.winners).where(EventDraw.event_id == event_id)
    ):
        keys -= set(json.loads(won))
    return sorted(keys)


def run_draw(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    event_id: str,
    prize: str,
    count: int,
    seed: str | None = None,
) -> DrawResult:
    """One round: `count` winners among those signed in who have not won yet."""
    require_permission(actor, Permission.EVENT_SIGN_IN)
    prize = clean_text(prize)
    if problem := name_problem(prize):
        raise ValidationError("draw.prize_" + problem.split(".")[-1])
    if not isinstance(count, int) or not 1 <= count <= MAX_WINNERS:
        raise ValidationError(codes.DRAW_BAD_COUNT, most=MAX_WINNERS)
    seed = seed or rules.new_draw_seed()
    with uow:
        authorize(uow, actor, now, Permission.EVENT_SIGN_IN, None)
        get_event(uow, event_id)
        pool = _entrants(uow, event_id)
        if not pool:
            raise StateError(codes.DRAW_NO_ENTRANTS)
        if count > len(pool):
            raise ValidationError(codes.DRAW_TOO_MANY, entrants=len(pool))
        winners = rules.draw_winners(seed, pool, count)
        last = uow.session.scalar(
            select(func.max(EventDraw.round)).where(EventDraw.event_id == event_id)
        )
        draw = EventDraw(
            id=new_id(),
            event_id=event_id,
            round=(last or 0) + 1,
            prize=prize,
            seed=seed,
            entrants=canonical_json(pool),
            entrants_hash=rules.entrants_hash(pool),
            winners=canonical_json(winners),
            staff_id=actor.staff_id,
            device_id=actor.device_id,
            at=now,
        )
        uow.session.add(draw)
        uow.flush()
        payload = {
            "draw_id": draw.id,
            "event_id": event_id,
            "round": draw.round,
            "prize": prize,
            "seed": seed,
            "entrants": pool,
            "entrants_hash": draw.entrants_hash,
            "winners": winners,
            "at": now.isoformat(),
        }
        record_operation(uow, actor, now, "event.draw", payload)
        append_audit(
            uow,
            actor,
            now,
            "event.draw",
            f"event:{event_id}",
            {"round": draw.round, "seed": seed, "entrants_hash": draw.entrants_hash},
        )
        result = _result(uow, draw)
        uow.commit()
        return result


def draws(uow: UnitOfWork, event_id: str) -> list[DrawResult]:
    with uow:
        rows = uow.session.scalars(
            select(EventDraw).where(EventDraw.event_id == event_id).order_by(EventDraw.round)
        ).all()
        return [_result(uow, d) for d in rows]


def verify_draw(uow: UnitOfWork, draw_id: str) -> bool:
    """Re-runs the recorded draw: same seed and entrants must give the same winners."""
    with uow:
        draw = uow.session.get(EventDraw, draw_id)
        if draw is None:
            raise NotFoundError(codes.DRAW_NOT_FOUND)
        pool, winners = json.loads(draw.entrants), json.loads(draw.winners)
        return (
            rules.entrants_hash(pool) == draw.entrants_hash
            and rules.draw_winners(draw.seed, pool, len(winners)) == winners
        )


def _result(uow: UnitOfWork, draw: EventDraw) -> DrawResult:
    keys = json.loads(draw.winners)
    return DrawResult(
        draw.id,
        draw.event_id,
        draw.round,
        draw.prize,
        draw.seed,
        len(json.loads(draw.entrants)),
        tuple(_winner(uow, key) for key in keys),
        draw.at,
    )


def _winner(uow: UnitOfWork, key: str) -> Winner:
    kind, ident = key.split(":", 1)
    if kind == "m":
        member = uow.session.get(Member, ident)
        return Winner(key, member.name, member.member_no)
    reg = uow.session.get(EventRegistration, ident)
    detail = mask_mobile(reg.guest_mobile) if reg.guest_mobile else ""
    return Winner(key, reg.guest_name or "", detail)
