"""Settings, read from ``CORRIDOR_*`` environment variables.

Build a :class:`Settings` at an entry point (the CLI callback, :func:`corridor.api.app.create_app`)
and pass it down; nothing here runs at import time.

| variable | meaning | default |
| --- | --- | --- |
| ``CORRIDOR_HOME`` | folder for the embedded store, snapshots and analytics files | ``./.corridor`` |
| ``CORRIDOR_DB_URL`` | SQLAlchemy URL of the registry (SQLite or PostgreSQL) | SQLite in ``HOME`` |
| ``CORRIDOR_ENV`` | ``development``, ``test`` or ``production`` | ``development`` |
| ``CORRIDOR_LOG_LEVEL`` | logging level | ``INFO`` |
| ``CORRIDOR_LOG_FORMAT`` | ``console`` or ``json`` | ``console`` |
| ``CORRIDOR_SECRET`` | key for hashing API tokens; must be changed outside development | ``dev-secret`` |
| ``CORRIDOR_SCREEN_THRESHOLD`` | default score from which a screening candidate is a hit | ``0.8`` |
| ``CORRIDOR_HTTP_TIMEOUT`` | seconds before a list download gives up | ``60`` |
| ``CORRIDOR_AUDIT_KEY`` | key sealing the audit log (HMAC); kept out of the database | key file |
| ``CORRIDOR_AUDIT_KEY_FILE`` | file holding the audit key, created (mode 600) on first use | ``HOME/audit.key`` |
| ``CORRIDOR_MAX_BODY_BYTES`` | largest HTTP request body the API accepts | ``10485760`` |
| ``CORRIDOR_INGEST_WORKERS`` | worker processes the API runs evidence ingest in (0: inline) | ``1`` |
| ``CORRIDOR_EVIDENCE_DIRS`` | folders (``:``-separated) evidence ingest may read local files from | none |
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from corridor.exc import ConfigError

DEFAULT_SECRET = "dev-secret"


class Settings(BaseSettings):
    """All of corridor's configuration in one object."""

    model_config = SettingsConfigDict(env_prefix="CORRIDOR_", extra="ignore")

    home: Path = Field(default=Path(".corridor"))
    db_url: str | None = None
    env: Literal["development", "test", "production"] = "development"
    log_level: str = "INFO"
    log_format: Literal["console", "json"] = "console"
    secret: str = DEFAULT_SECRET
    screen_threshold: float = Field(default=0.8, ge=0.0, le=1.0)
    http_timeout: float = 60.0
    audit_key: SecretStr | None = None
    audit_key_file: Path | None = None
    max_body_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)
    evidence_dirs: str = ""
    ingest_workers: int = Field(default=1, ge=0, le=8)

    @model_validator(mode="after")
    def _refuse_default_secret(self) -> Settings:
        if self.env == "production" and self.secret == DEFAULT_SECRET:
            raise ValueError("CORRIDOR_SECRET must be set in production")
        return self

    @property
    def database_url(self) -> str:
        """The registry URL: ``CORRIDOR_DB_URL`` or SQLite in :attr:`home`."""
        if self.db_url:
            return self.db_url
        return f"sqlite:///{(self.home / 'corridor.db').resolve()}"

    @property
    def evidence_folders(self) -> list[Path]:
        """Folders evidence ingest may read local files from (none: local files refused)."""
        return [Path(p).resolve() for p in self.evidence_dirs.split(os.pathsep) if p.strip()]

    @property
    def snapshots_dir(self) -> Path:
        """Where fetched list files are kept, by source and hash."""
        return self.home / "snapshots"

    @property
    def analytics_dir(self) -> Path:
        """Where Parquet files for DuckDB live."""
        return self.home / "analytics"


def load_settings(**overrides: object) -> Settings:
    """Build settings from the environment, with explicit overrides; errors become ConfigError."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValueError as exc:
        raise ConfigError(f"invalid settings: {exc}") from exc


def load_audit_key(settings: Settings) -> bytes:
    """The audit key: ``CORRIDOR_AUDIT_KEY``, else the key file, created (mode 600) if missing.

    The key never goes into the database: whoever can write the database but not read this
    file cannot re-seal the log.
    """
    if settings.audit_key is not None:
        key = settings.audit_key.get_secret_value().encode()
        if len(key) < 16:
            raise ConfigError("CORRIDOR_AUDIT_KEY must have at least 16 characters")
        return key
    path = settings.audit_key_file or settings.home / "audit.key"
    try:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_hex(32) + "\n")
        key = path.read_text("utf-8").strip().encode()
    except FileExistsError:  # another process created it first
        key = path.read_text("utf-8").strip().encode()
    except OSError as exc:
        raise ConfigError(f"cannot read or create the audit key file {path}: {exc}") from exc
    if len(key) < 16:
        raise ConfigError(f"the audit key file {path} holds fewer than 16 characters")
    return key


def refuse_default_secret(settings: Settings) -> None:
    """ConfigError when a server would run with the default secret outside development."""
    if settings.secret == DEFAULT_SECRET and settings.env != "development":
        raise ConfigError(
            f"CORRIDOR_SECRET is the default and CORRIDOR_ENV is {settings.env}: set a secret "
            "(or CORRIDOR_ENV=development on a machine of your own)"
        )
