"""Ready-made analyses over the warehouse views (the demo's month-over-month table).

Definitions (also in the README):

* pool factor = ending pool balance / the earliest beginning pool balance in the warehouse for
  that trust (the cut-off balance when the history starts at the first distribution);
* 60+ delinquency % = balance of loans 60 or more days delinquent in any status (delinquent,
  bankruptcy, foreclosure, REO) plus every foreclosure and REO loan, over the ending pool balance;
* senior factor = printed factor of the trust's largest senior ('SEN') class.
"""

from __future__ import annotations

from typing import Any

import duckdb

__all__ = ["MONTH_OVER_MONTH_SQL", "month_over_month"]

MONTH_OVER_MONTH_SQL = """
WITH latest AS (  -- the latest filed version of each month (an 8-K/A restates its month)
    SELECT arg_max(accession, filed_date::VARCHAR || accession) AS accession
    FROM filings WHERE parse_status = 'ok'
    GROUP BY cik, distribution_date
), p AS (
    SELECT cik, accession, distribution_date, ending_balance,
           ending_balance / first_value(beginning_balance) OVER (
               PARTITION BY cik ORDER BY distribution_date) AS pool_factor
    FROM pools JOIN latest USING (accession) WHERE pool = 'total'
), dq AS (
    SELECT accession, sum(balance) AS dq60_balance
    FROM delinquencies JOIN latest USING (accession)
    WHERE pool = 'total'
      AND (bucket NOT IN ('current', '30-59') OR status IN ('foreclosure', 'reo'))
    GROUP BY accession
), senior AS (
    SELECT accession, arg_max(factor, original_balance) AS senior_factor
    FROM tranches JOIN latest USING (accession) WHERE class_type = 'SEN'
    GROUP BY accession
), names AS (
    SELECT cik, arg_max(company, filed_date) AS trust FROM filings GROUP BY cik
)
SELECT names.trust, p.distribution_date,
       p.ending_balance AS pool_balance,
       p.pool_factor::DECIMAL(10, 6) AS pool_factor,
       (100 * coalesce(dq.dq60_balance, 0) / p.ending_balance)::DECIMAL(7, 2) AS dq60_pct,
       senior.senior_factor::DECIMAL(12, 8) AS senior_factor
FROM p
JOIN names USING (cik)
LEFT JOIN dq USING (accession)
LEFT JOIN senior USING (accession)
ORDER BY names.trust, p.distribution_date
"""


def month_over_month(con: duckdb.DuckDBPyConnection) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Per trust and month: pool balance, pool factor, 60+ delinquency %, senior factor."""
    cursor = con.execute(MONTH_OVER_MONTH_SQL)
    columns = [d[0] for d in cursor.description]
    return columns, cursor.fetchall()
