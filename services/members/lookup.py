"""Finding the member an operation is for: one place that says "no such member" and
"this member was deactivated" the same way for every use case."""

from models.catalog import Member
from services.core.errors import NotFoundError, StateError
from services.core.uow import UnitOfWork
from services.protocol import codes


def find_member(uow: UnitOfWork, member_id: str, active_only: bool = True) -> Member:
    member = uow.session.get(Member, member_id)
    if member is None:
        raise NotFoundError(codes.MEMBER_NOT_FOUND, kind="id")
    if active_only and not member.active:
        raise StateError(codes.MEMBER_INACTIVE, name=member.name)
    return member
