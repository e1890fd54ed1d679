"""Pull: pages of changes after the cursor; each page and its new cursor are committed in
one transaction (services.sync.quarantine applies them), so a cut connection never skips
or repeats one."""

import contextlib
import gc
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from models.sync import SyncState
from services.protocol import codes
from services.sync.client import CentralClient, SyncError
from services.sync.lease import keep_lease, lease_of
from services.sync.link import UowFactory
from services.sync.push import ClockReading
from services.sync.quarantine import apply_page

PULL_PAGE = 5000


@dataclass(frozen=True)
class PullReport:
    applied: int = 0
    quarantined: int = 0


def pull_changes(
    writer: UowFactory,
    reader: UowFactory,
    client: CentralClient,
    now: Callable[[], datetime],
    page_size: int = PULL_PAGE,
    clock: ClockReading | None = None,
) -> PullReport:
    """Pulls pages until the centre has no more. A change that cannot be applied is
    quarantined (services.sync.quarantine) and the cursor moves past it all the same.

    The next page is asked for while this one is applied (one request ahead, on its own
    thread): the centre's and the network's share of a first pull no longer adds to the
    counter's. Pages are still applied in order, each with its cursor in one commit."""
    applied = quarantined = 0
    with reader() as uow:
        cursor = uow.session.scalar(select(SyncState.cursor))
    with ThreadPoolExecutor(1, thread_name_prefix="pull") as ahead:
        asked = ahead.submit(client.pull, cursor, page_size)
        while asked is not None:
            with _no_cycle_collection():
                page = asked.result()
                if clock is not None:
                    clock.note(page, now())
                next_cursor = max(_page_cursor(page), cursor)
                asked = (
                    ahead.submit(client.pull, next_cursor, page_size) if page.get("more") else None
                )
                with writer() as uow:
                    state = uow.session.get(SyncState, 1)
                    if state is None or state.cursor != cursor:
                        break  # another cycle moved the cursor meanwhile; it has this page
                    refused = apply_page(uow, page["changes"], now())
                    state.cursor = next_cursor
                    keep_lease(uow, lease_of(page))
                    uow.commit()
            applied += len(page["changes"]) - len(refused)
            quarantined += len(refused)
            cursor = next_cursor
    return PullReport(applied, quarantined)


def _page_cursor(page: dict) -> int:
    value = page.get("cursor")
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise SyncError(codes.SYNC_PROTOCOL)
    return value


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """A page is thousands of fresh dicts that are all garbage a moment later, freed by
    reference counting; the cycle collector would walk every live object of the process
    again and again meanwhile (a ninth of a first pull). Paused for one page only."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
