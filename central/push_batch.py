"""The `Batch`: what one push transaction works on, loaded once and written back once.

Members (`FOR UPDATE`, in id order, so two batches never deadlock), purchases, coupons and
their redemptions, stock and sign-ins the batch touches are read in a few queries before the
first operation; handlers change these rows in memory, and `write` sends them back in bulk
with the operations, the conflicts and the change feed. A thousand operations then cost a
few statements instead of several each. Event registrations are kept by the `Registrations`
the batch holds. The loading is central/push_preload.py, the writing central/push_write.py.
"""

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central.admin_members import member_body
from central.admin_reference import rule_set_body
from central.feed import PendingChanges
from central.ids import new_id
from central.models import (
    BonusClaim,
    Coupon,
    Device,
    Member,
    Operation,
    PointsEntry,
    Purchase,
    Reference,
    Store,
    StoreAlias,
)
from central.push_preload import preload_batch
from central.push_registrations import Registrations
from central.push_types import Envelope, Reject
from central.push_write import write_batch
from common.canonical import canonical_json
from services.protocol import codes
from services.protocol.coupon_code import MalformedCoupon, split_coupon_code
from services.rules import points as point_rules


class Batch:
    """What one push transaction works on, loaded once and written back once."""

    def __init__(self, session: Session, device: Device, now: datetime) -> None:
        self.session = session
        self.device = device
        self.now = now
        self.chain_id = device.chain_id
        self.device_id = device.id  # plain values: read for every operation
        self.store = session.get(Store, device.store_id)
        self.store_id = self.store.id
        self.store_ids = {self.store.id} | set(
            session.scalars(select(StoreAlias.alias_id).where(StoreAlias.store_id == self.store.id))
        )
        self.changes = PendingChanges(self.chain_id)
        self.members: dict[str, dict | None] = {}
        self.loaded_members: dict[str, dict] = {}  # as read, to write back only what changed
        self.dirty_members: set[str] = set()
        self.new_members: set[str] = set()
        self.mobiles: dict[str, str] = {}
        self.purchases: dict[tuple[str, str], dict | None] = {}
        self.new_purchases: list[dict] = []
        self.refunded_purchases: set[tuple[str, str]] = set()
        self.bonus_claims: dict[tuple[str, str, str], str] = {}
        self.new_claims: list[dict] = []
        self.references: dict[tuple[str, str], dict | None] = {}
        self.entries: list[dict] = []
        self.redemptions: dict[str, dict | None] = {}
        self.new_redemptions: set[str] = set()
        self.voided: set[str] = set()
        self.coupons: dict[str, dict | None] = {}
        self.new_coupons: set[str] = set()
        self.changed_coupons: set[str] = set()
        self.stock: dict[str, dict | None] = {}
        self.dirty_stock: set[str] = set()
        self.signins: dict[tuple[str, str], dict | None] = {}
        self.dirty_signins: set[tuple[str, str]] = set()
        self.registrations = Registrations(session, self.chain_id, self.changes)
        self.conflicts: list[dict] = []
        self.resolved: dict[str, dict] = {}
        self.operations: list[dict] = []
        self.rules: dict[int, point_rules.RuleSet | None] = {}
        self.store_names: dict[str, str] = {}

    # loading -----------------------------------------------------------------------------

    def preload(self, payloads: list[tuple[Envelope, dict]]) -> None:
        preload_batch(self, payloads)

    def member(self, member_id: Any) -> dict:
        if not isinstance(member_id, str):
            raise Reject(codes.OP_BAD_PAYLOAD, field="member_id")
        if member_id not in self.members:
            table = Member.__table__
            row = (
                self.session.execute(
                    select(table).where(table.c.id == member_id, table.c.chain_id == self.chain_id)
                )
                .mappings()
                .first()
            )
            self.members[member_id] = dict(row) if row else None
            if row:
                self.loaded_members[member_id] = dict(row)
        member = self.members[member_id]
        if member is None:
            raise Reject(codes.MEMBER_UNKNOWN, member_id=member_id)
        return member

    def rule_set(self, version: Any) -> point_rules.RuleSet:
        if not isinstance(version, int):
            raise Reject(codes.OP_BAD_PAYLOAD, field="rule_version")
        if version not in self.rules:
            body = rule_set_body(self.session, self.chain_id, version)
            if body is None:
                self.rules[version] = point_rules.DEFAULT_RULES if version == 1 else None
            else:
                self.rules[version] = rules_from_body(body)
        rules = self.rules[version]
        if rules is None:
            raise Reject(codes.RULES_UNKNOWN_VERSION, version=version)
        return rules

    def store_name(self, store_id: str) -> str:
        if store_id not in self.store_names:
            self.store_names[store_id] = (
                self.session.scalar(select(Store.name).where(Store.id == store_id)) or store_id
            )
        return self.store_names[store_id]

    def purchase(self, receipt_no: Any) -> dict | None:
        """The sender's store's purchase with this receipt number, or None."""
        if not isinstance(receipt_no, str):
            raise Reject(codes.OP_BAD_PAYLOAD, field="receipt_no")
        key = (self.store_id, receipt_no)
        if key not in self.purchases:
            row = (
                self.session.execute(
                    select(Purchase.__table__).where(
                        Purchase.store_id == key[0], Purchase.receipt_no == receipt_no
                    )
                )
                .mappings()
                .first()
            )
            self.purchases[key] = dict(row) if row else None
        return self.purchases[key]

    def coupon(self, coupon_id: Any) -> dict | None:
        """This chain's coupon with this id, or None (another chain's is not seen)."""
        if not isinstance(coupon_id, str):
            raise Reject(codes.OP_BAD_PAYLOAD, field="coupon_id")
        if coupon_id not in self.coupons:
            row = (
                self.session.execute(
                    select(Coupon.__table__).where(
                        Coupon.chain_id == self.chain_id, Coupon.id == coupon_id
                    )
                )
                .mappings()
                .first()
            )
            self.coupons[coupon_id] = dict(row) if row else None
        return self.coupons[coupon_id]

    def signed_by_chain(self, code: Any, coupon_id: str) -> bool:
        """True when `code` is a coupon code for `coupon_id` signed by a device of this
        chain (a revoked one's too: its coupons issued before still stand)."""
        if not isinstance(code, str):
            return False
        try:
            signed = split_coupon_code(code)
        except MalformedCoupon:
            return False
        if signed.claim.coupon_id != coupon_id:
            return False
        public = self.session.scalar(
            select(Device.public_key).where(
                Device.chain_id == self.chain_id, Device.key_id == signed.key_id.hex()
            )
        )
        if public is None:
            return False
        try:
            Ed25519PublicKey.from_public_bytes(bytes(public)).verify(signed.signature, signed.body)
        except (InvalidSignature, ValueError):
            return False
        return True

    def reference(self, kind: str, ref_id: str) -> dict | None:
        """The chain's gift, coupon template or event with this id (its body), or None."""
        key = (kind, ref_id)
        if key not in self.references:
            body = self.session.scalar(
                select(Reference.body).where(
                    Reference.chain_id == self.chain_id,
                    Reference.kind == kind,
                    Reference.id == ref_id,
                )
            )
            self.references[key] = None if body is None else json.loads(body)
        return self.references[key]

    def gift_price(self, sku: str) -> int | None:
        """The chain's points price of the gift with this SKU, or None if it has none."""
        key = ("gift", f"sku:{sku}")
        if key not in self.references:
            body = self.session.scalar(
                select(Reference.body).where(
                    Reference.chain_id == self.chain_id,
                    Reference.kind == "gift",
                    Reference.code == sku,
                )
            )
            self.references[key] = None if body is None else json.loads(body)
        gift = self.references[key]
        price = gift.get("points_price") if gift else None
        return price if isinstance(price, int) and not isinstance(price, bool) else None

    def latest_rules(self) -> point_rules.RuleSet:
        versions = self.session.scalars(
            select(Reference.code).where(
                Reference.chain_id == self.chain_id, Reference.kind == "rules"
            )
        ).all()
        numbers = [int(v) for v in versions if v.isdigit()]
        return self.rule_set(max(numbers, default=1))

    def claim_bonus(self, env: Envelope, member_id: str, kind: str, ref: str) -> bool:
        """True the first time a (member, kind, ref) bonus is claimed in the chain."""
        key = (member_id, kind, ref[:64])
        if key not in self.bonus_claims:
            earlier = self.session.scalar(
                select(BonusClaim.op_id).where(
                    BonusClaim.member_id == key[0],
                    BonusClaim.kind == key[1],
                    BonusClaim.ref == key[2],
                )
            )
            if earlier is not None:
                self.bonus_claims[key] = earlier
                return False
        elif self.bonus_claims[key]:
            return False
        self.bonus_claims[key] = env.id
        self.new_claims.append(
            {"member_id": key[0], "kind": key[1], "ref": key[2], "op_id": env.id}
        )
        return True

    def bonus_credited_by(self, member_id: str, kind: str, ref: str) -> dict | None:
        """The standing bonus of (member, kind, ref): the device that was credited it and the
        points, or None."""
        key = (member_id, kind, ref[:64])
        op_id = self.bonus_claims.get(key)
        if key not in self.bonus_claims:
            op_id = self.session.scalar(
                select(BonusClaim.op_id).where(
                    BonusClaim.member_id == key[0],
                    BonusClaim.kind == key[1],
                    BonusClaim.ref == key[2],
                )
            )
        if not op_id:
            return None
        in_batch = [e for e in self.entries if e["op_id"] == op_id]
        if in_batch:
            return {"device_id": self.device.id, "points": in_batch[0]["delta"]}
        device_id = self.session.scalar(select(Operation.device_id).where(Operation.id == op_id))
        points = self.session.scalar(
            select(func.sum(PointsEntry.delta)).where(PointsEntry.op_id == op_id)
        )
        return {"device_id": device_id, "points": points or 0}

    def release_bonus(self, member_id: str, kind: str, ref: str) -> None:
        """The bonus was taken back: it may be credited again (a member signed in again)."""
        key = (member_id, kind, ref[:64])
        self.new_claims = [
            c for c in self.new_claims if (c["member_id"], c["kind"], c["ref"]) != key
        ]
        self.bonus_claims[key] = ""
        self.session.execute(
            BonusClaim.__table__.delete().where(
                BonusClaim.member_id == key[0], BonusClaim.kind == key[1], BonusClaim.ref == key[2]
            )
        )

    def trailing_spend_fen(self, member_id: str) -> int:
        """The member's spend over the last 12 months at the centre's clock, this batch's
        purchases and refunds included."""
        since = point_rules.trailing_window_start(self.now)
        seen = {
            (p["store_id"], p["receipt_no"]): p
            for p in self.purchases.values()
            if p is not None and p["member_id"] == member_id
        }
        rows = self.session.execute(
            select(Purchase.__table__).where(Purchase.member_id == member_id, Purchase.at > since)
        ).mappings()
        for row in rows:
            seen.setdefault((row["store_id"], row["receipt_no"]), dict(row))
        return sum(
            point_rules.counted_spend_fen(p["paid_fen"], p["points_cash_fen"], p["refunded_fen"])
            for p in seen.values()
            if p["at"] is not None and p["at"] > since
        )

    # changing ----------------------------------------------------------------------------

    def post(self, env: Envelope, member: dict, delta: int, kind: str) -> None:
        if delta == 0:
            return
        member["balance"] += delta
        if member["balance"] >= 0 and member["redeem_blocked"]:
            member["redeem_blocked"] = False  # the arrears are settled
        self.entries.append(
            {
                "member_id": member["id"],
                "op_id": env.id,
                "kind": kind,
                "delta": delta,
                "store_id": self.store_id,
                "at": env.device_time,
            }
        )
        self.touch(member)

    def touch(self, member: dict) -> None:
        member["updated_at"] = self.now
        self.dirty_members.add(member["id"])
        self.changes.add("member", member["id"], member_body(member))

    def open_conflict(
        self,
        env: Envelope,
        kind: str,
        subject: str,
        store_ids: set[str],
        detail: dict,
        other_op_id: str | None = None,
    ) -> str:
        conflict = {
            "id": new_id(),
            "chain_id": self.chain_id,
            "kind": kind,
            "subject": subject,
            "op_id": env.id,
            "other_op_id": other_op_id,
            "store_ids": json.dumps(sorted(store_ids)),
            "detail": canonical_json(detail),
            "status": "open",
            "opened_at": self.now,
            "resolved_at": None,
            "resolved_by": None,
            "resolution": None,
        }
        self.conflicts.append(conflict)
        self.publish_conflict(conflict)
        return conflict["id"]

    def publish_conflict(self, conflict: dict) -> None:
        body = conflict_body(conflict, self.store_name)
        for store_id in json.loads(conflict["store_ids"]):
            self.changes.add("conflict", conflict["id"], body, store_id=store_id)

    # writing -----------------------------------------------------------------------------

    def write(self) -> None:
        write_batch(self)


def rules_from_body(body: dict) -> point_rules.RuleSet:
    return point_rules.rules_from_dict({k: v for k, v in body.items() if k != "id"})


def conflict_body(conflict: dict, store_name: Callable[[str], str]) -> dict:
    """A conflict row (as a dict) as its `conflict` change publishes it to its stores."""
    return {
        "id": conflict["id"],
        "kind": conflict["kind"],
        "subject": conflict["subject"],
        "op_id": conflict["op_id"],
        "other_op_id": conflict["other_op_id"],
        "stores": [{"id": s, "name": store_name(s)} for s in json.loads(conflict["store_ids"])],
        "detail": json.loads(conflict["detail"]),
        "status": conflict["status"],
        "opened_at": conflict["opened_at"].isoformat(),
        "resolved_at": conflict["resolved_at"].isoformat() if conflict["resolved_at"] else None,
        "resolved_by": conflict["resolved_by"],
        "resolution": conflict["resolution"],
    }
