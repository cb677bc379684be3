"""Class tables -> tranches: the per-class rows of every class table merged into one record.

Rules (from real reports, see the seed's principal statement):

* a row with a blank class cell belongs to the class above it (a repeated print);
* a class printed twice in one table with identical figures collapses into one row, and the
  collapse is noted as a failed check (the printed Totals still count it);
* a class printed twice with different figures keeps the first and notes the conflict;
* a field printed by several tables (beginning balance in the summary and the principal
  statement) must agree; a disagreement is noted, the first value kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from decimal import Decimal
from functools import lru_cache

from parsers.engine.columns import Grid
from parsers.engine.evidence import ClassTableEvidence
from parsers.engine.vocabulary import FieldSpec, Value, Vocabulary, convert, printed_label
from parsers.model import Check, Tranche

__all__ = ["ClassTable", "is_total_label", "merge_tranches", "read_class_table"]

TRANCHE_FIELD_NAMES = {f.name for f in fields(Tranche)} - {"class_name"}
_TOTAL_LABELS = {"total", "totals", "deal totals"}


@lru_cache(maxsize=1 << 12)  # called for every row of every class table
def is_total_label(label: str) -> bool:
    return label.strip().lower().rstrip(":") in _TOTAL_LABELS


@dataclass
class ClassTable:
    """One class table read through a vocabulary: ``specs[i]`` is column ``i+1``'s field."""

    section: str
    title: str
    headers: list[str]
    specs: list[FieldSpec | None]
    rows: list[tuple[str, list[str | None]]] = field(default_factory=list)
    totals: list[str | None] | None = None
    duplicates: list[tuple[str, list[str | None]]] = field(default_factory=list)
    notes: list[Check] = field(default_factory=list)

    def evidence(self) -> ClassTableEvidence:
        """Totals and collapsed duplicates as amounts per field, for the checks."""
        found = ClassTableEvidence(self.section, classes=[name for name, _ in self.rows])
        if self.totals is not None:
            found.totals = self._amounts(self.totals)
        found.duplicates = [(name, self._amounts(cells)) for name, cells in self.duplicates]
        return found

    def _amounts(self, cells: list[str | None]) -> dict[str, Decimal]:
        out: dict[str, Decimal] = {}
        for spec, cell in zip(self.specs, cells, strict=True):
            value = convert(cell, spec.kind) if spec and spec.kind == "amount" else None
            if spec and isinstance(value, Decimal):
                out[spec.name] = value
        return out


def read_class_table(grid: Grid, vocabulary: Vocabulary, section: str) -> ClassTable:
    """Rows of ``grid`` by class; blank-class rows join the class above, duplicates collapse."""
    headers = [printed_label(h) for h in grid.headers[1:]]
    table = ClassTable(section, grid.title, headers, [vocabulary.lookup(h) for h in headers])
    previous: str | None = None
    for row in grid.rows:
        label = row.label.strip()
        if not any(v and not v.isspace() for v in row.values):
            continue
        if is_total_label(label):
            table.totals = row.values
            continue
        name = label or previous
        if name is None:
            continue
        previous = name
        _add_row(table, name, row.values)
    return table


def _add_row(table: ClassTable, name: str, cells: list[str | None]) -> None:
    for known, printed in table.rows:
        if known != name:
            continue
        table.duplicates.append((name, cells))
        same = printed == cells
        detail = (
            f"{name} printed twice with identical figures in {table.title!r}; collapsed into one"
            if same
            else f"{name} printed twice with different figures in {table.title!r}; kept the "
            f"first ({_show(printed)}), ignored ({_show(cells)})"
        )
        name_ = "duplicate_class_row" if same else "conflicting_class_row"
        table.notes.append(Check(name_, False, detail, subject=name))
        return
    table.rows.append((name, cells))


def _show(cells: list[str | None]) -> str:
    return " ".join(c or "-" for c in cells)


def merge_tranches(tables: list[ClassTable]) -> tuple[list[Tranche], list[Check]]:
    """One Tranche per class, in order of first appearance, with every mapped field set."""
    tranches: dict[str, Tranche] = {}
    notes: list[Check] = []
    for table in tables:
        mapped = [(i, spec) for i, spec in enumerate(table.specs)
                  if spec is not None and spec.name in TRANCHE_FIELD_NAMES]
        for name, cells in table.rows:
            tranche = tranches.get(name)
            if tranche is None:
                tranche = tranches[name] = Tranche(class_name=name)
            for i, spec in mapped:
                note = _set(tranche, spec, cells[i], table.section)
                if note is not None:
                    notes.append(note)
    return list(tranches.values()), notes


def _set(tranche: Tranche, spec: FieldSpec, cell: str | None, section: str) -> Check | None:
    """Set one field from one cell; a note when the cell is unreadable or disagrees."""
    value: Value | None = convert(cell, spec.kind)
    if value is None:
        if cell and cell.strip():
            detail = f"{tranche.class_name} {spec.name}: cannot read {cell!r} in {section}"
            return Check("unreadable_cell", False, detail, subject=tranche.class_name)
        return None
    current = getattr(tranche, spec.name)
    if current is None:
        setattr(tranche, spec.name, value)
        return None
    if current != value:
        detail = (f"{tranche.class_name} {spec.name}: {current} elsewhere, {value} in {section}; "
                  "kept the first")
        return Check("class_field_conflict", False, detail, subject=tranche.class_name)
    return None
