"""``absdw reparse``: filings parsed by an older parser are re-parsed from the raw store and
their rows replaced, status and current version included; a second run does nothing."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from absdw.cli import app
from absdw.config import Settings, load_settings
from absdw.pipeline import load_stored, reparse
from crawler import RawStore
from foundation.errors import ConfigError
from lab.samples import seed_filing
from lab.standin import full_submission_text
from parsers import PARSER_VERSION, parse_submission
from parsers.model import ParsedFiling, ParseResult
from warehouse import query
from warehouse.manifest import read_manifest

SEED_CIK = 1268747
ORIGINAL = "0001056404-03-002432"
AMENDMENT = "0001056404-04-000100"
COUNTS = ("SELECT (SELECT count(*) FROM filings), (SELECT count(*) FROM tranches_history), "
          "(SELECT count(*) FROM pools_history), (SELECT count(*) FROM delinquencies_history), "
          "(SELECT count(*) FROM report_items_history)")


def _old_parse(raw: bytes) -> ParsedFiling:
    """Today's parse, labelled as an older parser's output."""
    parsed = parse_submission(raw, min_score=0.9)
    parsed.result = dataclasses.replace(parsed.result, parser_version="0.0.1")
    return parsed


def _quarantining(accession: str):
    """A parser whose new version quarantines ``accession`` and reads the rest as today."""
    def parse(raw: bytes) -> ParsedFiling:
        parsed = parse_submission(raw, min_score=0.9)
        if parsed.header.accession == accession:
            parsed.result = ParseResult("ctslink", "quarantined", None,
                                        error="test: class table misread",
                                        parser_version=PARSER_VERSION)
        return parsed
    return parse


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """A home whose raw store holds the seed and an 8-K/A restating it, loaded by 0.0.1."""
    settings = load_settings(dict(home=tmp_path / "home"), env={}, cwd=tmp_path)
    store = RawStore(settings.raw_dir)
    seed = seed_filing()
    amendment = dataclasses.replace(seed, accession=AMENDMENT, form="8-K/A",
                                    filed=date(2004, 1, 15))
    for filing in (seed, amendment):
        store.put(SEED_CIK, filing.accession, full_submission_text(filing).encode("utf-8"))
    assert load_stored(settings, parse=_old_parse).loaded == 2
    return settings


def _q(settings: Settings, sql: str) -> list[tuple]:
    return query(settings.warehouse_dir, sql)[1]


def test_reparse_replaces_old_rows_and_keeps_counts(settings: Settings) -> None:
    before = _q(settings, COUNTS)
    assert _q(settings, "SELECT DISTINCT parser_version FROM filings") == [("0.0.1",)]
    version = read_manifest(settings.warehouse_dir).version
    summary = reparse(settings)
    assert summary.reparsed == [ORIGINAL, AMENDMENT]
    assert (summary.changed, summary.quarantined, summary.up_to_date) == ([], [], 0)
    assert _q(settings, COUNTS) == before == [(2, 20, 2, 54, 550)]  # two filings' rows
    assert _q(settings, "SELECT DISTINCT parser_version FROM filings") == [(PARSER_VERSION,)]
    assert read_manifest(settings.warehouse_dir).version == version + 1
    assert _q(settings, "SELECT accession, ending_balance FROM tranches WHERE class = 'A1'") \
        == [(AMENDMENT, Decimal("157824262.08"))]


def test_second_run_does_nothing(settings: Settings) -> None:
    reparse(settings)
    version = read_manifest(settings.warehouse_dir).version
    again = reparse(settings)
    assert (again.reparsed, again.up_to_date) == ([], 2)
    assert read_manifest(settings.warehouse_dir).version == version


def test_a_now_quarantined_filing_leaves_the_fact_views(settings: Settings) -> None:
    summary = reparse(settings, parse=_quarantining(AMENDMENT))
    assert summary.changed == [(AMENDMENT, "ok", "quarantined")]
    assert summary.quarantined == [(AMENDMENT, "test: class table misread")]
    assert _q(settings, "SELECT accession, parse_status, parse_error, is_current FROM filings "
                        "ORDER BY accession") == [
        (ORIGINAL, "ok", None, True), (AMENDMENT, "quarantined", "test: class table misread",
                                       False)]
    assert _q(settings, "SELECT DISTINCT accession FROM tranches") == [(ORIGINAL,)]
    assert _q(settings, "SELECT count(*) FROM tranches_history WHERE accession = "
                        f"'{AMENDMENT}'") == [(0,)]
    back = reparse(settings, force=True)
    assert back.changed == [(AMENDMENT, "quarantined", "ok")]
    assert _q(settings, "SELECT DISTINCT accession FROM tranches") == [(AMENDMENT,)]


def test_cik_filter_leaves_other_trusts_alone(settings: Settings) -> None:
    summary = reparse(settings, [999])
    assert (summary.reparsed, summary.up_to_date) == ([], 0)
    assert _q(settings, "SELECT DISTINCT parser_version FROM filings") == [("0.0.1",)]


def test_cli_prints_the_summary(settings: Settings) -> None:
    result = CliRunner().invoke(app, ["reparse", "--all", "--home", str(settings.home)])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (
        f"INFO re-parsed 2 filing(s) with parser {PARSER_VERSION}: 0 changed status, "
        "0 quarantined; 0 already current, 0 not in the raw store")
    refused = CliRunner().invoke(app, ["reparse", "--home", str(settings.home)])
    assert isinstance(refused.exception, ConfigError)
