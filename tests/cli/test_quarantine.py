"""Quarantined filings explained and retried: `quarantine list|show`, `refetch` (issue 12)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from absdw.cli import app
from absdw.config import load_settings
from absdw.errors import NotStoredError
from absdw.pipeline import sync
from lab.samples import SEED_CIK, seed_filing
from lab.standin.server import StandinServer
from lab.standin.tree import EdgarTree, TreeDocument
from warehouse import query

UA = "absdw tests absdw-tests@example.com"
runner = CliRunner()


def _serve(root: Path, *, broken: bool) -> EdgarTree:
    """The seed filing at its accession: its real report, or a document with no report."""
    tree = EdgarTree(root)
    filing = seed_filing()
    if broken:
        filing = replace(filing, documents=(TreeDocument("8-K", "x.txt", "no report here\n"),))
    tree.add_filing(filing)
    tree.write_submissions()
    return tree


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_list_show_and_refetch_a_filing_edgar_corrected(tmp_path: Path) -> None:
    root = tmp_path / "edgar"
    _serve(root, broken=True)
    with StandinServer(root) as server:
        overrides = {"home": tmp_path / "home", "user_agent": UA, "edgar_url": server.url,
                     "edgar_data_url": server.url}
        settings = load_settings(overrides, env={}, config_files=False)
        summary = sync(settings, [SEED_CIK])
        [(accession, _)] = summary.load.quarantined
        home = ["--home", str(settings.home)]

        listed = _csv(runner.invoke(app, ["quarantine", "list", *home, "-f", "csv"]).stdout)
        assert [(r["cik"], r["accession"], r["month_covered"]) for r in listed] == [
            (str(SEED_CIK), accession, "false")]
        assert listed[0]["reason"]  # the reason's first line

        shown = runner.invoke(app, ["quarantine", "show", accession, *home])
        assert shown.exit_code == 0, shown.output
        lines = shown.stdout.splitlines()
        reasons = [line for line in lines if line.startswith("reason ")]
        assert reasons and all(len(line) < 2_200 for line in reasons)  # one per line, bounded
        retry = [line.split(None, 1)[1] for line in lines if line.startswith("retry ")]
        assert retry[1].startswith(f"absdw refetch {accession} --cik {SEED_CIK}")
        doc = json.loads(runner.invoke(app, ["quarantine", "show", accession, *home, "-f",
                                             "json"]).stdout)
        assert doc["accession"] == accession and doc["reasons"] == [
            r.split(None, 1)[1] for r in reasons]

        same = runner.invoke(app, ["refetch", accession, *home], env={"ABSDW_USER_AGENT": UA,
                             "ABSDW_EDGAR_URL": server.url, "ABSDW_EDGAR_DATA_URL": server.url})
        assert same.exit_code == 0, same.output
        assert "same bytes as the stored copy" in same.stderr and "quarantined again" in \
            same.stderr

        _serve(root, broken=False)  # EDGAR corrects the document in place
        fixed = runner.invoke(app, ["refetch", accession, *home], env={
            "ABSDW_USER_AGENT": UA, "ABSDW_EDGAR_URL": server.url,
            "ABSDW_EDGAR_DATA_URL": server.url})
    assert fixed.exit_code == 0, fixed.output
    assert "new bytes; the old copy is kept at" in fixed.stderr and "loaded" in fixed.stderr
    kept = list((settings.raw_dir / str(SEED_CIK) / "corrupt").iterdir())
    assert any(b"no report here" in p.read_bytes() for p in kept)  # nothing thrown away
    assert query(settings.warehouse_dir, "select parse_status from filings")[1] == [("ok",)]
    assert query(settings.warehouse_dir, "select count(*) from tranches")[1] == [(10,)]
    assert _csv(runner.invoke(app, ["quarantine", "list", *home, "-f", "csv"]).stdout) == []


def test_show_refuses_a_filing_that_is_not_quarantined(tmp_path: Path) -> None:
    from absdw.quarantine import quarantined_filing

    settings = load_settings({"home": tmp_path / "home"}, env={}, config_files=False)
    with pytest.raises(NotStoredError, match="not in the warehouse"):
        quarantined_filing(settings, "0001056404-03-002432")
    with pytest.raises(NotStoredError):
        quarantined_filing(settings, "not-an-accession")
