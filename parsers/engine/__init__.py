"""Shared machinery every layout family reuses.

* :mod:`~parsers.engine.tables`     text -> ``<TABLE>`` blocks (caption, marker, body, notes)
* :mod:`~parsers.engine.columns`    block -> :class:`Grid` (fixed-width column inference)
* :mod:`~parsers.engine.numbers`    printed numbers, percentages and dates -> exact values
* :mod:`~parsers.engine.vocabulary` printed labels -> canonical fields (synonyms, kinds)
* :mod:`~parsers.engine.classes`    class tables -> merged tranches (duplicates, blank rows)
* :mod:`~parsers.engine.delinquency` count/balance matrices -> delinquency records
* :mod:`~parsers.engine.items`      anything else -> report items
* :mod:`~parsers.engine.labelled`   label/value tables -> one record's fields (+ items)
* :mod:`~parsers.engine.groups`     loan groups: names from headings, per-group columns
* :mod:`~parsers.engine.evidence`   derived printed figures kept for the checks
"""

from parsers.engine.columns import Grid, build_grid
from parsers.engine.numbers import parse_amount, parse_count, parse_date, parse_rate
from parsers.engine.tables import TextTable, split_tables
from parsers.engine.vocabulary import FieldSpec, Vocabulary

__all__ = [
    "FieldSpec",
    "Grid",
    "TextTable",
    "Vocabulary",
    "build_grid",
    "parse_amount",
    "parse_count",
    "parse_date",
    "parse_rate",
    "split_tables",
]
