from __future__ import annotations

from pathlib import Path

import pytest

from corridor.exc import ConfigError
from corridor.settings import Settings, load_settings


def test_environment_prefix(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CORRIDOR_HOME", str(tmp_path))
    monkeypatch.setenv("CORRIDOR_SCREEN_THRESHOLD", "0.9")
    settings = load_settings()
    assert settings.home == tmp_path
    assert settings.screen_threshold == 0.9
    assert settings.database_url == f"sqlite:///{(tmp_path / 'corridor.db').resolve()}"


def test_explicit_db_url_wins(tmp_path: Path) -> None:
    url = "postgresql://u@127.0.0.1:5432/corridor"
    assert Settings(home=tmp_path, db_url=url).database_url == url


def test_default_secret_refused_in_production(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORRIDOR_ENV", "production")
    with pytest.raises(ConfigError, match="CORRIDOR_SECRET"):
        load_settings()


def test_bad_threshold_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORRIDOR_SCREEN_THRESHOLD", "7")
    with pytest.raises(ConfigError):
        load_settings()


def test_settings_document_every_variable() -> None:
    import corridor.settings as module

    doc = module.__doc__ or ""
    for name in Settings.model_fields:
        assert f"CORRIDOR_{name.upper()}" in doc, name


def test_default_secret_refused_outside_development(tmp_path: Path) -> None:
    from corridor.api.app import create_app

    with pytest.raises(ConfigError, match="CORRIDOR_SECRET"):
        create_app(Settings(home=tmp_path, env="test"))
    create_app(Settings(home=tmp_path, env="test", secret="s" * 32))


def test_audit_key_file_is_created_once_and_private(tmp_path: Path) -> None:
    from corridor.settings import load_audit_key

    settings = Settings(home=tmp_path)
    key = load_audit_key(settings)
    assert len(key) >= 32 and load_audit_key(settings) == key
    assert (tmp_path / "audit.key").stat().st_mode & 0o777 == 0o600
    assert load_audit_key(Settings(home=tmp_path, audit_key="k" * 20)) == b"k" * 20
