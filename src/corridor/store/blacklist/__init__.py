"""Tables and repository of the operator blacklist: operators, curated listings, links to list
entries, users, cases, evidence, the audit log and published versions.

Every function takes a :class:`~sqlalchemy.engine.Connection` so the service runs a write and
its audit entry in one transaction. The work is in one module per side:

- :mod:`corridor.store.blacklist.tables`: the tables;
- :mod:`corridor.store.blacklist.register`: operators, curated listings, links, users;
- :mod:`corridor.store.blacklist.cases`: cases, evidence, the audit log, publications.
"""

from __future__ import annotations

from corridor.store.blacklist.cases import (
    AUDIT_COLUMNS,
    AUDIT_LOCK,
    add_evidence,
    append_audit,
    audit_entries,
    audit_hash,
    case_from_data,
    get_case,
    get_head,
    get_publication,
    insert_case,
    insert_publication,
    iter_audit,
    last_publication,
    list_cases,
    list_evidence,
    next_case_id,
    publication_anchors,
    stored_register,
    update_case,
)
from corridor.store.blacklist.register import (
    add_user,
    curated_facts,
    get_operator,
    list_curated,
    list_links,
    list_operators,
    list_users,
    operator_refs,
    replace_curated,
    set_link,
    upsert_operator,
    user_by_token_hash,
)
from corridor.store.blacklist.tables import (
    audit_head,
    audit_log,
    case_evidence,
    cases,
    curated,
    links,
    operators,
    publications,
    users,
)

__all__ = [
    "AUDIT_COLUMNS",
    "AUDIT_LOCK",
    "add_evidence",
    "add_user",
    "append_audit",
    "audit_entries",
    "audit_hash",
    "audit_head",
    "audit_log",
    "case_evidence",
    "case_from_data",
    "cases",
    "curated",
    "curated_facts",
    "get_case",
    "get_head",
    "get_operator",
    "get_publication",
    "insert_case",
    "insert_publication",
    "iter_audit",
    "last_publication",
    "links",
    "list_cases",
    "list_curated",
    "list_evidence",
    "list_links",
    "list_operators",
    "list_users",
    "next_case_id",
    "operator_refs",
    "operators",
    "publication_anchors",
    "publications",
    "replace_curated",
    "set_link",
    "stored_register",
    "update_case",
    "upsert_operator",
    "user_by_token_hash",
    "users",
]
