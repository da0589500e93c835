"""Alembic migrations of the registry; run them with :func:`corridor.store.db.upgrade_schema`."""
