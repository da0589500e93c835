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
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
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
