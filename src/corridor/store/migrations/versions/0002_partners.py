"""partners register: partners, engagements, commitments, measure links, humanitarian records

Revision ID: 0002_partners
Revises: 0002_h17
Create Date: 2026-12-04 17:15:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import corridor.store.db

revision: str = "0002_partners"
down_revision: str | None = "0002_h17"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "pt_partners",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("data", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pt_partners")),
    )
    op.create_table(
        "pt_engagements",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("provenance", sa.String(length=64), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pt_engagements")),
    )
    op.create_index(op.f("ix_pt_engagements_date"), "pt_engagements", ["date"])
    op.create_table(
        "pt_engagement_partners",
        sa.Column("engagement_id", sa.String(length=64), nullable=False),
        sa.Column("partner_id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["engagement_id"],
            ["pt_engagements.id"],
            name=op.f("fk_pt_engagement_partners_engagement_id_pt_engagements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "engagement_id", "partner_id", name=op.f("pk_pt_engagement_partners")
        ),
    )
    op.create_index(
        op.f("ix_pt_engagement_partners_partner_id"), "pt_engagement_partners", ["partner_id"]
    )
    op.create_table(
        "pt_commitments",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("partner_id", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("announced", sa.Date(), nullable=True),
        sa.Column("in_effect_from", sa.Date(), nullable=True),
        sa.Column("ended", sa.Date(), nullable=True),
        sa.Column("provenance", sa.String(length=64), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["pt_partners.id"],
            name=op.f("fk_pt_commitments_partner_id_pt_partners"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pt_commitments")),
    )
    op.create_index(op.f("ix_pt_commitments_partner_id"), "pt_commitments", ["partner_id"])
    op.create_index(op.f("ix_pt_commitments_status"), "pt_commitments", ["status"])
    op.create_table(
        "pt_commitment_measures",
        sa.Column("commitment_id", sa.String(length=64), nullable=False),
        sa.Column("measure_id", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["commitment_id"],
            ["pt_commitments.id"],
            name=op.f("fk_pt_commitment_measures_commitment_id_pt_commitments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "commitment_id", "measure_id", name=op.f("pk_pt_commitment_measures")
        ),
    )
    op.create_index(
        op.f("ix_pt_commitment_measures_measure_id"), "pt_commitment_measures", ["measure_id"]
    )
    op.create_table(
        "pt_humanitarian",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("provenance", sa.String(length=64), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pt_humanitarian")),
    )
    op.create_index(op.f("ix_pt_humanitarian_date"), "pt_humanitarian", ["date"])
    op.create_index(op.f("ix_pt_humanitarian_country"), "pt_humanitarian", ["country"])
    op.create_table(
        "pt_loads",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("loaded_at", corridor.store.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("counts", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pt_loads")),
    )


def downgrade() -> None:
    op.drop_table("pt_loads")
    op.drop_index(op.f("ix_pt_humanitarian_country"), table_name="pt_humanitarian")
    op.drop_index(op.f("ix_pt_humanitarian_date"), table_name="pt_humanitarian")
    op.drop_table("pt_humanitarian")
    op.drop_index(op.f("ix_pt_commitment_measures_measure_id"), table_name="pt_commitment_measures")
    op.drop_table("pt_commitment_measures")
    op.drop_index(op.f("ix_pt_commitments_status"), table_name="pt_commitments")
    op.drop_index(op.f("ix_pt_commitments_partner_id"), table_name="pt_commitments")
    op.drop_table("pt_commitments")
    op.drop_index(op.f("ix_pt_engagement_partners_partner_id"), table_name="pt_engagement_partners")
    op.drop_table("pt_engagement_partners")
    op.drop_index(op.f("ix_pt_engagements_date"), table_name="pt_engagements")
    op.drop_table("pt_engagements")
    op.drop_table("pt_partners")
