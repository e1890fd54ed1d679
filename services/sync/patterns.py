"""A store's receipt patterns as head office set them (`receipt_patterns`, signed): checked
with the rules the manager's own editor uses (services.pos.patterns.check_patterns), so a
set this counter cannot read is quarantined like any bad change and the patterns in use
stay as they were.

Who wins: head office's newest set replaces whatever the store uses, a manager's local edit
included, when it arrives; a manager's edit made after that is kept until head office sends
its next set. Each set is taken once (its `version`, counted up per store at the centre,
is remembered here), so a page applied again never undoes a later local edit.
"""

import json
from datetime import datetime

from sqlalchemy import select

from models.counter import Setting
from models.sync import SyncState
from services.core.actor import Actor
from services.core.errors import ValidationError
from services.core.journal import append_audit
from services.core.settings import SPECS
from services.core.uow import UnitOfWork
from services.pos.patterns import check_patterns
from services.protocol import codes

KEY = "receipt_patterns"
CENTRE_VERSION = "receipt_patterns.centre_version"  # the last set taken from head office


def apply_receipt_patterns(uow: UnitOfWork, actor: Actor, body: dict, now: datetime) -> None:
    patterns = check_patterns(body["patterns"])  # ValidationError: the change is quarantined
    ours = {actor.store_id, uow.session.scalar(select(SyncState.central_store_id))}
    if body["store_id"] not in ours:  # the feed is scoped by store; a set that strays is not ours
        raise ValidationError(codes.CHANGE_OTHER_STORE, store_id=body["store_id"])
    version = body["version"]
    taken = uow.session.get(Setting, CENTRE_VERSION)
    if taken is not None and json.loads(taken.value) >= version:
        return
    row = uow.session.get(Setting, KEY)
    old = json.loads(row.value) if row else SPECS[KEY].default
    if row is None:
        row = Setting(key=KEY)
        uow.session.add(row)
    row.value, row.updated_at, row.updated_by = json.dumps(patterns), now, None
    if taken is None:
        taken = Setting(key=CENTRE_VERSION)
        uow.session.add(taken)
    taken.value, taken.updated_at, taken.updated_by = json.dumps(version), now, None
    detail = {"old": old, "new": patterns, "centre_version": version}
    reason = f"head office: {body['by']}"[:200]
    append_audit(uow, actor, now, "setting.changed", f"setting:{KEY}", detail, reason)
    uow.flush()
