"""target links: records of different lists that are the same target, with reasons and judgement

Revision ID: 0004_h14_target_links
Revises: 0003_h15_hit_decisions
Create Date: 2026-12-04 18:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import corridor.store.db

revision: str = "0004_h14_target_links"
down_revision: str | None = "0003_h15_hit_decisions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "target_links",
        sa.Column("left_id", sa.String(length=200), nullable=False),
        sa.Column("right_id", sa.String(length=200), nullable=False),
        sa.Column("rule", sa.String(length=32), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("judgement", sa.String(length=16), nullable=False),
        sa.Column("decided_by", sa.String(length=64), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", corridor.store.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", corridor.store.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("left_id", "right_id", name=op.f("pk_target_links")),
    )


def downgrade() -> None:
    op.drop_table("target_links")
