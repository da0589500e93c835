"""Which audit key seals the log of a registry engine.

The key never lives in the database. An entry point (the CLI context, ``create_app``) reads it
from the settings (``CORRIDOR_AUDIT_KEY`` or the key file) and binds it to the engine it made;
the repository finds it from the connection it writes through. An engine without a key cannot
write or verify the audit log (:class:`~corridor.exc.ConfigError`).

>>> from corridor.store.db import make_engine
>>> engine = make_engine("sqlite://")
>>> bind_audit_key(engine, b"k" * 32)
>>> audit_key(engine) == b"k" * 32
True
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from sqlalchemy import Engine
from sqlalchemy.engine import Connection

from corridor.exc import ConfigError

_KEYS: WeakKeyDictionary[Engine, bytes] = WeakKeyDictionary()
MIN_KEY_BYTES = 16


def bind_audit_key(engine: Engine, key: bytes) -> None:
    """Seal and verify the audit log of ``engine`` with ``key``."""
    if len(key) < MIN_KEY_BYTES:
        raise ConfigError(f"the audit key must have at least {MIN_KEY_BYTES} bytes")
    _KEYS[engine] = key


def audit_key(bind: Engine | Connection) -> bytes:
    """The key bound to the engine of ``bind``; ConfigError when none was bound."""
    engine = bind.engine
    key = _KEYS.get(engine)
    if key is None:
        raise ConfigError(
            "no audit key for this registry: set CORRIDOR_AUDIT_KEY or keep the key file "
            "under CORRIDOR_HOME (created on first use)"
        )
    return key
