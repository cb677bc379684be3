"""Replace committed filings in place (``absdw reparse``): one Delta commit per table.

Why replace rows rather than rebuild the tables and swap them in: a re-parse after a parser
upgrade touches a few filings or all of them, but the warehouse holds every trust's whole
history, and a rebuild rewrites all of it (hours at scale, double the disk) and needs a second
pointer scheme beside the manifest. Replacing by accession rewrites only the files that hold
those accessions, keeps time travel (the old rows stay in earlier Delta versions until vacuum)
and reuses the append's guarantees unchanged: each table gets exactly one Delta commit (a
predicate overwrite: remove the files holding the accessions, add their rows back with the
new ones), then ``_manifest.json`` moves to all the new versions at once, and a crash before
that rename is rolled back by the next writer (``delta.recover``).

Current versions are recomputed for every trust-month the replaced filings were in, before
and after (:func:`warehouse.versions.restate`): a re-parse may turn a quarantined amendment
``ok`` (it becomes current, its predecessor is demoted) or the reverse (the month goes back
to the predecessor), so the other filings of those months whose ``is_current`` flips are
rewritten in the same commit.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa

from foundation.durable import Replace
from warehouse import delta
from warehouse.commit import _existing_versions, _stored_rows, _versions
from warehouse.manifest import Manifest, write_manifest
from warehouse.schema import TABLES
from warehouse.versions import Restatement, Settlement, Version, restate

__all__ = ["commit_replace"]


def commit_replace(
    root: Path, manifest: Manifest, pinned: dict[str, int], tables: Mapping[str, pa.Table],
    now: datetime, replace_file: Replace,
) -> tuple[Manifest, dict[str, int]]:
    """Replace every row of the accessions in ``tables['filings']`` by ``tables`` and commit
    the manifest; returns it and the rows removed per table."""
    filings = tables["filings"]
    replaced = set(filings["accession"].to_pylist())
    restatement = _restatement(root, pinned["filings"], filings, replaced)
    settlement = Settlement(restatement.current, frozenset())
    filed = dict(zip(filings["accession"].to_pylist(), filings["filed_date"].to_pylist(),
                     strict=True))
    versions, removed = dict(pinned), {}
    for table in TABLES:
        old = delta.rows_of(root, table, pinned[table], replaced)
        flipped = _flip(delta.rows_of(root, table, pinned[table], restatement.flipped),
                        restatement.current)
        data = pa.concat_tables([_stored_rows(table, tables[table], settlement, filed), flipped])
        removed[table] = old.num_rows
        if data.num_rows or old.num_rows:
            versions[table] = delta.rewrite(root, table, data,
                                            replaced | set(restatement.flipped))
    rows = {t: manifest.rows.get(t, 0) + tables[t].num_rows - removed[t] for t in TABLES}
    stamp = now.astimezone(UTC).isoformat(timespec="seconds")
    after = Manifest(manifest.version + 1, stamp, versions, rows)
    write_manifest(root, after, replace_file)
    return after, removed


def _restatement(root: Path, version: int, filings: pa.Table, replaced: set[str]
                 ) -> Restatement:
    """Current versions of every month the replaced filings were or now are in."""
    before = delta.rows_of(root, "filings", version, replaced)
    before_versions = [Version(r["cik"], r["distribution_date"], r["accession"],
                               r["filed_date"], r["parse_status"] == "ok",
                               bool(r["is_current"]))
                       for r in before.select(["cik", "distribution_date", "accession",
                                               "filed_date", "parse_status", "is_current"])
                       .to_pylist()]
    keys = pa.concat_tables([filings.select(["cik", "distribution_date"]),
                             before.select(["cik", "distribution_date"])])
    existing = {v.accession: v for v in _existing_versions(root, version, keys)}
    existing.update({v.accession: v for v in before_versions})
    return restate(existing.values(), _versions(filings))


def _flip(rows: pa.Table, current: frozenset[str]) -> pa.Table:
    """``rows`` with ``is_current`` set from ``current``."""
    flags = pa.array([a in current for a in rows["accession"].to_pylist()], pa.bool_())
    return rows.set_column(rows.schema.get_field_index("is_current"), "is_current", flags)
