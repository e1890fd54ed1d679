"""The words of the POS reconciliation, on screen and on paper, in the UI's language: the
kinds of line, the counts, the error rate against its target (integers throughout: the
rate is the basis points the report to head office carries, rounded up so a rate just over
the target never reads as on it)."""

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication, QLocale

from services import pos
from services.printing.reconcile_page import ReconcileSection, ReconcileText
from services.rules.reconcile import TARGET_BP, error_basis_points
from ui.money import yuan


def kind_names() -> dict[str, str]:
    return {
        "earn_without_sale": QCoreApplication.translate("ReconcileTab", "Earns with no POS sale"),
        "amount_differs": QCoreApplication.translate("ReconcileTab", "Amounts that differ"),
        "refund_pos_only": QCoreApplication.translate("ReconcileTab", "Refunded at the POS only"),
        "refund_loyalty_only": QCoreApplication.translate(
            "ReconcileTab", "Refunded in loyalty only"
        ),
        "member_sale_without_points": QCoreApplication.translate(
            "ReconcileTab", "Member sales with no points"
        ),
    }


def percent(bp: int) -> str:
    """Basis points as a percentage with two decimals, in the locale's decimal point."""
    return f"{bp // 100}{QLocale().decimalPoint()}{bp % 100:02d}%"


@dataclass(frozen=True)
class ReconcileWords:
    headers: list[str]
    kind_headings: dict[str, str]  # in the order the list shows them, with counts
    summary_line: str
    rate_line: str
    within_target: bool
    printed: ReconcileText


def reconcile_text(ctx, result, reasons: dict, day: date) -> ReconcileWords:
    locale = QLocale()
    count = locale.toString
    headers = [
        QCoreApplication.translate("ReconcileTab", "Receipt"),
        QCoreApplication.translate("ReconcileTab", "POS amount"),
        QCoreApplication.translate("ReconcileTab", "Loyalty amount"),
        QCoreApplication.translate("ReconcileTab", "Explanation"),
    ]
    names = kind_names()
    lines = result.mismatches if result is not None else ()
    counts = {kind: sum(1 for m in lines if m.kind == kind) for kind in pos.KINDS}
    headings = {kind: f"{names[kind]} ({count(counts[kind])})" for kind in pos.KINDS}
    if result is None:
        summary = QCoreApplication.translate(
            "ReconcileTab", "Import the POS's export of the day to match it with the earns here."
        )
        return ReconcileWords(headers, headings, summary, "", True, None)
    explained = sum(1 for m in lines if (m.kind, m.receipt) in reasons)
    figures = [
        (QCoreApplication.translate("ReconcileTab", "Sales on the POS"), count(result.sales)),
        (QCoreApplication.translate("ReconcileTab", "Earns at this counter"), count(result.earns)),
        (QCoreApplication.translate("ReconcileTab", "Matched by receipt"), count(result.matched)),
        (QCoreApplication.translate("ReconcileTab", "Lines that do not match"), count(len(lines))),
        (QCoreApplication.translate("ReconcileTab", "Of them explained"), count(explained)),
    ]
    target = percent(TARGET_BP)
    rate = percent(error_basis_points(len(lines), result.sales))
    rate_line = (
        QCoreApplication.translate(
            "ReconcileTab", "Error rate %1 (target at most %2): within target"
        )
        if result.within_target
        else QCoreApplication.translate(
            "ReconcileTab", "Error rate %1 (target at most %2): above target"
        )
    )
    rate_line = rate_line.replace("%1", rate).replace("%2", target)
    summary = "  ·  ".join(f"{label} {figure}" for label, figure in figures)
    sections = [
        ReconcileSection(
            headings[kind],
            [
                [
                    m.receipt,
                    money(m.pos_fen),
                    money(m.loyalty_fen),
                    reasons.get((m.kind, m.receipt), ""),
                ]
                for m in lines
                if m.kind == kind
            ],
        )
        for kind in pos.KINDS
        if counts[kind]
    ]
    identity, actor = ctx.identity, ctx.actor
    made = ctx.runtime.now().astimezone().replace(tzinfo=None)
    printed = ReconcileText(
        title=QCoreApplication.translate("ReconcileTab", "POS reconciliation · %1").replace(
            "%1", locale.toString(day, QLocale.FormatType.ShortFormat)
        ),
        store_line=f"{identity.store_name} · {identity.counter_label}",
        made_line=QCoreApplication.translate("ReconcileTab", "Printed %1 by %2")
        .replace("%1", locale.toString(made, QLocale.FormatType.ShortFormat))
        .replace("%2", actor.staff_name if actor else ""),
        summary=figures,
        rate_line=rate_line,
        within_target=result.within_target,
        headers=headers,
        sections=sections,
        none_line=QCoreApplication.translate(
            "ReconcileTab", "Every sale and earn of the day matches."
        ),
        page_word=QCoreApplication.translate("ReconcileTab", "Page %1 of %2"),
    )
    return ReconcileWords(headers, headings, summary, rate_line, result.within_target, printed)


def money(fen: int | None) -> str:
    """An amount of a line, or nothing where that side has none."""
    return "" if fen is None else yuan(fen)
