"""A customer's rating at the counter: "How likely are you to recommend us?" (NPS, 0-10) and,
beside it, "How satisfied are you with your visit today?" (CSAT, 1-5)."""

from datetime import datetime

from common.ids import new_id
from models.reports import CsatResponse, NpsResponse
from services.core.actor import Actor
from services.core.errors import ValidationError
from services.core.journal import record_operation
from services.core.uow import UnitOfWork
from services.protocol import codes
from services.rules.text import clean_text

COMMENT_MAX = 500


def record_rating(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    score: int,
    comment: str = "",
    member_id: str | None = None,
    reference: str | None = None,
) -> str:
    if not isinstance(score, int) or isinstance(score, bool) or not 0 <= score <= 10:
        raise ValidationError(codes.NPS_BAD_SCORE)
    comment = clean_text(comment or "")
    if len(comment) > COMMENT_MAX:
        raise ValidationError(codes.NPS_COMMENT_TOO_LONG, most=COMMENT_MAX)
    with uow:
        row = NpsResponse(
            id=new_id(),
            score=score,
            comment=comment or None,
            member_id=member_id,
            reference=reference,
            staff_id=actor.staff_id,
            device_id=actor.device_id,
            store_id=actor.store_id,
            at=now,
        )
        uow.session.add(row)
        record_operation(
            uow,
            actor,
            now,
            "nps.record",
            {
                "response_id": row.id,
                "score": score,
                "comment": row.comment,
                "member_id": member_id,
                "reference": reference,
                "at": now.isoformat(),
            },
        )
        uow.commit()
        return row.id


def record_satisfaction(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    score: int,
    member_id: str | None = None,
    reference: str | None = None,
) -> str:
    """CSAT: 1 (very dissatisfied) to 5 (very satisfied)."""
    if not isinstance(score, int) or isinstance(score, bool) or not 1 <= score <= 5:
        raise ValidationError(codes.CSAT_BAD_SCORE)
    with uow:
        row = CsatResponse(
            id=new_id(),
            score=score,
            member_id=member_id,
            reference=reference,
            staff_id=actor.staff_id,
            device_id=actor.device_id,
            store_id=actor.store_id,
            at=now,
        )
        uow.session.add(row)
        record_operation(
            uow,
            actor,
            now,
            "csat.record",
            {
                "response_id": row.id,
                "score": score,
                "member_id": member_id,
                "reference": reference,
                "at": now.isoformat(),
            },
        )
        uow.commit()
        return row.id
