"""``absdw demo``: the whole product offline, through real HTTP.

Writes the sample EDGAR content (the real seed filing and synthetic trusts, :mod:`lab.samples`)
to a temporary directory, serves it with the EDGAR stand-in (:mod:`lab.standin`) on a free
loopback port, syncs every sample trust into a fresh ``ABSDW_HOME`` exactly as a real sync
would, and returns the month-over-month table. The demo's settings are its own: the user's
environment and config file (a narrower ``ABSDW_FORMS``, another ``ABSDW_HOME``) do not change it.

The table's definitions live in the warehouse's metric views (docs/warehouse.md): pool factor
and 60+ delinquency come from ``pool_performance`` (60+ = loans 60+ days delinquent in any
status plus every foreclosure and REO, over the ending pool balance); the senior factor is the
printed factor of the trust's largest senior ('SEN') class. Views show the latest filed version
of each month, so amendments are already resolved.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import duckdb

from absdw.config import load_settings
from absdw.pipeline import sync
from absdw.pipeline.events import ProgressSink, silent
from lab.samples import write_sample_tree
from lab.standin.server import StandinServer
from warehouse import connect

__all__ = ["DEMO_USER_AGENT", "MONTH_OVER_MONTH_SQL", "month_over_month", "run_demo"]

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
                dict(home=str(home), user_agent=DEMO_USER_AGENT, edgar_url=server.url,
                     edgar_data_url=server.url),
                env={}, config_files=False)
            sync(settings, ciks, progress=progress)
    con = connect(settings.warehouse_dir)
    try:
        columns, rows = month_over_month(con)
    finally:
        con.close()
    return columns, rows, home


MONTH_OVER_MONTH_SQL = """
WITH senior AS (
    SELECT cik, distribution_date, arg_max(factor, original_balance) AS senior_factor
    FROM tranches WHERE class_type = 'SEN'
    GROUP BY cik, distribution_date
), names AS (
    SELECT cik, arg_max(company, filed_date) AS trust FROM filings GROUP BY cik
)
SELECT names.trust, p.distribution_date,
       pools.ending_balance AS pool_balance,
       p.pool_factor::DECIMAL(10, 6) AS pool_factor,
       (100 * coalesce(p.dq60plus_pct, 0))::DECIMAL(7, 2) AS dq60_pct,
       senior.senior_factor::DECIMAL(12, 8) AS senior_factor
FROM pool_performance p
JOIN pools USING (cik, pool, distribution_date)
JOIN names USING (cik)
LEFT JOIN senior USING (cik, distribution_date)
WHERE p.pool = 'total'
ORDER BY names.trust, p.distribution_date
"""


def month_over_month(con: duckdb.DuckDBPyConnection) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Per trust and month: pool balance, pool factor, 60+ delinquency %, senior factor."""
    cursor = con.execute(MONTH_OVER_MONTH_SQL)
    columns = [d[0] for d in cursor.description]
    return columns, cursor.fetchall()
