"""The tables of the operator blacklist: operators, curated listings, links to list entries,
users, cases, evidence, the audit log and published versions.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
)

from corridor.store.db import UTCDateTime
from corridor.store.schema import metadata

operators = Table(
    "bl_operators",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("role", Text, nullable=False),
    Column("country", String(8)),
    Column("data", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)

curated = Table(
    "bl_curated_listings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("operator_id", String(64), ForeignKey("bl_operators.id"), nullable=False, index=True),
    Column("jurisdiction", String(8), nullable=False),
    Column("start", UTCDateTime),
    Column("end", UTCDateTime),
    Column("legal_act", Text, nullable=False),
    Column("verified", Boolean, nullable=False),
    Column("sources", Text, nullable=False),
    Column("document", Text, nullable=False),
    Column("line", Integer, nullable=False),
    Column("document_sha256", String(64), nullable=False),
)

links = Table(
    "bl_operator_links",
    metadata,
    Column("operator_id", String(64), ForeignKey("bl_operators.id"), primary_key=True),
    Column("entity_id", String(200), primary_key=True),
    Column("status", String(16), nullable=False),  # proposed, confirmed, rejected
    Column("basis", Text, nullable=False),
    Column("reviewer", String(100)),
    Column("reviewed_at", UTCDateTime),
)

users = Table(
    "bl_users",
    metadata,
    Column("name", String(100), primary_key=True),
    Column("role", String(32), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", UTCDateTime, nullable=False),
)

cases = Table(
    "bl_cases",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("operator_id", String(64), ForeignKey("bl_operators.id"), nullable=False, index=True),
    Column("state", String(32), nullable=False),
    Column("version", Integer, nullable=False),
    Column("data", Text, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

case_evidence = Table(
    "bl_case_evidence",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", String(32), ForeignKey("bl_cases.id"), nullable=False, index=True),
    Column("claim", Text, nullable=False),
    Column("document", Text, nullable=False),
    Column("span", Text),
    Column("url", Text),
    Column("reviewer", String(100), nullable=False),
    Column("reviewed_at", UTCDateTime, nullable=False),
)

audit_log = Table(
    "bl_audit_log",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", Text, nullable=False),  # ISO 8601 UTC text: exactly the form that is hashed
    Column("actor", String(100), nullable=False),
    Column("action", String(64), nullable=False),
    Column("target", String(200), nullable=False),
    Column("payload", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

publications = Table(
    "bl_publications",
    metadata,
    Column("number", Integer, primary_key=True, autoincrement=False),
    Column("published_at", UTCDateTime, nullable=False),
    Column("published_by", String(100), nullable=False),
    Column("content", Text, nullable=False),
)

# the sealed head of the audit log: one row (id 1), moved in the same transaction as each entry
audit_head = Table(
    "bl_audit_head",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", Integer, nullable=False),
    Column("hash", String(64), nullable=False),
    Column("mac", String(64), nullable=False),
)
