"""Metric views against hand-computed values: the real seed month and a generated deal."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest

from warehouse import Warehouse, connect, query

CIK = 77
MONTHS = [date(2005, 1, 25), date(2005, 2, 25), date(2005, 3, 25)]
# beginning, scheduled, unscheduled, realized loss, ending
POOL = [("1000000.00", "10000.00", "40000.00", "0.00", "950000.00"),
        ("950000.00", "9500.00", "30000.00", "2000.00", "905000.00"),
        ("905000.00", "9050.00", "20000.00", "1000.00", "874950.00")]
A1_ENDING = ["720000.00", "680000.00", "640000.00"]
# (status, bucket, loans, balance) per month
DQ = [[("delinquent", "30-59", 4, "20000.00"), ("delinquent", "60-89", 1, "5000.00")],
      [("delinquent", "30-59", 5, "25000.00"), ("delinquent", "60-89", 2, "8000.00"),
       ("delinquent", "90+", 1, "2000.00"), ("foreclosure", "90+", 1, "1000.00")],
      [("delinquent", "30-59", 4, "22000.00"), ("delinquent", "60-89", 2, "10000.00"),
       ("delinquent", "90+", 1, "4000.00"), ("foreclosure", "90+", 1, "3000.00"),
       ("reo", "90+", 1, "500.00"), ("bankruptcy", "30-59", 1, "700.00")]]


def _close(actual: float | None, expected: D) -> bool:
    return actual is not None and abs(D(repr(actual)) - expected) <= abs(expected) * D("1e-12")


def _month_batch(index: int) -> dict[str, list[dict]]:
    day = MONTHS[index]
    keys = {"cik": CIK, "accession": f"0000000077-05-{index:06d}", "distribution_date": day}
    beginning, scheduled, unscheduled, loss, ending = map(D, POOL[index])
    tranche = {**keys, "realized_loss": D("0.00")}
    return {
        "filings": [{"cik": CIK, "accession": keys["accession"], "form": "10-D",
                     "filed_date": date(day.year, day.month, 28), "parse_status": "ok",
                     "distribution_date": day, "delinquency_method": "MBA"}],
        "pools": [{**keys, "pool": "total", "beginning_balance": beginning,
                   "scheduled_principal": scheduled, "unscheduled_principal": unscheduled,
                   "realized_loss": loss, "ending_balance": ending,
                   "oc_amount": D("50000.00"), "oc_target": D("60000.00")}],
        "tranches": [
            {**tranche, "class": "A1", "class_type": "SEN", "original_balance": D("800000.00"),
             "ending_balance": D(A1_ENDING[index]),
             "factor": D(A1_ENDING[index]) / D("800000.00")},
            {**tranche, "class": "M1", "class_type": "MEZ", "original_balance": D("100000.00"),
             "ending_balance": D("100000.00")},
            {**tranche, "class": "B1", "class_type": "SUB", "original_balance": D("50000.00"),
             "ending_balance": D("50000.00")},
        ],
        "delinquencies": [{**keys, "pool": "total", "status": s, "bucket": b, "loan_count": n,
                           "balance": D(v)} for s, b, n, v in DQ[index]],
        "report_items": ([{**keys, "section": "collateral", "subject": None,
                           "label": "Liquidated Loan Balance", "amount": D("5000.00")}]
                         if index == 1 else []),
    }


@pytest.fixture
def deal_root(warehouse_root: Path) -> Path:
    """Three monthly syncs of a generated deal (cik 77)."""
    warehouse = Warehouse(warehouse_root)
    for index in range(3):
        warehouse.append(_month_batch(index))
    return warehouse_root


def _row(root: Path, view: str, day: date, where: str = "true") -> dict:
    con = connect(root)
    try:
        cursor = con.execute(f"SELECT * FROM {view} WHERE distribution_date = ? AND {where}",
                             [day])
        names = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
    finally:
        con.close()
    assert len(rows) == 1, rows
    return dict(zip(names, rows[0], strict=True))


def _smm(index: int) -> D:
    beginning, scheduled, unscheduled, _, _ = map(D, POOL[index])
    return unscheduled / (beginning - scheduled)


def test_seed_month_smm_and_cpr(warehouse_root: Path, seed_batch) -> None:
    """TERWIN 2003-4HE, 2003-11-25: beginning balance, scheduled and unscheduled principal as
    printed in the seed's collateral statement; the ending balance and delinquency cell are
    the fixture's (tests/cli/test_sync_seed.py checks the whole parsed seed month)."""
    pool = seed_batch["pools"][0]
    pool.update(beginning_balance=D("249706282.72"), scheduled_principal=D("201151.91"),
                unscheduled_principal=D("2891093.10"), ending_balance=D("245629248.05"),
                realized_loss=D("0.00"))
    Warehouse(warehouse_root).append(seed_batch)
    row = _row(warehouse_root, "pool_performance", date(2003, 11, 25))
    smm = D("2891093.10") / (D("249706282.72") - D("201151.91"))
    assert _close(row["smm"], smm)
    assert _close(row["cpr"], 1 - (1 - smm) ** 12)
    assert _close(row["pool_factor"], D("245629248.05") / D("249706282.72"))
    assert _close(row["dq30_pct"], D("1702381.44") / D("245629248.05"))
    assert row["mdr"] == 0.0 and row["cdr"] == 0.0 and row["severity"] is None
    assert row["cpr_3m"] is None  # one month known
    assert row["mdr_basis"] == "realized_loss_proxy"


def test_no_oc_figures_no_shortfall(warehouse_root: Path, seed_batch) -> None:
    """A pool printing neither OC amount nor target has an unknown shortfall, not 0.00."""
    pool = seed_batch["pools"][0]
    pool.update(oc_amount=None, oc_target=None)
    Warehouse(warehouse_root).append(seed_batch)
    row = _row(warehouse_root, "pool_performance", date(2003, 11, 25))
    assert (row["oc_shortfall"], row["oc_shortfall_source"]) == (None, None)


def test_pool_rates_of_the_generated_deal(deal_root: Path) -> None:
    first, second, third = (_row(deal_root, "pool_performance", d) for d in MONTHS)
    assert first["cpr_3m"] is None and second["cpr_3m"] is None
    product = (1 - _smm(0)) * (1 - _smm(1)) * (1 - _smm(2))
    assert _close(third["cpr_3m"], 1 - product ** 4)
    mdr = D("5000.00") / (D("950000.00") - D("9500.00"))  # liquidated balance printed
    assert _close(second["mdr"], mdr) and second["mdr_basis"] == "liquidated_balance"
    assert _close(second["cdr"], 1 - (1 - mdr) ** 12)
    assert _close(second["severity"], D("2000.00") / D("5000.00"))
    proxy = D("1000.00") / (D("905000.00") - D("9050.00"))  # no liquidated balance: loss
    assert _close(third["mdr"], proxy) and third["mdr_basis"] == "realized_loss_proxy"
    assert _close(third["pool_factor"], D("874950.00") / D("1000000.00"))
    assert _close(third["cum_loss_pct"], D("3000.00") / D("1000000.00"))
    assert third["cum_loss_source"] == "derived"
    assert third["oc_shortfall"] == D("10000.00") and third["oc_shortfall_source"] == "derived"
    assert first["cdr_3m"] is None and second["cdr_3m"] is None  # needs 3 months
    assert first["mdr"] is not None
    mdr1 = D(repr(first["mdr"]))
    assert _close(third["cdr_3m"], 1 - ((1 - mdr1) * (1 - mdr) * (1 - proxy)) ** 4)


def test_delinquency_percentages(deal_root: Path) -> None:
    row = _row(deal_root, "pool_performance", MONTHS[2])
    ending = D("874950.00")
    expected = {"dq30_pct": D("22000"), "dq60_pct": D("10000"), "dq90plus_pct": D("4000"),
                "fc_pct": D("3000"), "reo_pct": D("500"), "bk_pct": D("700"),
                "dq60plus_pct": D("10000") + D("4000") + D("3000") + D("500")}
    for column, balance in expected.items():
        assert _close(row[column], balance / ending), column
    assert row["dq60plus_count"] == 2 + 1 + 1 + 1


def test_tranche_factor_change_and_credit_enhancement(deal_root: Path) -> None:
    a1 = [_row(deal_root, "tranche_performance", d, "class = 'A1'") for d in MONTHS]
    assert a1[0]["factor_change"] is None
    assert _close(a1[1]["factor_change"], D("0.85") - D("0.9"))
    assert _close(a1[2]["factor_change"], D("0.8") - D("0.85"))
    assert a1[2]["factor_source"] == "reported"
    ending, oc = D("874950.00"), D("50000.00")
    assert _close(a1[2]["credit_enhancement_pct"], (D("100000") + D("50000") + oc) / ending)
    m1 = _row(deal_root, "tranche_performance", MONTHS[2], "class = 'M1'")
    assert _close(m1["credit_enhancement_pct"], (D("50000") + oc) / ending)
    assert m1["factor"] == 1.0 and m1["factor_source"] == "derived"
    b1 = _row(deal_root, "tranche_performance", MONTHS[2], "class = 'B1'")
    assert _close(b1["credit_enhancement_pct"], oc / ending)


def test_roll_rates_month_over_month(deal_root: Path) -> None:
    _, rows = query(deal_root, "SELECT distribution_date, from_bucket, to_bucket, roll_rate "
                    "FROM delinquency_transitions ORDER BY 1, from_bucket")
    rates = {(d, f, t): r for d, f, t, r in rows}
    assert len(rows) == 10  # five transitions in each of months 2 and 3
    assert _close(rates[(MONTHS[1], "30-59", "60-89")], D("8000") / D("20000"))
    assert _close(rates[(MONTHS[1], "current", "30-59")],
                  D("25000") / (D("950000") - D("20000") - D("5000")))
    assert _close(rates[(MONTHS[2], "60-89", "90+")], D("4000") / D("8000"))
    assert _close(rates[(MONTHS[2], "90+", "foreclosure")], D("3000") / D("2000"))
    assert rates[(MONTHS[1], "foreclosure", "reo")] is None  # nothing in FC the month before


def test_delinquency_method_is_stored(deal_root: Path) -> None:
    assert query(deal_root, "SELECT DISTINCT delinquency_method FROM filings")[1] == [("MBA",)]
