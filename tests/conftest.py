"""Shared fixtures: named for what they give. Nothing here touches any address but 127.0.0.1."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


#: Where a user's own absdw settings could reach a test: all of them point into a temp dir.
USER_DIRS = {"HOME": "home", "XDG_CONFIG_HOME": "config", "XDG_CACHE_HOME": "cache",
             "XDG_DATA_HOME": "data"}


@pytest.fixture(autouse=True)
def isolated_user(tmp_path_factory: pytest.TempPathFactory,
                  monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test sees the user's absdw settings, nor leaves anything in the user's directories:
    every ``ABSDW_*`` variable is cleared; home, config, cache (the per-user rate-limit lock,
    ``edgar.rate_lock``) and data directories are a fresh temp dir, for this test and every
    absdw process it starts; the working directory is one too (no ``./config.toml``)."""
    user = tmp_path_factory.mktemp("user")
    for name in [n for n in os.environ if n.startswith("ABSDW_")]:
        monkeypatch.delenv(name)
    for variable, folder in USER_DIRS.items():
        (user / folder).mkdir()
        monkeypatch.setenv(variable, str(user / folder))
    monkeypatch.chdir(user)
    return user


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The real seed document (8-K with the EX-99.1 report inline)."""
    return (FIXTURES / "seed_ter034he_nov.txt").read_text(encoding="ascii")


@pytest.fixture
def seed_standin(tmp_path: Path) -> Iterator[str]:
    """A running EDGAR stand-in serving only the seed filing; yields its base URL."""
    from lab.samples import seed_filing
    from lab.standin.server import StandinServer
    from lab.standin.tree import EdgarTree

    root = tmp_path / "edgar"
    tree = EdgarTree(root)
    tree.add_filing(seed_filing())
    tree.write_submissions()
    with StandinServer(root) as server:
        yield server.url
