"""Warehouse at scale: build a synthetic warehouse and print ingest and query figures.

Run by hand (not a test): ``.venv/bin/python benchmarks/warehouse_scale.py`` builds 10,000
trusts x 240 months (~2.4M pool rows, ~25M tranche rows) with one sync per month, then prints
ingest rows/s, query latencies (each with its ratio to the same query on a native in-memory
DuckDB table of the same rows), the cost of dedupe-on-read versus the materialised
``is_current``, file counts before/after ``compact()`` and peak memory.
``--trusts 200 --months 24`` runs in seconds.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa

from warehouse import Warehouse, connect

TYPES = ("SEN", "SEN", "SEN", "MEZ", "MEZ", "MEZ", "MEZ", "MEZ", "MEZ", "MEZ", "SUB", "SUB")
COLUMNS = "cik, class, distribution_date, ending_balance, principal_distribution, factor"


def money(cents: np.ndarray) -> pa.Array:
    """DECIMAL(18,2) straight from integer cents (no per-value Python)."""
    words = np.empty((len(cents), 2), np.int64)
    words[:, 0] = cents
    words[:, 1] = cents >> 63
    return pa.Array.from_buffers(pa.decimal128(18, 2), len(cents), [None, pa.py_buffer(words)])


def distribution(month: int) -> date:
    year, index = divmod(month, 12)
    return date(2000 + year, index + 1, 25)


def month_batch(trusts: int, month: int, classes: np.ndarray) -> dict[str, pa.Table]:
    """One sync: every trust's report for ``month`` (deterministic numbers)."""
    ciks = np.arange(1_000_000, 1_000_000 + trusts, dtype=np.int64)
    day = distribution(month)
    accessions = [f"{c:010d}-{month:06d}" for c in ciks]
    filed = day + timedelta(days=8)
    original = (ciks % 97 + 100).astype(np.int64) * 1_000_000_00
    decay = 0.99 ** month
    ending = (original * decay).astype(np.int64)
    beginning = (original * decay / 0.99).astype(np.int64)
    dates = pa.array([day] * trusts, pa.date32())
    filings = pa.table({
        "cik": ciks, "accession": accessions, "form": ["10-D"] * trusts,
        "filed_date": pa.array([filed] * trusts, pa.date32()),
        "parse_status": ["ok"] * trusts, "distribution_date": dates,
    })
    pools = pa.table({
        "cik": ciks, "accession": accessions, "distribution_date": dates,
        "pool": ["total"] * trusts, "beginning_balance": money(beginning),
        "ending_balance": money(ending), "scheduled_principal": money(beginning // 200),
        "unscheduled_principal": money(beginning - ending - beginning // 200),
        "realized_loss": money(ending // 5000), "oc_amount": money(original // 50),
    })
    return {"filings": filings, "pools": pools,
            "tranches": _tranches(ciks, accessions, day, classes, original, decay),
            "delinquencies": _delinquencies(ciks, accessions, day, ending)}


def _tranches(ciks: np.ndarray, accessions: list[str], day: date, classes: np.ndarray,
              original: np.ndarray, decay: float) -> pa.Table:
    repeat = classes
    index = np.concatenate([np.arange(n) for n in repeat])
    share = np.where(index < 3, 0.25, 0.03)
    orig = (np.repeat(original, repeat) * share).astype(np.int64)
    end = (orig * np.where(index < 3, decay, 1.0)).astype(np.int64)
    names = np.array([f"{'A' if i < 3 else 'M'}{i + 1}" for i in range(len(TYPES))])
    return pa.table({
        "cik": np.repeat(ciks, repeat), "accession": np.repeat(np.array(accessions), repeat),
        "distribution_date": pa.array([day] * len(index), pa.date32()),
        "class": names[index], "class_type": np.array(TYPES)[index],
        "original_balance": money(orig), "ending_balance": money(end),
        "principal_distribution": money(orig // 100), "factor": end / orig,
    })


def _delinquencies(ciks: np.ndarray, accessions: list[str], day: date,
                   ending: np.ndarray) -> pa.Table:
    cells = [("delinquent", "30-59", 200), ("delinquent", "60-89", 400),
             ("foreclosure", "90+", 600)]
    n = len(ciks)
    return pa.table({
        "cik": np.tile(ciks, 3), "accession": np.tile(np.array(accessions), 3),
        "distribution_date": pa.array([day] * 3 * n, pa.date32()),
        "pool": ["total"] * 3 * n,
        "status": [s for s, _, _ in cells for _ in range(n)],
        "bucket": [b for _, b, _ in cells for _ in range(n)],
        "loan_count": pa.array(np.tile(np.arange(n) % 7, 3), pa.int32()),
        "balance": money(np.concatenate([ending // d for _, _, d in cells])),
    })


def timed(con, sql: str, repeat: int = 5) -> float:
    """Median wall time in ms over ``repeat`` runs (after one warm-up)."""
    con.execute(sql).fetchall()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        con.execute(sql).fetchall()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def queries(trusts: int, months: int) -> dict[str, str]:
    cik = 1_000_000 + trusts // 2
    day = distribution(months // 2)
    return {
        "one trust history": f"SELECT {COLUMNS} FROM tranches WHERE cik = {cik} "
                             "ORDER BY class, distribution_date",
        "one month cross-section": f"SELECT {COLUMNS} FROM tranches "
                                   f"WHERE distribution_date = DATE '{day}'",
        "month-over-month window": "SELECT sum(chg) FROM (SELECT ending_balance - lag("
                                   "ending_balance) OVER (PARTITION BY cik, class ORDER BY "
                                   "distribution_date) AS chg FROM tranches)",
    }


def dedupe_queries(trusts: int, months: int) -> dict[str, str]:
    """The same reads as window-ranked 'latest version' over every version (no is_current)."""
    latest = ("(SELECT * EXCLUDE (rn) FROM (SELECT *, row_number() OVER (PARTITION BY cik, "
              "distribution_date, class ORDER BY filed_date DESC, accession DESC) AS rn "
              "FROM tranches_history) WHERE rn = 1)")
    return {name: sql.replace("FROM tranches", f"FROM {latest}")
            for name, sql in queries(trusts, months).items()}


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ingest(root: Path, trusts: int, months: int) -> Warehouse:
    classes = 8 + (np.arange(trusts) % 5)  # 8..12 classes, mean 10
    warehouse = Warehouse(root)
    rows, start = 0, time.perf_counter()
    for month in range(months):
        batch = month_batch(trusts, month, classes)
        warehouse.append_tables(batch)
        rows += sum(t.num_rows for t in batch.values())
        if month % 24 == 23:
            print(f"  ... month {month + 1}/{months}: {rows / (time.perf_counter() - start):,.0f}"
                  " rows/s", flush=True)
    seconds = time.perf_counter() - start
    print(f"ingest: {rows:,} rows in {seconds:,.1f} s = {rows / seconds:,.0f} rows/s "
          f"({months} syncs of {trusts:,} trusts)")
    amend = month_batch(trusts, months // 2, classes)
    amend = {t: d.slice(0, max(1, trusts // 100) * (1 if t != "tranches" else 8))
             for t, d in amend.items()}
    amend["filings"] = amend["filings"].set_column(
        1, "accession", pa.array([a + "A" for a in amend["filings"]["accession"].to_pylist()]))
    amend["filings"] = amend["filings"].set_column(
        3, "filed_date", pa.array([distribution(months // 2) + timedelta(days=40)]
                                  * amend["filings"].num_rows, pa.date32()))
    for t in ("pools", "tranches", "delinquencies"):
        amend[t] = amend[t].set_column(1, "accession", pa.array(
            [a + "A" for a in amend[t]["accession"].to_pylist()]))
    start = time.perf_counter()
    warehouse.append_tables(amend)
    print(f"amendment sync ({amend['filings'].num_rows} trusts restate one month): "
          f"{time.perf_counter() - start:,.2f} s")
    return warehouse


def report(root: Path, trusts: int, months: int, label: str) -> dict[str, float]:
    start = time.perf_counter()
    con = connect(root)
    print(f"[{label}] connect(): {(time.perf_counter() - start) * 1000:,.0f} ms")
    figures = {}
    first_sql = queries(trusts, months)["one trust history"]
    start = time.perf_counter()
    con.execute(first_sql).fetchall()  # cold: footers not yet cached on this connection
    print(f"[{label}] one trust history, first query on the connection: "
          f"{(time.perf_counter() - start) * 1000:,.1f} ms")
    for name, sql in queries(trusts, months).items():
        figures[name] = timed(con, sql, repeat=3 if "window" in name else 5)
        print(f"[{label}] {name}: {figures[name]:,.1f} ms")
    for name, sql in dedupe_queries(trusts, months).items():
        if "window" in name and trusts * months > 500_000:
            continue  # minutes at full scale; the two others make the point
        ms = timed(con, sql, repeat=3)
        print(f"[{label}] {name} as dedupe-on-read: {ms:,.1f} ms "
              f"= {ms / figures[name]:,.1f}x the is_current view")
    con.close()
    return figures


def native(root: Path, trusts: int, months: int, figures: dict[str, float]) -> None:
    con = connect(root)
    con.execute(f"CREATE TABLE native AS SELECT {COLUMNS} FROM tranches")
    for name, sql in queries(trusts, months).items():
        ms = timed(con, sql.replace("FROM tranches", "FROM native"),
                   repeat=3 if "window" in name else 5)
        print(f"native {name}: {ms:,.1f} ms; warehouse/native = {figures[name] / ms:,.2f}x")
    con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trusts", type=int, default=10_000)
    parser.add_argument("--months", type=int, default=240)
    parser.add_argument("--root", type=Path, default=None, help="default: a temp directory")
    args = parser.parse_args()
    root = args.root or Path(tempfile.mkdtemp(prefix="absdw-scale-")) / "warehouse"
    print(f"building {args.trusts:,} trusts x {args.months} months at {root}", flush=True)
    try:
        warehouse = ingest(root, args.trusts, args.months)
        report(root, args.trusts, args.months, "before compact")
        start = time.perf_counter()
        result = warehouse.compact(retention_hours=0)
        print(f"compact: {time.perf_counter() - start:,.1f} s; files {result.files_before} -> "
              f"{result.files_after}; {result.files_deleted} deleted")
        figures = report(root, args.trusts, args.months, "after compact")
        print(f"peak memory (warehouse work): {peak_mb():,.0f} MB")
        native(root, args.trusts, args.months, figures)
        print(f"peak memory (incl. native table): {peak_mb():,.0f} MB")
    finally:
        if args.root is None:
            shutil.rmtree(root.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
