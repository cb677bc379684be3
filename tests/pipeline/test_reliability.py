"""What a sync does with what it cannot trust (issue 11, items 4, 7, 8 and 9): another trust's
filing, a corrupt raw file, hostile text, a full disk. Each ends in a reason a person can act
on, and never in lost or wrong rows."""

from __future__ import annotations

import csv
import dataclasses
import errno
import io
import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from absdw.cli import app
from absdw.config import Settings, load_settings
from absdw.errors import EXIT_CODES, exit_code_for
from absdw.output import Format, render
from absdw.pipeline import load_stored, reparse
from crawler import RawStore
from foundation.errors import StorageError
from foundation.text import MAX_REASON_CHARS
from lab.samples import seed_filing
from lab.standin.sgml import full_submission_text
from warehouse import Warehouse, export, query

SEED_CIK, SEED_ACCESSION = 1268747, "0001056404-03-002432"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings({"home": tmp_path / "home"}, env={}, cwd=tmp_path)


def _seed_bytes() -> bytes:
    return full_submission_text(seed_filing()).encode("utf-8")


def test_a_filing_naming_other_filers_is_quarantined_with_both_ciks(settings: Settings) -> None:
    """Fetched for CIK 42, its header's FILER is the TERWIN trust: another trust's month must
    not be loaded under this one."""
    RawStore(settings.raw_dir).put(42, SEED_ACCESSION, _seed_bytes())
    summary = load_stored(settings)
    [(accession, reason)] = summary.quarantined
    assert accession == SEED_ACCESSION
    assert "fetched for CIK 42 names filers [1268747]" in reason
    assert query(settings.warehouse_dir, "SELECT count(*) FROM tranches_history")[1] == [(0,)]


def test_a_corrupt_raw_file_is_set_aside_reported_and_fetched_again(settings: Settings) -> None:
    store = RawStore(settings.raw_dir)
    store.put(SEED_CIK, SEED_ACCESSION, _seed_bytes())
    path = store.path_for(SEED_CIK, SEED_ACCESSION)
    path.write_bytes(path.read_bytes().replace(b"157,824,262.08", b"157,824,262.09"))
    summary = load_stored(settings)
    [(accession, reason)] = summary.failed
    assert accession == SEED_ACCESSION and "do not match" in reason and "set aside" in reason
    assert summary.loaded == 0 and not store.has(SEED_CIK, SEED_ACCESSION)
    assert len(list((path.parent / "corrupt").iterdir())) == 2  # kept: document + sidecar
    assert query(settings.warehouse_dir, "SELECT count(*) FROM filings")[1] == [(0,)]
    store.put(SEED_CIK, SEED_ACCESSION, _seed_bytes())  # what the next sync fetches
    assert load_stored(settings).loaded == 1


def test_reparse_keeps_the_rows_of_a_filing_whose_raw_file_went_bad(settings: Settings) -> None:
    """One corrupt file neither aborts the re-parse nor deletes the good rows it has."""
    store = RawStore(settings.raw_dir)
    store.put(SEED_CIK, SEED_ACCESSION, _seed_bytes())
    amendment = dataclasses.replace(seed_filing(), accession="0001056404-04-000100",
                                    form="8-K/A", filed=date(2004, 1, 15))
    store.put(SEED_CIK, amendment.accession, full_submission_text(amendment).encode())
    assert load_stored(settings).loaded == 2
    path = store.path_for(SEED_CIK, SEED_ACCESSION)
    path.write_bytes(path.read_bytes()[:-500])
    summary = reparse(settings, force=True)
    assert summary.reparsed == [amendment.accession]
    assert [a for a, _ in summary.corrupt_raw] == [SEED_ACCESSION]
    assert query(settings.warehouse_dir, "SELECT count(*) FROM tranches_history WHERE "
                 f"accession = '{SEED_ACCESSION}'")[1] == [(10,)]


# -- untrusted text


def _hostile_seed() -> bytes:
    """The seed with a report label turned into a spreadsheet formula and a terminal escape."""
    text = _seed_bytes().decode("utf-8")
    label = "Proceeds from Repurchased Loans"  # same width, so the table keeps its columns
    hostile = '=HYPERLINK("x")\x1b]0;pwned\x07 Loans'
    assert label in text and len(hostile) <= len(label)
    return text.replace(label, hostile.ljust(len(label)), 1).encode("utf-8")


def test_csv_export_neutralises_formulas_and_query_output_drops_escapes(
        settings: Settings, tmp_path: Path) -> None:
    RawStore(settings.raw_dir).put(SEED_CIK, SEED_ACCESSION, _hostile_seed())
    assert load_stored(settings).loaded == 1
    sql = "SELECT label FROM report_items WHERE label LIKE '=HYPERLINK%'"
    columns, rows = query(settings.warehouse_dir, sql)
    assert rows and rows[0][0].startswith("=HYPERLINK")  # stored as printed
    export(settings.warehouse_dir, tmp_path / "bi", "csv", tables=["report_items"])
    exported = tmp_path / "bi" / "report_items" / "report_items_2003.csv"
    cells = [c for row in csv.reader(io.StringIO(exported.read_text())) for c in row
             if "HYPERLINK" in c]
    assert cells and all(c.startswith("'=HYPERLINK") for c in cells)
    table = render(columns, rows, Format.table)
    assert "\x1b" not in table and "\x07" not in table and "=HYPERLINK" in table
    [cell] = list(csv.reader(io.StringIO(render(columns, rows, Format.csv))))[1]
    assert cell.startswith("'=HYPERLINK") and "\x1b" not in cell


def test_a_submission_of_thousands_of_documents_gives_a_bounded_reason(
        settings: Settings) -> None:
    documents = "".join(f"<DOCUMENT>\n<TYPE>GRAPHIC\n<SEQUENCE>{n}\n<FILENAME>g{n}.jpg\n"
                        "<TEXT>\nx\n</TEXT>\n</DOCUMENT>\n" for n in range(20_000))
    head = _seed_bytes().decode("utf-8").split("<DOCUMENT>", 1)[0]
    raw = (head + documents + "</SEC-DOCUMENT>\n").encode()
    RawStore(settings.raw_dir).put(SEED_CIK, SEED_ACCESSION, raw)
    [(_, reason)] = load_stored(settings).quarantined
    assert len(reason) <= MAX_REASON_CHARS + 60 and "(+19,980 more)" in reason
    [(stored,)] = query(settings.warehouse_dir, "SELECT parse_error FROM filings")[1]
    assert stored == reason


# -- clear failures


def test_a_full_disk_names_the_path_and_exits_with_the_warehouse_code(
        settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    RawStore(settings.raw_dir).put(SEED_CIK, SEED_ACCESSION, _seed_bytes())
    import warehouse.commit

    def full(*args: object, **kwargs: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(warehouse.commit.delta, "append", full)
    with pytest.raises(StorageError, match=f"writing the warehouse at {settings.warehouse_dir}"
                       r" failed \(\[Errno 28\] No space left on device\)") as failed:
        load_stored(settings)
    assert exit_code_for(failed.value) == EXIT_CODES["warehouse"]
    monkeypatch.undo()
    assert load_stored(settings).loaded == 1  # the next run completes it


def test_a_raw_store_that_cannot_be_written_names_the_path(tmp_path: Path) -> None:
    """Where the trust's folder should be there is a file (a read-only or broken home)."""
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / str(SEED_CIK)).write_text("not a folder")
    with pytest.raises(StorageError, match=f"cannot write {tmp_path / 'raw' / str(SEED_CIK)}"
                       ) as failed:
        RawStore(tmp_path / "raw").put(SEED_CIK, SEED_ACCESSION, _seed_bytes())
    assert exit_code_for(failed.value) == EXIT_CODES["warehouse"]


def test_cli_prints_a_storage_failure_as_one_bounded_line(settings: Settings,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    import absdw.cli

    def broken(*args: object, **kwargs: object) -> None:
        raise StorageError("cannot write /x/y: No space left on device; free space " + "z" * 9999)

    monkeypatch.setattr(Warehouse, "compact", broken)
    result = CliRunner().invoke(app, ["compact", "--home", str(settings.home)])
    assert isinstance(result.exception, StorageError)
    monkeypatch.setattr(sys, "argv", ["absdw", "compact", "--home", str(settings.home)])
    with pytest.raises(SystemExit) as stop:
        absdw.cli.main()
    assert stop.value.code == EXIT_CODES["warehouse"]
