"""Loan groups: a group's name from a heading, and a collateral statement printed per group.

Multi-group deals print the collateral statement with one value column per group plus the
deal's (``Group 1 | Group 2 | Total``) and one delinquency matrix per group (``DELINQUENCY
STATUS - GROUP 1``). Pools are named as printed *without* the word "Group": ``Group 1`` ->
``"1"``, ``Loan Group II`` -> ``"II"``; a ``Total`` column (or a heading naming no group) is
the deal-level pool ``"total"``.
"""

from __future__ import annotations

import re
from collections.abc import MutableMapping

from parsers.engine.columns import Grid
from parsers.engine.labelled import read_labelled
from parsers.engine.vocabulary import Vocabulary
from parsers.model import Pool, ReportItem

__all__ = ["column_pools", "group_name", "read_group_columns"]

_GROUP = re.compile(r"\bgroup\s+([A-Za-z0-9][A-Za-z0-9-]*)", re.IGNORECASE)


def group_name(title: str) -> str | None:
    """``"DELINQUENCY STATUS - GROUP 2"`` -> ``"2"``; None when no group is named."""
    found = _GROUP.search(title)
    return found.group(1) if found else None


def column_pools(grid: Grid) -> list[str] | None:
    """The pool of each value column when every one is headed ``Group N`` or ``Total`` (and
    at least one names a group), else None."""
    names = []
    for header in grid.headers[1:]:
        text = header.strip().lower()
        name = "total" if text in ("total", "totals", "deal total") else group_name(header)
        if name is None:
            return None
        names.append(name)
    return names if len(names) >= 2 and set(names) != {"total"} else None


def read_group_columns(grid: Grid, section: str, pools: MutableMapping[str, Pool],
                       vocabulary: Vocabulary, names: list[str] | None = None
                       ) -> list[ReportItem]:
    """Each column into its pool (created in ``pools`` when new); unknown rows as items, with
    the group as ``subject`` (None for the Total column). ``names``: the pool of each value
    column when a family names its groups otherwise than :func:`column_pools`."""
    out: list[ReportItem] = []
    for i, name in enumerate(names or column_pools(grid) or []):
        pool = pools.setdefault(name, Pool(pool=name))
        out += read_labelled(grid, section, pool, vocabulary, column=i,
                             subject=None if name == "total" else name)
    return out
