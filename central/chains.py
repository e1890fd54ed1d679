"""A chain by its name, made on first use: every administrative load names its chain."""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.ids import new_id
from central.models import Chain


def chain_by_name(session: Session, name: str, now: datetime) -> Chain:
    chain = session.scalar(select(Chain).where(Chain.name == name))
    if chain is None:
        chain = Chain(id=new_id(), name=name, change_seq=0, created_at=now)
        session.add(chain)
        session.flush()
    return chain
