"""Storage ports and adapters.

- :mod:`corridor.store.db`: engines, the unit of work, dialect helpers, schema setup.
- :mod:`corridor.store.schema`: the one SQLAlchemy ``MetaData`` all tables hang on.
- one module per domain (``lists``, ``blacklist``, ...) with its tables and a repository class.

SQLite is the embedded default; PostgreSQL is the server option (``CORRIDOR_DB_URL``). Both run
the same code: only :mod:`corridor.store.db` knows the dialects apart.
"""
