"""``absdw demo``: the whole product offline, through real HTTP.

Writes the sample EDGAR content (the real seed filing and synthetic trusts, :mod:`lab.samples`)
to a temporary directory, serves it with the EDGAR stand-in (:mod:`lab.standin`) on a free
loopback port, syncs every sample trust into a fresh ``ABSDW_HOME`` exactly as a real sync
would, and returns the month-over-month table. The demo's settings are its own: the user's
environment and config file (a narrower ``ABSDW_FORMS``, another ``ABSDW_HOME``) do not change it.

The demo's home is ``--home``, else ``ABSDW_HOME``, else ``{user data dir}/absdw/demo``
(kept, so ``absdw query`` can read it afterwards; running the demo again reuses it). A home
that already holds a warehouse absdw did not make for a demo is refused: the sample trusts are
synthetic and must never mix with real data. The EDGAR stand-in's files live in a temporary
directory removed when the demo ends, also after an error.

Each column of the table is named as in the warehouse views it comes from
(docs/warehouse.md): ``ending_balance`` is ``pools.ending_balance``; ``pool_factor`` and
``dq60plus_pct`` are ``pool_performance``'s (60+ = loans 60+ days delinquent in any status
plus every foreclosure and REO, over the ending pool balance: a fraction, like every rate);
``senior_factor`` is ``tranches.factor`` of the trust's largest senior ('SEN') class. Views
show the latest filed version of each month, so amendments are already resolved. The table
shows each trust's last :data:`SHOWN_MONTHS` months.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import duckdb
import platformdirs

from absdw.config import load_settings
from absdw.pipeline import sync
from absdw.pipeline.events import ProgressSink, silent
from foundation.errors import ConfigError
from lab.samples import write_sample_tree
from lab.standin.server import StandinServer
from warehouse import connect

__all__ = ["DEMO_USER_AGENT", "MONTH_OVER_MONTH_SQL", "SHOWN_MONTHS", "demo_home",
           "month_over_month", "run_demo"]

DEMO_USER_AGENT = "absdw demo absdw-demo@example.com"
#: Months per trust in the printed table (the warehouse holds them all).
SHOWN_MONTHS = 6
#: Marks a home the demo made; the demo refuses any other home holding a warehouse.
MARKER = ".absdw-demo"


def demo_home(home: Path | None, env: Mapping[str, str] | None = None) -> Path:
    """Where the demo writes: ``home``, else ABSDW_HOME, else the user's demo folder."""
    env = os.environ if env is None else env
    chosen = home or (Path(env["ABSDW_HOME"]) if env.get("ABSDW_HOME") else None)
    chosen = chosen or Path(platformdirs.user_data_dir("absdw", appauthor=False)) / "demo"
    chosen = chosen.expanduser()
    if (chosen / "warehouse").exists() and not (chosen / MARKER).exists():
        raise ConfigError(f"{chosen} holds a warehouse the demo did not make; the demo's "
                          "trusts are synthetic and never mix with real data: pass "
                          "--home NEW_DIR")
    chosen.mkdir(parents=True, exist_ok=True)
    (chosen / MARKER).write_text("made by `absdw demo`: synthetic sample trusts\n")
    return chosen


def run_demo(
    home: Path | None = None, *, months: int = 24, progress: ProgressSink = silent
) -> tuple[list[str], list[tuple[Any, ...]], Path]:
    """Run the demo into :func:`demo_home`; return (columns, rows, home)."""
    home = demo_home(home)
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
SELECT names.trust, cik, p.distribution_date,
       pools.ending_balance,
       p.pool_factor::DECIMAL(10, 6) AS pool_factor,
       p.dq60plus_pct::DECIMAL(10, 6) AS dq60plus_pct,
       senior.senior_factor::DECIMAL(12, 8) AS senior_factor
FROM pool_performance p
JOIN pools USING (cik, pool, distribution_date)
JOIN names USING (cik)
LEFT JOIN senior USING (cik, distribution_date)
WHERE p.pool = 'total'
QUALIFY row_number() OVER (PARTITION BY cik ORDER BY p.distribution_date DESC) <= {shown}
ORDER BY names.trust, p.distribution_date
"""


def month_over_month(con: duckdb.DuckDBPyConnection) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Per trust, its last SHOWN_MONTHS months: pool balance, pool factor, 60+ delinquency
    (a fraction), senior factor."""
    cursor = con.execute(MONTH_OVER_MONTH_SQL.format(shown=SHOWN_MONTHS))
    columns = [d[0] for d in cursor.description]
    return columns, cursor.fetchall()
