"""Every error code of the counter and the centre, declared once with its words in English and
Simplified Chinese (see registry). Raise sites name a code by its constant here:
`raise ValidationError(codes.PIN_LENGTH)`."""

from services.protocol.codes.coupons import *  # noqa: F403
from services.protocol.codes.events import *  # noqa: F403
from services.protocol.codes.gifts import *  # noqa: F403
from services.protocol.codes.members import *  # noqa: F403
from services.protocol.codes.points import *  # noqa: F403
from services.protocol.codes.pos import *  # noqa: F403
from services.protocol.codes.registry import MESSAGES, Message, declare, message, words
from services.protocol.codes.staff import *  # noqa: F403
from services.protocol.codes.storage import *  # noqa: F403
from services.protocol.codes.sync import *  # noqa: F403

__all__ = ["MESSAGES", "Message", "declare", "message", "words"]
