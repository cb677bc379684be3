"""Configuration precedence: command line > environment > config file > default."""

import re
import tomllib
from pathlib import Path

import pytest

from absdw.config import SETTINGS, load_settings
from foundation.errors import ConfigError


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_file_or_env(tmp_path: Path) -> None:
    s = load_settings(env={}, cwd=tmp_path)
    assert s.edgar_url == "https://www.sec.gov"
    assert s.edgar_data_url == "https://data.sec.gov"
    assert s.rate_limit == 10.0
    assert s.forms == ("8-K", "8-K/A", "10-D", "10-D/A")
    assert s.home.name == "absdw"
    assert s.sources["home"] == "default"
    assert s.config_file is None


def test_rate_lock_is_per_user_not_per_home(tmp_path: Path) -> None:
    """Two warehouses (two ABSDW_HOMEs) of one user share one rate limit; the lock sits in the
    user cache directory (XDG_CACHE_HOME here, set by tests/conftest.py) unless set."""
    import os

    one = load_settings(env={"ABSDW_HOME": str(tmp_path / "one")}, cwd=tmp_path)
    two = load_settings(env={"ABSDW_HOME": str(tmp_path / "two")}, cwd=tmp_path)
    assert one.rate_lock == two.rate_lock
    assert one.rate_lock.is_relative_to(os.environ["XDG_CACHE_HOME"])
    shared = load_settings(env={"ABSDW_RATE_LOCK": "~/team/absdw.lock"}, cwd=tmp_path)
    assert shared.rate_lock == Path("~/team/absdw.lock").expanduser()


def test_precedence_cli_over_env_over_file(tmp_path: Path) -> None:
    cfg = _write(
        tmp_path / "c.toml",
        '[absdw]\nhome = "/from/file"\n[edgar]\nurl = "http://file.example"\nrate_limit = 4\n',
    )
    env = {
        "ABSDW_CONFIG": str(cfg),
        "ABSDW_HOME": "/from/env",
        "ABSDW_EDGAR_URL": "http://env.example",
    }
    s = load_settings({"home": "/from/cli"}, env=env, cwd=tmp_path)
    assert s.home == Path("/from/cli") and s.sources["home"] == "command line"
    assert (
        s.edgar_url == "http://env.example"
        and s.sources["edgar_url"] == "environment ABSDW_EDGAR_URL"
    )
    assert s.rate_limit == 4.0 and s.sources["rate_limit"].startswith(f"config file {cfg}")
    assert s.edgar_data_url == "https://data.sec.gov" and s.sources["edgar_data_url"] == "default"


def test_cwd_config_toml_is_found(tmp_path: Path) -> None:
    _write(tmp_path / "config.toml", "[watch]\nciks = [1268747, 42]\n")
    assert load_settings(env={}, cwd=tmp_path).watch_ciks == (1268747, 42)


def test_env_lists_are_split(tmp_path: Path) -> None:
    s = load_settings(
        env={"ABSDW_WATCH_CIKS": "1, 2,3", "ABSDW_FORMS": "10-D,10-D/A"}, cwd=tmp_path
    )
    assert s.watch_ciks == (1, 2, 3)
    assert s.forms == ("10-D", "10-D/A")


def test_missing_explicit_config_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="ABSDW_CONFIG points to"):
        load_settings(env={"ABSDW_CONFIG": str(tmp_path / "nope.toml")}, cwd=tmp_path)


def test_rate_above_sec_limit_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="<= 10 requests/s"):
        load_settings({"rate_limit": 11}, env={}, cwd=tmp_path)


def test_bad_url_is_refused_with_its_source(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="environment ABSDW_EDGAR_DATA_URL"):
        load_settings(env={"ABSDW_EDGAR_DATA_URL": "data.sec.gov"}, cwd=tmp_path)


@pytest.mark.parametrize("agent", ["", "absdw", "Jane Doe", "jane at example dot com"])
def test_user_agent_without_email_is_refused_with_remedy(tmp_path: Path, agent: str) -> None:
    s = load_settings({"user_agent": agent or None}, env={}, cwd=tmp_path)
    with pytest.raises(ConfigError, match="ABSDW_USER_AGENT"):
        s.require_user_agent()


def test_user_agent_with_email_is_accepted(tmp_path: Path) -> None:
    s = load_settings(env={"ABSDW_USER_AGENT": "Acme Research jane.doe@acme.example"}, cwd=tmp_path)
    assert s.require_user_agent() == "Acme Research jane.doe@acme.example"


def test_repository_config_toml_documents_every_setting_with_its_default(
        tmp_path: Path) -> None:
    """Each setting appears once, commented out, under its own section, with the value that
    is its default (defaults are declared in foundation/defaults.py only); home, user_agent
    and rate_lock show an example, since their defaults depend on the user."""
    root = Path(__file__).resolve().parents[2]
    text = (root / "config.toml").read_text()
    assert not any(tomllib.loads(text).values()), "the shipped file must set nothing"
    uncommented = re.sub(r"^# (\w+ = .*)$", r"\1", text, flags=re.M)
    doc = tomllib.loads(uncommented)
    for setting in SETTINGS:
        section, key = setting.toml_key.split(".")
        assert setting.env in text, f"config.toml does not document {setting.env}"
        assert key in doc.get(section, {}), f"config.toml lacks {setting.toml_key}"
    _write(tmp_path / "config.toml", uncommented)
    shown = load_settings({"user_agent": "x x@example.com"}, env={}, cwd=tmp_path)
    defaults = load_settings({"user_agent": "x x@example.com"}, env={}, cwd=tmp_path,
                             config_files=False)
    for setting in SETTINGS:
        if setting.name not in ("home", "user_agent", "rate_lock"):
            assert getattr(shown, setting.name) == getattr(defaults, setting.name), setting.name


def test_readme_documents_every_setting() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    for setting in SETTINGS:
        assert f"| `{setting.toml_key}` | `{setting.env}` |" in readme, setting.name


@pytest.mark.parametrize(("text", "message"), [
    ('[edgar]\nuser_agnet = "Jane jane@example.com"\n',
     r"unknown setting 'user_agnet' in \[edgar\]; did you mean \[edgar\] user_agent\?"),
    ('[parse]\nfile_numbers = ["333-106175-06"]\n',
     r"unknown setting 'file_numbers' in \[parse\]; did you mean \[watch\] file_numbers\?"),
    ('[wacth]\nciks = [1]\n', r"unknown section \[wacth\]; did you mean \[watch\]\?"),
    ('edgar = 3\n', r"\[edgar\] must be a table"),
    ('user_agnet = "x"\n',
     r"setting 'user_agnet' outside any section; did you mean \[edgar\] user_agent\?"),
])
def test_a_typo_in_the_config_file_names_the_file_the_key_and_the_nearest_name(
        tmp_path: Path, text: str, message: str) -> None:
    cfg = _write(tmp_path / "config.toml", text)
    with pytest.raises(ConfigError, match=f"config file {re.escape(str(cfg))}: {message}"):
        load_settings(env={}, cwd=tmp_path)


@pytest.mark.parametrize(("text", "message"), [
    ("[watch]\nciks = 1268747\n", r"invalid watch_ciks from config file .*\[watch.ciks\]: "
                                  r"expected a list, e\.g\. \[1268747\], got 1268747"),
    ('[watch]\nciks = [{cik = 1, name = "x"}]\n', r"a labelled entry is \{cik = 1268747"),
    ('[edgar]\nconcurrency = "eight"\n', r"invalid concurrency from config file"),
    ('[edgar]\nforms = "8-K"\n[parse]\nmin_score = [1]\n', r"invalid min_score"),
])
def test_a_wrong_type_is_one_clear_error_naming_the_key(
        tmp_path: Path, text: str, message: str) -> None:
    _write(tmp_path / "config.toml", text)
    with pytest.raises(ConfigError, match=message):
        load_settings(env={}, cwd=tmp_path)


def test_watch_entries_may_carry_labels(tmp_path: Path) -> None:
    _write(tmp_path / "config.toml", '[watch]\nciks = [1268747, {cik = 1300001, label = "TWIN '
           '2005-A"}]\nfile_numbers = [{file_number = "333-200000-02", label = "TWIN B"}]\n')
    s = load_settings(env={}, cwd=tmp_path)
    assert s.watch_ciks == (1268747, 1300001)
    assert s.watch_file_numbers == ("333-200000-02",)
    assert s.watch_labels == {"1300001": "TWIN 2005-A", "333-200000-02": "TWIN B"}


def test_an_unknown_absdw_variable_is_a_typo(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown environment variable ABSDW_USER_AGNET; "
                                          "did you mean ABSDW_USER_AGENT"):
        load_settings(env={"ABSDW_USER_AGNET": "x"}, cwd=tmp_path)
