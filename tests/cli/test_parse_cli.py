"""``absdw parse``: re-parse one stored filing offline and show what it mapped to."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from absdw.cli import app
from absdw.config import load_settings
from absdw.pipeline import sync
from crawler import RawStore
from lab.synth.collateral import CollateralParams
from lab.synth.cover import Masthead
from lab.synth.render_bankers_trust import render_report
from lab.synth.simulate import DealSpec, simulate
from parsers import PARSER_VERSION
from tests.parsers.conftest import build_submission

runner = CliRunner()
SEED_CIK = 1268747
SEED_ACCESSION = "0001056404-03-002432"


@pytest.fixture
def synced_home(tmp_path: Path, seed_standin: str) -> Path:
    """ABSDW_HOME after syncing the seed filing from the stand-in."""
    home = tmp_path / "home"
    settings = load_settings(dict(home=home, user_agent="absdw tests absdw-tests@example.com",
                                  edgar_url=seed_standin, edgar_data_url=seed_standin),
                             env={}, cwd=tmp_path)
    assert sync(settings, [SEED_CIK]).load.loaded == 1
    return home


def _parse(home: Path, *args: str) -> str:
    result = runner.invoke(app, ["parse", "--accession", SEED_ACCESSION, "--home", str(home),
                                 *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def _block(out: str, name: str) -> list[str]:
    """The lines of one ``== name ==`` block."""
    lines = out.split(f"== {name} ==\n", 1)[1].splitlines()
    return lines[: next(i for i, line in enumerate(lines) if line.startswith("(")) + 1]


def test_parse_shows_layout_status_checks_and_tranches(synced_home: Path) -> None:
    out = _parse(synced_home)
    filing = {line.split()[0]: line.split()[1:] for line in _block(out, "filing")[2:-1]}
    assert filing["layout"] == ["ctslink"]
    assert filing["status"] == ["ok"]
    assert filing["parser_version"] == [PARSER_VERSION]
    assert filing["form"] == ["8-K"]
    checks = [line.split()[:4] for line in _block(out, "checks")[2:-1]]
    failed = [c for c in checks if c[1] == "false"]
    assert ["tranche_rollforward", "false", "true", "X"] in failed  # the report's own OC step
    assert ["duplicate_class_row", "false", "false", "R"] in failed
    assert len(failed) == 12
    a1 = next(line for line in _block(out, "tranches") if line.startswith("A1 "))
    assert "157,824,262.08" in a1.split()  # the table format groups thousands
    assert _block(out, "tranches")[-1] == "(10 rows)"
    assert "table columns" not in out


def test_parse_json_is_one_document_with_exact_numbers(synced_home: Path) -> None:
    doc = json.loads(_parse(synced_home, "--format", "json"), parse_float=str)
    assert {r["item"]: r["value"] for r in doc["filing"]}["layout"] == "ctslink"
    a1 = next(t for t in doc["tranches"] if t["class_name"] == "A1")
    assert a1["ending_balance"] == "157824262.08"
    failed = {(c["check"], c["subject"], c["explained"]) for c in doc["checks"]
              if not c["passed"]}
    assert failed == {("tranche_rollforward", "X", True), ("tranche_reduction", "X", True),
                      ("class_totals", "Totals", True), ("pool_rollforward", "total", True),
                      ("duplicate_class_row", "R", False), ("duplicate_class_row", "RX", False)}
    rollforward = next(c for c in doc["checks"] if c["check"] == "tranche_rollforward"
                       and c["subject"] == "X")
    assert "Overcollateralized reduction Amount" in rollforward["detail"]
    assert doc["pools"][0]["ending_balance"] == "233714037.71"


def test_debug_lists_each_table_and_its_column_mappings(synced_home: Path) -> None:
    doc = json.loads(_parse(synced_home, "--debug", "--format", "json"))
    summary = [c for c in doc["table columns"]
               if c["heading"] == "Certificateholder Distribution Summary (continued)"]
    assert {c["column"]: c["field"] for c in summary}["Ending Certificate Balance"] == \
        "ending_balance"
    first = [c for c in doc["table columns"] if c["table"] == 1]
    assert first[0]["heading"] == "Certificateholder Distribution Summary"
    assert (first[0]["column"], first[0]["field"]) == ("CUSIP", "cusip")
    rows = {(r["heading"], r["row"]): r["went to"] for r in doc["table rows"]}
    assert rows[("Certificateholder Distribution Summary", "A1")] == "tranches[A1]"
    assert rows[("SERVICING FEES", "Trustee Fee")] == "report_items"
    assert rows[("Miscellaneous Reporting", "Trigger Event")] == "pools[total]"


def test_debug_table_output_names_the_summary_table(synced_home: Path) -> None:
    out = _parse(synced_home, "--debug")
    mapping = [line for line in _block(out, "table columns")
               if "Certificateholder Distribution Summary" in line
               and "Ending Certificate Balance" in line]
    assert len(mapping) == 1 and mapping[0].split()[-1] == "ending_balance"


def test_debug_traces_a_bankers_trust_statement(tmp_path: Path) -> None:
    """A stored 8-K whose EX-99.1 is a Bankers Trust statement: its own family's trace."""
    month = simulate(DealSpec(months=2, collateral=CollateralParams(loan_count=120)))[-1]
    statement = render_report(month, Masthead(
        trust="ABSDW CLI HOME EQUITY LOAN TRUST", series="1998-2", ticker="ABT",
        file_number="333-990002-01", product="Home Equity Loan Asset-Backed Certificates"))
    home = tmp_path / "home"
    RawStore(home / "raw").put(SEED_CIK, SEED_ACCESSION, build_submission(
        [("8-K", "form8k.txt", "FORM 8-K CURRENT REPORT"), ("EX-99.1", "ex99.txt", statement)]))
    doc = json.loads(_parse(home, "--debug", "--format", "json"))
    assert {r["item"]: r["value"] for r in doc["filing"]}["layout"] == "bankers_trust"
    assert "tables" not in doc  # no "records no table trace" note
    summary = {c["column"]: c["field"] for c in doc["table columns"]
               if c["heading"] == "DISTRIBUTIONS IN DOLLARS"}
    assert summary["BEGINNING PRINCIPAL BALANCE"] == "beginning_balance"
    rows = {(r["heading"], r["row"]): r["went to"] for r in doc["table rows"]}
    assert rows[("DISTRIBUTIONS IN DOLLARS", "A-1")] == "tranches[A-1]"
    assert rows[("COLLATERAL INFORMATION / GROUP I (FIXED)", "ENDING BALANCE")] == \
        "pools[GROUP I]"
    kinds = {c["heading"]: c["kind"] for c in doc["table columns"]}
    assert kinds["DELINQUENCY INFORMATION / GROUP I (FIXED)"] == "delinquency"


def test_cik_lookup_and_explicit_cik_agree(synced_home: Path) -> None:
    assert _parse(synced_home, "--cik", str(SEED_CIK)) == _parse(synced_home)


def test_unknown_accession_is_one_line_and_exit_7(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "absdw", "parse", "--accession", "0000000000-99-000001",
         "--home", str(tmp_path / "home")],
        text=True, capture_output=True, check=False, cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert done.returncode == 7
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "0000000000-99-000001" in lines[0] and "absdw sync --cik" in lines[0]
