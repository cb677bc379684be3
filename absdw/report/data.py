"""What a trust's surveillance report shows, read from the warehouse views only.

Every figure comes from a view (``trusts``, ``pool_performance``, ``tranche_performance``,
``tranches``, ``filings``): the report derives nothing of its own, so a chart and
``absdw query`` always agree. The deal-level pool is ``total`` when the reports print one,
else the pool with the most months. A quarantined month is a month whose only filings were
quarantined: no view has a row for it, and the report marks it as a gap. Its date is the
distribution date the report printed, else the header's period of report (a filing whose
report could not be read at all has only that).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from absdw.config import Settings
from absdw.errors import NotStoredError
from warehouse import connect

__all__ = ["CLASS_COLUMNS", "TrustReport", "report_data"]

#: The latest class table: (tranches column, heading).
CLASS_COLUMNS = (("class", "Class"), ("cusip", "CUSIP"), ("class_type", "Type"),
                 ("pass_through_rate", "Rate"), ("original_balance", "Original"),
                 ("beginning_balance", "Beginning"), ("principal_distribution", "Principal"),
                 ("interest_distribution", "Interest"), ("realized_loss", "Loss"),
                 ("ending_balance", "Ending"), ("factor", "Factor"))

_POOL_COLUMNS = ("distribution_date", "pool_factor", "cpr", "cpr_3m", "cdr", "cdr_3m",
                 "cum_loss_pct", "dq30_pct", "dq60_pct", "dq90plus_pct", "fc_pct", "reo_pct",
                 "bk_pct", "oc_amount", "oc_target", "trigger_event")


@dataclass(frozen=True)
class TrustReport:
    """One trust's report data: every series by month, the gaps, the latest class table."""

    cik: int
    trust: dict[str, Any]  # the trusts view's row
    deal_pool: str | None
    pool_factors: dict[str, list[tuple[date, float | None]]]  # pool -> factor by month
    class_factors: dict[str, list[tuple[date, float | None]]]  # class -> factor by month
    deal: list[dict[str, Any]]  # pool_performance of the deal pool, by month
    quarantined_months: list[date]
    latest_date: date | None
    latest_classes: list[tuple[Any, ...]]


def _rows(con: duckdb.DuckDBPyConnection, sql: str, *params: Any) -> list[dict[str, Any]]:
    cursor = con.execute(sql, list(params))
    names = [d[0] for d in cursor.description or ()]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _by_name(rows: list[dict[str, Any]], key: str, value: str
             ) -> dict[str, list[tuple[date, float | None]]]:
    out: dict[str, list[tuple[date, float | None]]] = {}
    for r in rows:
        v = r[value]
        out.setdefault(str(r[key]), []).append(
            (r["distribution_date"], None if v is None else float(v)))
    return out


def report_data(settings: Settings, cik: int) -> TrustReport:
    """The report of trust ``cik``; NotStoredError when the warehouse has no such trust."""
    con = connect(settings.warehouse_dir)
    try:
        trust = _rows(con, "SELECT * FROM trusts WHERE cik = ?", cik)
        if not trust:
            raise NotStoredError(f"trust {cik} is not in the warehouse of {settings.home}: "
                                 f"run `absdw sync --cik {cik}` first")
        pools = _rows(con, "SELECT pool, distribution_date, pool_factor FROM pool_performance "
                           "WHERE cik = ? ORDER BY pool, distribution_date", cik)
        counts: dict[str, int] = {}
        for r in pools:
            counts[r["pool"]] = counts.get(r["pool"], 0) + 1
        deal_pool = "total" if "total" in counts else (
            max(counts, key=lambda p: (counts[p], p)) if counts else None)
        deal = _rows(con, f"SELECT {', '.join(_POOL_COLUMNS)} FROM pool_performance "
                          "WHERE cik = ? AND pool = ? ORDER BY distribution_date", cik, deal_pool)
        classes = _rows(con, "SELECT class, distribution_date, factor FROM tranche_performance "
                             "WHERE cik = ? ORDER BY class, distribution_date", cik)
        gaps = [r["month"] for r in _rows(con, """
            SELECT DISTINCT coalesce(q.distribution_date, q.period) AS month FROM filings q
            WHERE q.cik = ? AND q.parse_status = 'quarantined'
              AND coalesce(q.distribution_date, q.period) IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM filings ok WHERE ok.cik = q.cik
                              AND ok.distribution_date = coalesce(q.distribution_date, q.period)
                              AND ok.parse_status = 'ok')
            ORDER BY 1""", cik)]
        latest = con.execute("SELECT max(distribution_date) FROM tranches WHERE cik = ?",
                             [cik]).fetchone()
        latest_date = latest[0] if latest else None
        columns = ", ".join(f'"{c}"' for c, _ in CLASS_COLUMNS)
        latest_classes = con.execute(
            f"SELECT {columns} FROM tranches WHERE cik = ? AND distribution_date = ? "
            "ORDER BY CASE class_type WHEN 'SEN' THEN 1 WHEN 'MEZ' THEN 2 WHEN 'SUB' THEN 3 "
            "ELSE 4 END, class", [cik, latest_date]).fetchall()
    finally:
        con.close()
    return TrustReport(cik, trust[0], deal_pool, _by_name(pools, "pool", "pool_factor"),
                       _by_name(classes, "class", "factor"), deal, gaps, latest_date,
                       latest_classes)
