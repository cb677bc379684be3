"""Arrow schemas of the fact tables: the column names are a public contract.

Users' SQL binds to these names, so columns may be added but never renamed or retyped.
Types follow the project's conventions: ``cik`` BIGINT, money DECIMAL(18,2) (exact cents),
rates and factors DOUBLE fractions, counts INTEGER, dates DATE. ``report_items.amount`` is
DECIMAL(38,10) because reports print per-$1,000 factors with eight decimals beside money.
"""

from __future__ import annotations

import pyarrow as pa

from foundation.vocabulary import BUCKETS, DELINQUENCY_METHODS, PARSE_STATUSES, STATUSES

__all__ = [
    "AMOUNT",
    "COUNT",
    "FACT_TABLES",
    "MAINTAINED",
    "MONEY",
    "PARTITION_DATE",
    "RATE",
    "REQUIRED",
    "SCHEMAS",
    "SORT_KEYS",
    "STORED",
    "STORED_TIMESTAMP",
    "TABLES",
    "VOCABULARIES",
    "YEAR",
    "duckdb_type",
]

MONEY = pa.decimal128(18, 2)
AMOUNT = pa.decimal128(38, 10)
RATE = pa.float64()
COUNT = pa.int32()
CIK = pa.int64()
DATE = pa.date32()
TEXT = pa.string()

#: Columns whose values must come from one closed vocabulary (``foundation.vocabulary``).
VOCABULARIES: dict[tuple[str, str], tuple[str, ...]] = {
    ("filings", "parse_status"): PARSE_STATUSES,
    ("filings", "delinquency_method"): DELINQUENCY_METHODS,
    ("delinquencies", "status"): STATUSES,
    ("delinquencies", "bucket"): BUCKETS,
}

_KEYS = [("cik", CIK), ("accession", TEXT), ("distribution_date", DATE)]


def _money(*names: str) -> list[tuple[str, pa.DataType]]:
    return [(name, MONEY) for name in names]


FILINGS = pa.schema([
    ("cik", CIK), ("accession", TEXT), ("form", TEXT), ("filed_date", DATE),
    ("company", TEXT), ("file_number", TEXT), ("exhibit_type", TEXT), ("layout", TEXT),
    ("parse_status", TEXT), ("parse_warnings", pa.list_(TEXT)),
    ("document", TEXT), ("period", DATE), ("distribution_date", DATE), ("record_date", DATE),
    ("parser_version", TEXT), ("quality_score", pa.float64()), ("parse_error", TEXT),
    ("loaded_at", pa.timestamp("us")), ("delinquency_method", TEXT), ("series", TEXT),
    ("sic", pa.int32()), ("depositor_cik", CIK), ("asset_class", TEXT),
])

TRANCHES = pa.schema([
    *_KEYS, ("record_date", DATE), ("class", TEXT), ("cusip", TEXT), ("class_type", TEXT),
    ("pass_through_rate", RATE),
    *_money("original_balance", "beginning_balance", "interest_distribution",
            "principal_distribution", "realized_loss", "ending_balance", "total_distribution"),
    ("factor", RATE),
    *_money("cumulative_realized_loss", "scheduled_principal", "unscheduled_principal",
            "accretion", "total_principal_reduction", "beginning_notional", "ending_notional",
            "accrued_interest", "unpaid_interest_shortfall_paid", "current_interest_shortfall",
            "non_supported_interest_shortfall", "interest_realized_loss",
            "remaining_unpaid_interest_shortfall"),
])

POOLS = pa.schema([
    *_KEYS, ("pool", TEXT), *_money("beginning_balance", "ending_balance"),
    ("beginning_loan_count", COUNT), ("ending_loan_count", COUNT),
    *_money("scheduled_principal", "unscheduled_principal"), ("payoff_count", COUNT),
    *_money("prepayment_penalties", "realized_loss", "cumulative_realized_loss"),
    ("wac", RATE), ("wam", COUNT), *_money("oc_amount", "oc_target"),
    ("trigger_event", pa.bool_()),
    ("net_wac", RATE), *_money("oc_deficiency", "ending_actual_balance"),
    ("collateral_description", TEXT),
])

DELINQUENCIES = pa.schema([
    *_KEYS, ("pool", TEXT), ("status", TEXT), ("bucket", TEXT),
    ("loan_count", COUNT), ("balance", MONEY),
    ("printed_bucket", TEXT), ("days_from", pa.int32()), ("days_to", pa.int32()),
])

REPORT_ITEMS = pa.schema([
    *_KEYS, ("section", TEXT), ("subject", TEXT), ("label", TEXT),
    ("amount", AMOUNT), ("text", TEXT),
])

#: Every table, in commit order (filings first: the fact views join to it).
SCHEMAS: dict[str, pa.Schema] = {
    "filings": FILINGS,
    "tranches": TRANCHES,
    "pools": POOLS,
    "delinquencies": DELINQUENCIES,
    "report_items": REPORT_ITEMS,
}
TABLES = tuple(SCHEMAS)
FACT_TABLES = TABLES[1:]

#: Columns the warehouse fills itself at commit time (with its injected clock); a batch that
#: sets one is refused, so there is one place that stamps them.
MAINTAINED: dict[str, tuple[str, ...]] = {"filings": ("loaded_at",)}

#: Columns that must not be null: the natural key of each row.
REQUIRED: dict[str, tuple[str, ...]] = {
    "filings": ("cik", "accession", "parse_status"),
    "tranches": ("cik", "accession", "class"),
    "pools": ("cik", "accession", "pool"),
    "delinquencies": ("cik", "accession", "pool", "status", "bucket"),
    "report_items": ("cik", "accession", "section", "label"),
}

#: Row order inside each file: a trust's history is contiguous, so min/max statistics prune.
SORT_KEYS: dict[str, tuple[str, ...]] = {
    "filings": ("cik", "filed_date", "accession"),
    "tranches": ("cik", "class", "distribution_date"),
    "pools": ("cik", "pool", "distribution_date"),
    "delinquencies": ("cik", "pool", "distribution_date", "status", "bucket"),
    "report_items": ("cik", "section", "distribution_date", "label"),
}

#: The date whose year names a file's partition (filings by filing date, facts by distribution).
PARTITION_DATE = {table: "distribution_date" for table in TABLES} | {"filings": "filed_date"}

#: How a TIMESTAMP is stored: UTC-adjusted, Delta's reader-v1 ``timestamp`` type.
STORED_TIMESTAMP = pa.timestamp("us", tz="UTC")

#: The Delta partition column (year of ``PARTITION_DATE``; NULL when that date is unknown).
YEAR = "year"


def _stored(table: str) -> pa.Schema:
    """What a Delta table holds: the public columns, then the columns the warehouse maintains.
    ``filed_date`` is copied onto fact rows so history and as-of need no join; ``is_current``
    marks the latest filed version of each (cik, distribution_date), kept at commit time."""
    schema = SCHEMAS[table]
    if table != "filings":
        schema = schema.append(pa.field("filed_date", DATE))
    if "loaded_at" in schema.names:  # Delta's plain timestamp: timestamp_ntz needs reader v3
        index = schema.get_field_index("loaded_at")
        schema = schema.set(index, pa.field("loaded_at", STORED_TIMESTAMP))
    return schema.append(pa.field("is_current", pa.bool_())).append(pa.field(YEAR, pa.int32()))


#: The Delta tables' schemas (public columns + maintained columns + partition column).
STORED: dict[str, pa.Schema] = {table: _stored(table) for table in TABLES}

_DUCKDB_NAMES = {
    pa.int64(): "BIGINT", pa.int32(): "INTEGER", pa.float64(): "DOUBLE", pa.date32(): "DATE",
    pa.string(): "VARCHAR", pa.bool_(): "BOOLEAN", pa.timestamp("us"): "TIMESTAMP",
}


def duckdb_type(arrow_type: pa.DataType) -> str:
    """The DuckDB type a view casts a column to, so an empty table still has its types."""
    if pa.types.is_decimal(arrow_type):
        return f"DECIMAL({arrow_type.precision},{arrow_type.scale})"
    if pa.types.is_list(arrow_type):
        return f"{duckdb_type(arrow_type.value_type)}[]"
    return _DUCKDB_NAMES[arrow_type]
