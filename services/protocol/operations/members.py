"""Members: registration and changes, card reissues, tiers, visits and the satisfaction answers."""

from pydantic import ConfigDict, Field, model_validator

from services.protocol.fields import (
    BirthYear,
    Bool,
    Code,
    Comment,
    DayOfMonth,
    Fen,
    FieldProblem,
    Id,
    Mobile,
    Month,
    Name,
    Note,
    Reason,
    Reference,
    Tier,
    Timestamp,
    Token,
    whole,
)
from services.protocol.operations.base import (
    DAYS_IN_MONTH,
    CardSerial,
    Payload,
    Score,
)


class MemberFields(Payload):
    member_id: Id
    member_no: Code
    name: Name
    mobile: Mobile
    birth_month: Month
    birth_day: DayOfMonth
    birth_year: BirthYear | None = None
    consent_marketing: Bool
    note: Note | None = None
    home_store_id: Id

    @model_validator(mode="after")
    def _day_in_month(self) -> "MemberFields":
        if self.birth_day > DAYS_IN_MONTH[self.birth_month - 1]:
            raise FieldProblem("birth_day", "past the end of birth_month")
        return self


class MemberRegister(MemberFields):
    pass


class MemberUpdate(MemberFields):
    pass


class MemberDeactivate(Payload):
    member_id: Id
    reason: Reason


class MemberCardReissue(Payload):
    member_id: Id
    card_serial: CardSerial


class MemberTierChange(Payload):
    model_config = ConfigDict(populate_by_name=True)
    member_id: Id
    from_: Tier = Field(alias="from")
    to: Tier
    reason: Name
    spend_fen: Fen


class MemberVisit(Payload):
    visit_id: Id
    member_id: Id
    source: Token
    at: Timestamp


class NpsRecord(Payload):
    response_id: Id
    score: Score
    comment: Comment | None = None
    member_id: Id | None = None
    reference: Reference | None = None
    at: Timestamp


class CsatRecord(Payload):
    """Satisfaction with the visit, 1-5, asked beside the NPS question."""

    response_id: Id
    score: whole(1, 5)
    member_id: Id | None = None
    reference: Reference | None = None
    at: Timestamp


OPERATIONS = {
    ("member.register", 1): MemberRegister,
    ("member.update", 1): MemberUpdate,
    ("member.deactivate", 1): MemberDeactivate,
    ("member.card_reissue", 1): MemberCardReissue,
    ("member.tier_change", 1): MemberTierChange,
    ("member.visit", 1): MemberVisit,
    ("nps.record", 1): NpsRecord,
    ("csat.record", 1): CsatRecord,
}
