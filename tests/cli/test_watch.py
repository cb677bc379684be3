"""Find trusts by name and keep the watch list (issue 12): `trusts search` and `watch add` from
a search hit against the stand-in, edits that keep comments and refuse what absdw would."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from absdw.cli import app
from absdw.config import load_settings
from absdw.errors import EXIT_CODES
from absdw.watchlist import WatchEntry, add, entries, remove
from foundation.errors import ConfigError
from lab.samples import SEED_CIK, sample_tree
from lab.standin.server import StandinServer
from warehouse import query

ROOT = Path(__file__).resolve().parents[2]
UA = "absdw tests absdw-tests@example.com"
runner = CliRunner()


@pytest.fixture
def samples(tmp_path: Path) -> Iterator[StandinServer]:
    """`absdw standin --samples`: the sample trusts with browse-edgar and the indexes."""
    tree, _ = sample_tree(tmp_path / "edgar", months=2)
    with StandinServer(tree.root, tree=tree) as server:
        yield server


def _env(tmp_path: Path, url: str) -> dict[str, str]:
    return {"ABSDW_HOME": str(tmp_path / "home"), "ABSDW_USER_AGENT": UA,
            "ABSDW_EDGAR_URL": url, "ABSDW_EDGAR_DATA_URL": url,
            "ABSDW_CONFIG": str(tmp_path / "config.toml")}


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_search_then_watch_add_a_hit_then_sync_all(samples: StandinServer,
                                                   tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text((ROOT / "config.toml").read_text(encoding="utf-8"), encoding="utf-8")
    env = _env(tmp_path, samples.url)
    found = runner.invoke(app, ["trusts", "search", "home equity trust", "-f", "csv"], env=env)
    assert found.exit_code == 0, found.output
    hits = _csv(found.stdout)
    assert [(h["hit"], h["cik"], h["name"], h["watched"]) for h in hits] == [
        ("1", "1900001", "ABSDW SYNTHETIC HOME EQUITY TRUST 2004-1", "false"),
        ("2", "1900002", "ABSDW SYNTHETIC HOME EQUITY TRUST 2004-2", "false")]
    several = runner.invoke(app, ["watch", "add", "--search", "home equity trust"], env=env)
    assert isinstance(several.exception, ConfigError) and "--pick" in str(several.exception)
    picked = runner.invoke(app, ["watch", "add", "--search", "home equity trust", "--pick",
                                 "2"], env=env)
    assert picked.exit_code == 0, picked.output
    one = runner.invoke(app, ["watch", "add", "--search", "terwin"], env=env)  # a single hit
    assert one.exit_code == 0, one.output
    listed = _csv(runner.invoke(app, ["watch", "list", "-f", "csv"], env=env).stdout)
    assert listed == [
        {"kind": "cik", "value": "1900002", "label": "ABSDW SYNTHETIC HOME EQUITY TRUST 2004-2"},
        {"kind": "cik", "value": str(SEED_CIK),
         "label": "TERWIN MORTGAGE TRUST SERIES 2003-4HE"}]
    assert "# Trusts kept up to date by `absdw sync --all`" in config.read_text()  # comments kept
    again = json.loads(runner.invoke(app, ["trusts", "search", "terwin", "-f", "json"],
                                     env=env).stdout)
    assert again[0]["watched"] is True and again[0]["former_names"] == []

    done = subprocess.run([sys.executable, "-m", "absdw", "sync", "--all"], text=True,
                          capture_output=True, env={**os.environ, **env}, cwd=tmp_path,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    settings = load_settings(env=env)
    assert query(settings.warehouse_dir, "select distinct cik from filings order by 1")[1] == [
        (SEED_CIK,), (1900002,)]


def test_sync_by_file_number_works_offline(samples: StandinServer, tmp_path: Path) -> None:
    env = {**os.environ, **_env(tmp_path, samples.url)}
    (tmp_path / "config.toml").write_text("")
    done = subprocess.run([sys.executable, "-m", "absdw", "sync", "--file-number",
                           "333-990001-01"], text=True, capture_output=True, env=env,
                          cwd=tmp_path, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "2 committed" in done.stderr and "FilingsDiscovered cik=1900001" in done.stderr
    assert any(r.path.startswith("/cgi-bin/browse-edgar?") and "filenum=333-990001-01" in r.path
               for r in samples.requests)  # resolved through browse-edgar


def test_search_with_no_hit_says_so(samples: StandinServer, tmp_path: Path) -> None:
    env = _env(tmp_path, samples.url)
    (tmp_path / "config.toml").write_text("")
    result = runner.invoke(app, ["trusts", "search", "no such trust", "-f", "json"], env=env)
    assert result.exit_code == 0 and json.loads(result.stdout) == []
    assert "WARNING EDGAR lists no filer" in result.stderr
    refused = runner.invoke(app, ["watch", "add", "--search", "no such trust"], env=env)
    assert isinstance(refused.exception, ConfigError)


def test_edits_keep_comments_labels_and_refuse_bad_entries(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    original = (ROOT / "config.toml").read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    assert add(path, WatchEntry("cik", "1268747", "TERWIN 2003-4HE"))
    assert add(path, WatchEntry("file_number", "333-990001-01"))
    assert not add(path, WatchEntry("cik", "1268747"))  # already watched, label kept
    assert entries(path) == [WatchEntry("cik", "1268747", "TERWIN 2003-4HE"),
                             WatchEntry("file_number", "333-990001-01")]
    text = path.read_text(encoding="utf-8")
    kept = [line for line in original.splitlines() if line.startswith("#")]
    assert all(line in text.splitlines() for line in kept)  # every comment survives
    settings = load_settings(env={"ABSDW_CONFIG": str(path)})
    assert settings.watch_ciks == (1268747,) and settings.watch_file_numbers == ("333-990001-01",)
    assert settings.watch_labels["1268747"] == "TERWIN 2003-4HE"
    before = path.read_bytes()
    with pytest.raises(ConfigError):
        add(path, WatchEntry("cik", "-5"))
    with pytest.raises(ConfigError):
        add(path, WatchEntry("file_number", "not a number"))
    assert path.read_bytes() == before  # a refused edit changes nothing
    assert remove(path, WatchEntry("cik", "1268747"))
    assert not remove(path, WatchEntry("cik", "1268747"))
    assert entries(path) == [WatchEntry("file_number", "333-990001-01")]
    assert not list(tmp_path.glob(".config.toml*"))  # no temp file left behind


def test_watch_remove_of_an_unwatched_trust_is_a_config_error(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("")
    result = runner.invoke(app, ["watch", "remove", "--cik", "1", "--config", str(config)])
    assert isinstance(result.exception, ConfigError)
    assert EXIT_CODES["config"] == 3
