"""``absdw demo``: the whole product offline, through real HTTP.

Writes the sample EDGAR content (the real seed filing and synthetic trusts) to a temporary
directory, serves it with the EDGAR stand-in on a free loopback port, syncs every sample trust
into a fresh ``ABSDW_HOME`` exactly as a real sync would, and returns the month-over-month table.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from absdw.config import load_settings
from absdw.pipeline import sync
from absdw.pipeline.events import ProgressSink, silent
from absdw.reports import month_over_month
from absdw.samples import write_sample_tree
from crawler.standin.server import StandinServer
from warehouse import connect

__all__ = ["DEMO_USER_AGENT", "run_demo"]

DEMO_USER_AGENT = "absdw demo absdw-demo@example.com"


def run_demo(
    home: Path | None = None, *, months: int = 24, progress: ProgressSink = silent
) -> tuple[list[str], list[tuple[Any, ...]], Path]:
    """Run the demo into ``home`` (a new temp dir if None); return (columns, rows, home)."""
    home = home or Path(tempfile.mkdtemp(prefix="absdw-demo-"))
    with tempfile.TemporaryDirectory(prefix="absdw-edgar-") as edgar_dir:
        root = Path(edgar_dir)
        ciks = write_sample_tree(root, months=months)
        with StandinServer(root) as server:
            settings = load_settings(
                dict(
                    home=str(home),
                    user_agent=DEMO_USER_AGENT,
                    edgar_url=server.url,
                    edgar_data_url=server.url,
                )
            )
            sync(settings, ciks, progress=progress)
    con = connect(settings.warehouse_dir)
    try:
        columns, rows = month_over_month(con)
    finally:
        con.close()
    return columns, rows, home
