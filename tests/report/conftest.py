"""A demo warehouse with one quarantined month, shared by the report tests."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from absdw.config import Settings, load_settings
from absdw.pipeline import sync
from lab.samples import seed_filing, trust_filings
from lab.standin.server import StandinServer
from lab.standin.tree import EdgarTree, TreeDocument
from lab.synth.deals import synthetic_trusts

UA = "absdw tests absdw-tests@example.com"
#: The synthetic trust's month whose filing is served broken (its report unreadable).
BROKEN_MONTH = 3


@pytest.fixture(scope="session")
def report_home(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, int, object]:
    """(settings, synthetic trust CIK, its broken filing) over the seed and one 8-month
    synthetic trust whose 4th original filing cannot be read."""
    root = tmp_path_factory.mktemp("report")
    tree = EdgarTree(root / "edgar")
    tree.add_filing(seed_filing())
    [trust] = synthetic_trusts(1, months=8)
    filings = trust_filings(trust)
    alone = [f for f in filings if sum(g.period == f.period for g in filings) == 1]
    broken = alone[BROKEN_MONTH]  # a month with no amendment: nothing else covers it
    for f in trust_filings(trust):
        if f.accession == broken.accession:
            f = replace(f, documents=(TreeDocument("8-K", "x.txt", "no report here\n"),))
        tree.add_filing(f)
    tree.write_submissions()
    with StandinServer(tree.root) as server:
        settings = load_settings({"home": root / "home", "user_agent": UA,
                                  "edgar_url": server.url, "edgar_data_url": server.url},
                                 env={}, config_files=False)
        sync(settings, [1268747, trust.cik])
    return settings, trust.cik, broken


def home_path(report_home: tuple[Settings, int, object]) -> Path:
    return report_home[0].home
