"""The centre's state as a test reads it: balances, tiers, and a snapshot of everything a
rejected operation must leave as it was."""

from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
from sqlalchemy import text

from central import admin
from central.errors import CentralError
from common.ids import new_id
from tests.central.harness import Central
from tests.central.hostile import payloads
from tests.central.hostile.counter import HostileCounter

HOME_CHAIN = "default"
OTHER_CHAIN = "other"

# What a rejected operation may not change: the chain's facts and projections and the feed.
# The operation ledger (the rejected row is recorded) and the device row (its last sequence
# number, its clock) are left out on purpose.
GUARDED_TABLES = (
    "chain",
    "store",
    "store_alias",
    "member",
    "points_entry",
    "purchase",
    "coupon",
    "coupon_redemption",
    "conflict",
    "event_signin",
    "event_registration",
    "gift_stock",
    "bonus_claim",
    "reference",
    "change",
    "pos_reconciliation",
    "store_receipt_patterns",
)


def snapshot(central: Central) -> dict[str, list[tuple]]:
    """Every guarded table's rows, as text, in a stable order."""
    seen = {}
    with central.engine.connect() as conn:
        for table in GUARDED_TABLES:
            rows = conn.execute(text(f"SELECT * FROM {table}")).all()
            seen[table] = sorted(tuple(str(v) for v in row) for row in rows)
    return seen


def changed_tables(before: dict, after: dict) -> list[str]:
    return [t for t in before if before[t] != after[t]]


def member_row(central: Central, member_id: str) -> dict | None:
    rows = central.rows("SELECT * FROM member WHERE id = :m", m=member_id)
    return dict(rows[0]._mapping) if rows else None


def balance(central: Central, member_id: str) -> int:
    return central.scalar("SELECT balance FROM member WHERE id = :m", m=member_id)


def tier(central: Central, member_id: str) -> str:
    return central.scalar("SELECT tier FROM member WHERE id = :m", m=member_id)


def op_row(central: Central, op_id: str) -> dict | None:
    rows = central.rows("SELECT * FROM operation WHERE id = :i", i=op_id)
    return dict(rows[0]._mapping) if rows else None


@dataclass
class World:
    """A centre with stores in two chains (`default`: T001, T002; `other`: X001), reached
    over `http`, and ways to put members, coupons and head office's data in it."""

    central: Central
    http: httpx.Client

    def store(self, code: str, chain: str = HOME_CHAIN) -> str:
        with self.central.session() as s, s.begin():
            try:
                return admin.find_store(s, chain, code).id
            except CentralError:  # store.not_found: made below
                pass
        with self.central.session() as s, s.begin():
            return admin.create_store(s, chain, code, f"门店{code}", datetime.now(UTC)).id

    def enrollment_code(self, store_code: str = "T001", chain: str = HOME_CHAIN) -> str:
        store_id = self.store(store_code, chain)
        with self.central.session() as s, s.begin():
            return admin.new_enrollment_code(s, store_id, datetime.now(UTC))

    def counter(self, store_code: str = "T001", chain: str = HOME_CHAIN, **kw) -> HostileCounter:
        return HostileCounter.enroll(self.http, self.enrollment_code(store_code, chain), **kw)

    def member(self, counter: HostileCounter, **kw) -> str:
        mobile = kw.pop("mobile", f"139{new_id().replace('-', '')[-8:]}")
        mobile = "".join(ch if ch.isdigit() else "1" for ch in mobile)
        body = payloads.member_register(counter.store_id, mobile=mobile, **kw)
        result = counter.send("member.register", body)
        assert result["result"] == "applied", result
        return body["member_id"]

    def earn(self, counter: HostileCounter, member_id: str, gross_fen: int = 10_000) -> dict:
        body = payloads.earn(member_id, gross_fen)
        result = counter.send("points.earn", body)
        assert result["result"] == "applied", result
        return body

    def coupon(self, counter: HostileCounter, member_id: str | None) -> str:
        body = payloads.coupon_issue(member_id)
        result = counter.send("coupon.issue", body)
        assert result["result"] == "applied", result
        return body["coupon_id"]

    def load(self, kind: str, item: dict, chain: str = HOME_CHAIN) -> None:
        """Head office's gift, coupon template, event or rule set (`python -m central load-*`)."""
        with self.central.session() as s, s.begin():
            admin.load_reference(s, chain, kind, [item], datetime.now(UTC))

    def head_office_event(self, chain: str = HOME_CHAIN, **kw) -> dict:
        event = payloads.event_fields(**kw)
        item = {k: v for k, v in event.items() if k != "event_id"} | {"id": event["event_id"]}
        self.load("event", item, chain)
        return item

    def head_office_gift(self, chain: str = HOME_CHAIN, **kw) -> dict:
        gift = payloads.gift_fields(**kw)
        item = {k: v for k, v in gift.items() if k != "gift_id"} | {"id": gift["gift_id"]}
        self.load("gift", item, chain)
        return item

    def reference_body(self, kind: str, ref_id: str) -> str | None:
        return self.central.scalar(
            "SELECT body FROM reference WHERE kind = :k AND id = :i", k=kind, i=ref_id
        )
