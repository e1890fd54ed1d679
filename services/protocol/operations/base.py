"""What every operation's schema shares: the strict, frozen base model and the bounded
numbers more than one family uses."""

from pydantic import BaseModel, ConfigDict

from services.protocol import limits
from services.protocol.fields import Id, whole

Capacity = whole(1, limits.MAX_CAPACITY)
CardSerial = whole(1, limits.MAX_CARD_SERIAL)
Score = whole(0, limits.MAX_SCORE)
ValidDays = whole(1, limits.MAX_DAYS)
Limit = whole(1, limits.MAX_QUANTITY)
CouponValue = whole(0, limits.MAX_FEN)
DrawRound = whole(1, 1_000_000)
IdList = list[Id]
DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # 29 February is a birthday


class Payload(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)
