"""hit decisions: four-eyes verdicts on screening hits (the console, #15)

Revision ID: 0003_h15_hit_decisions
Revises: 0002_partners
Create Date: 2026-12-04 17:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import corridor.store.db

revision: str = "0003_h15_hit_decisions"
down_revision: str | None = "0002_partners"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "hit_decisions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("query_key", sa.Text(), nullable=False),
        sa.Column("query", sa.Text(), nullable=False),
        sa.Column("entity_id", sa.String(length=200), nullable=False),
        sa.Column("verdict", sa.String(length=32), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=False),
        sa.Column("decided_at", corridor.store.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reviewed_by", sa.String(length=100), nullable=True),
        sa.Column("reviewed_at", corridor.store.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("review_note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hit_decisions")),
    )
    op.create_index(
        "ix_hit_decisions_query_entity", "hit_decisions", ["query_key", "entity_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_hit_decisions_query_entity", table_name="hit_decisions")
    op.drop_table("hit_decisions")
