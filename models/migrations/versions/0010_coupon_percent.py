"""coupon templates: percent off may be 100, as the chain's coupon rule says

The rule (services.rules.coupons.coupon_value_problem) that the counter and the centre
share takes percent off from 1 to 100; this table refused 100, so a 100 % template from the
centre could not be stored here.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 10:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    _percent_up_to(100)


def downgrade() -> None:
    op.execute("UPDATE coupon_template SET active = 0 WHERE kind = 'percent_off' AND value = 100")
    op.execute("UPDATE coupon_template SET value = 99 WHERE kind = 'percent_off' AND value = 100")
    _percent_up_to(99)


def _percent_up_to(top: int) -> None:
    with op.batch_alter_table("coupon_template", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_coupon_template_percent"), type_="check")
        batch_op.create_check_constraint(
            "percent", f"kind != 'percent_off' OR value BETWEEN 1 AND {top}"
        )
