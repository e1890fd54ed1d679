"""Events: planning, registration, sign-in at the door, its undo and prize draws."""

from pydantic import Field, model_validator

from services.protocol import limits
from services.protocol.fields import (
    Bool,
    Code,
    FieldProblem,
    Hash,
    Id,
    Label,
    Mobile,
    Name,
    Points,
    Reason,
    RegistrationKind,
    SignInMethod,
    TicketCode,
    Tier,
    Timestamp,
    after,
    member_or_guest,
)
from services.protocol.operations.base import (
    Capacity,
    DrawRound,
    IdList,
    Payload,
)


class EventFields(Payload):
    event_id: Id
    code: Code
    name: Name
    place: Name
    starts_at: Timestamp
    ends_at: Timestamp
    capacity: Capacity
    min_tier: Tier | None = None
    invitation_only: Bool = False
    attendance_points: Points = 0
    signin_opens_at: Timestamp | None = None
    signin_closes_at: Timestamp | None = None
    staff_ids: IdList = Field(default_factory=list, max_length=limits.MAX_LIST)

    @model_validator(mode="after")
    def _windows(self) -> "EventFields":
        after(self.starts_at, self.ends_at, "ends_at")
        after(self.signin_opens_at, self.signin_closes_at, "signin_closes_at")
        return self


class EventCreate(EventFields):
    pass


class EventUpdate(EventFields):
    pass


class EventRegister(Payload):
    registration_id: Id
    event_id: Id
    member_id: Id | None = None
    guest_name: Name | None = None
    guest_mobile: Mobile | None = None
    code: TicketCode
    kind: RegistrationKind
    at: Timestamp

    @model_validator(mode="after")
    def _member_or_guest(self) -> "EventRegister":
        member_or_guest(self.member_id, self.guest_name)
        return self


class EventSignIn(Payload):
    signin_id: Id
    event_id: Id
    member_id: Id | None = None
    registration_id: Id | None = None
    nonce: Code
    method: SignInMethod
    at: Timestamp
    counter_label: Label = ""
    points: Points = 0
    override_reason: Reason | None = None

    @model_validator(mode="after")
    def _who(self) -> "EventSignIn":
        if self.member_id is None and self.registration_id is None:
            raise FieldProblem("registration_id", "a guest's sign-in names its registration")
        return self


class EventSignInUndo(Payload):
    signin_id: Id
    event_id: Id
    member_id: Id | None = None
    registration_id: Id | None = None
    nonce: Code
    reason: Reason
    points_reversed: Points = 0
    at: Timestamp


class EventDraw(Payload):
    draw_id: Id
    event_id: Id
    round: DrawRound
    prize: Name
    seed: Code
    entrants: list[Code] = Field(max_length=limits.MAX_DRAW_ENTRANTS)
    entrants_hash: Hash
    winners: list[Code] = Field(max_length=limits.MAX_DRAW_ENTRANTS)
    at: Timestamp


OPERATIONS = {
    ("event.create", 1): EventCreate,
    ("event.update", 1): EventUpdate,
    ("event.register", 1): EventRegister,
    ("event.sign_in", 1): EventSignIn,
    # Older counters' names for a sign-in; the centre still merges them as sign-ins.
    ("event.signin", 1): EventSignIn,
    ("event.check_in", 1): EventSignIn,
    ("event.sign_in_undo", 1): EventSignInUndo,
    ("event.draw", 1): EventDraw,
}
