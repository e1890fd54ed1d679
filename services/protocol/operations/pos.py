"""The till's report to the centre: a day's POS reconciliation (`pos.reconciliation`).

A report is checked for consistency here, where both sides see it: the lines agree with the
counts, the counts with the sales and earns matched, each line's amounts with its kind.
What needs the centre's knowledge (the device's store, the store's calendar day) is checked
by its handler (central/push_pos.py), which also derives the error rate itself.
"""

from collections import Counter
from typing import Literal

from pydantic import Field, model_validator

from services.protocol import limits
from services.protocol.fields import (
    Code,
    Count,
    Day,
    Fen,
    FieldProblem,
    Id,
    Reason,
    Timestamp,
    whole,
)
from services.protocol.operations.base import Payload

# The kinds of line a reconciliation finds (services.pos.reconcile.KINDS, in its order;
# tests/unit/test_protocol_registry.py proves they agree).
MISMATCH_KINDS = (
    "earn_without_sale",
    "amount_differs",
    "refund_pos_only",
    "refund_loyalty_only",
    "member_sale_without_points",
)
MismatchKind = Literal[MISMATCH_KINDS]
ErrorRate = whole(0, limits.INT64_MAX)  # basis points: mismatches per 10,000 sales


class ReconciliationLine(Payload):
    """One line that does not match: a receipt, what each side says, and a manager's reason
    when it was explained (None: unexplained)."""

    kind: MismatchKind
    receipt: Code
    pos_fen: Fen | None = None
    loyalty_fen: Fen | None = None
    reason: Reason | None = None

    @model_validator(mode="after")
    def _amounts_fit_the_kind(self) -> "ReconciliationLine":
        pos, loyalty = self.pos_fen, self.loyalty_fen
        fits = {
            "earn_without_sale": pos is None and loyalty is not None,
            "amount_differs": pos is not None and loyalty is not None and pos != loyalty,
            "refund_pos_only": bool(pos) and loyalty == 0,
            "refund_loyalty_only": pos == 0 and bool(loyalty),
            "member_sale_without_points": pos is not None and loyalty is None,
        }[self.kind]
        if not fits:
            raise FieldProblem("pos_fen", f"amounts do not fit a {self.kind} line")
        return self


class PosReconciliation(Payload):
    """A store's day matched against its till's export, as a manager finished it."""

    report_id: Id
    store_id: Id
    day: Day
    made_at: Timestamp  # when the manager finished it: the newer report of a day wins
    sales: Count  # the till's sales (refunds not counted)
    earns: Count  # the loyalty earns of the day
    matched: Count  # earns whose receipt the till rang up
    counts: dict[MismatchKind, Count]
    explained: Count  # lines a manager explained, of all counted
    error_bp: ErrorRate  # the counter's figure: shown, never believed
    lines: list[ReconciliationLine] = Field(max_length=limits.MAX_RECONCILE_ITEMS)

    @model_validator(mode="after")
    def _consistent(self) -> "PosReconciliation":
        if self.matched > min(self.sales, self.earns):
            raise FieldProblem("matched", "more than the sales or the earns")
        if set(self.counts) != set(MISMATCH_KINDS):
            raise FieldProblem("counts", "every kind is counted")
        _counts_fit(self.counts, self.sales, self.earns, self.matched)
        total = sum(self.counts.values())
        listed = Counter(line.kind for line in self.lines)
        if len({(line.kind, line.receipt) for line in self.lines}) != len(self.lines):
            raise FieldProblem("lines", "a line listed twice")
        complete = total <= limits.MAX_RECONCILE_ITEMS
        for kind, count in self.counts.items():
            if listed[kind] > count or (complete and listed[kind] != count):
                raise FieldProblem("lines", f"{kind} lines disagree with counts")
        reasons = sum(1 for line in self.lines if line.reason is not None)
        if not reasons <= self.explained <= total or (complete and reasons != self.explained):
            raise FieldProblem("explained", "disagrees with the lines")
        return self


def _counts_fit(counts: dict[str, int], sales: int, earns: int, matched: int) -> None:
    """Each earn is matched or has no sale; the lines about a matched earn are at most one
    of each kind per earn; a member sale without points is a sale no earn matched."""
    if counts["earn_without_sale"] != earns - matched:
        raise FieldProblem("counts.earn_without_sale", "not the earns left unmatched")
    if counts["amount_differs"] > matched:
        raise FieldProblem("counts.amount_differs", "more than the matched earns")
    if counts["refund_pos_only"] + counts["refund_loyalty_only"] > matched:
        raise FieldProblem("counts.refund_pos_only", "more refunds than matched earns")
    if counts["member_sale_without_points"] > sales - matched:
        raise FieldProblem("counts.member_sale_without_points", "more than unmatched sales")


OPERATIONS = {
    ("pos.reconciliation", 1): PosReconciliation,
}
