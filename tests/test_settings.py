from pathlib import Path

import pytest

from warta.errors import SettingsError
from warta.settings import Settings, load_settings


def test_settings_layering_defaults_file_env_flags(tmp_path):
    config = tmp_path / "warta.toml"
    config.write_text('[warta]\nmax_pages = 3\nhttp_delay = 2.5\nlanguages = ["id"]\n', encoding="utf-8")
    env = {"WARTA_MAX_PAGES": "5", "WARTA_RESPECT_ROBOTS": "false"}
    settings = load_settings(file=config, env=env, overrides={"http_delay": 0.0, "db": None})
    assert settings.max_pages == 5  # env beats file
    assert settings.http_delay == 0.0  # flags beat env and file
    assert settings.languages == ("id",)
    assert settings.respect_robots is False
    assert settings.db == Settings().db  # None means "not given"


def test_settings_shared_from_env(tmp_path):
    assert load_settings(env={"WARTA_SHARED": str(tmp_path)}).shared == Path(tmp_path)


@pytest.mark.parametrize(("name", "value"), [("max_pages", "many"), ("respect_robots", "perhaps"), ("nope", "1")])
def test_settings_bad_values_are_usage_errors(name, value):
    with pytest.raises(SettingsError):
        load_settings(env={}, overrides={name: value})


def test_settings_every_field_has_help():
    from dataclasses import fields

    assert all(f.metadata.get("help") for f in fields(Settings))
