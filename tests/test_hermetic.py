"""The suite is hermetic: a user's environment and config file never reach a test."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from absdw.config import SETTINGS, find_config_file, load_settings


def test_no_absdw_variable_and_no_user_directory_reaches_a_test(isolated_user: Path) -> None:
    assert [n for n in os.environ if n.startswith("ABSDW_")] == []
    for directory in (platformdirs.user_config_dir("absdw"), platformdirs.user_cache_dir("absdw"),
                      platformdirs.user_data_dir("absdw"), str(Path.home())):
        assert Path(directory).is_relative_to(isolated_user), directory
    assert Path.cwd() == isolated_user and find_config_file(os.environ) is None


def test_settings_in_a_test_are_the_defaults(isolated_user: Path) -> None:
    settings = load_settings()
    assert all(source == "default" for source in settings.sources.values())
    assert settings.home.is_relative_to(isolated_user)
    assert settings.rate_lock.is_relative_to(isolated_user)
    assert {s.name for s in SETTINGS} == set(settings.sources)
