"""Shared fixtures: named for what they give. Nothing here touches any address but 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True, scope="session")
def private_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The per-user rate-limit lock (``edgar.rate_lock``) lives in the user cache directory:
    point it, for this session and every absdw process it starts, at a temporary one."""
    import os

    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
    yield
    if before is None:
        del os.environ["XDG_CACHE_HOME"]
    else:
        os.environ["XDG_CACHE_HOME"] = before


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
