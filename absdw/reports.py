"""Ready-made analyses over the warehouse views (the demo's month-over-month table).

The definitions live in the warehouse's metric views (docs/warehouse.md): pool factor and 60+
delinquency come from ``pool_performance`` (60+ = loans 60+ days delinquent in any status plus
every foreclosure and REO, over the ending pool balance); the senior factor is the printed
factor of the trust's largest senior ('SEN') class. Views show the latest filed version of
each month, so amendments are already resolved.
"""

from __future__ import annotations

from typing import Any

import duckdb

__all__ = ["MONTH_OVER_MONTH_SQL", "month_over_month"]

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
