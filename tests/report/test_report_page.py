"""The surveillance report's data and page: every series from the views, gaps where filings
were quarantined, all text escaped (issue 12)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from absdw.cli import app
from absdw.config import Settings
from absdw.errors import NotStoredError
from absdw.report import CHART_IDS, TrustReport, render_page, report_data
from absdw.report.svg import Series, chart
from warehouse import query


def test_series_are_the_views_values(report_home: tuple[Settings, int, object]) -> None:
    settings, cik, _ = report_home
    report = report_data(settings, cik)
    _, rows = query(settings.warehouse_dir, "SELECT distribution_date, pool_factor, cpr_3m, "
                    f"cdr_3m FROM pool_performance WHERE cik = {cik} AND pool = 'total' "
                    "ORDER BY 1")
    assert report.deal_pool == "total"
    assert report.pool_factors["total"] == [(d, f) for d, f, _, _ in rows]
    assert [(r["distribution_date"], r["cpr_3m"], r["cdr_3m"]) for r in report.deal] == [
        (d, c, x) for d, _, c, x in rows]
    _, classes = query(settings.warehouse_dir, "SELECT count(DISTINCT class) FROM "
                       f"tranche_performance WHERE cik = {cik}")
    assert len(report.class_factors) == classes[0][0]
    assert report.latest_date == rows[-1][0] and report.latest_classes


def test_the_quarantined_month_is_a_gap(report_home: tuple[Settings, int, object]) -> None:
    settings, cik, broken = report_home
    report = report_data(settings, cik)
    assert report.quarantined_months == [broken.period]  # type: ignore[attr-defined]
    assert broken.period not in {d for d, _ in report.pool_factors["total"]}  # type: ignore[attr-defined]
    page = render_page(report)
    # one shaded band per dated chart (six), and the month listed in words
    assert page.count('class="gap"') == 6
    assert broken.period.isoformat() in page.split("Quarantined months")[1]  # type: ignore[attr-defined]
    assert "t-gap" in page  # and in the trigger strip
    pool = page.split('id="pool-factor"')[1].split("</figure>")[0]
    assert pool.count('<path class="series"') == 2  # the line stops at the gap, then resumes


def test_every_chart_is_on_the_page_and_nothing_is_fetched(
        report_home: tuple[Settings, int, object]) -> None:
    settings, cik, _ = report_home
    page = render_page(report_data(settings, cik))
    ids = re.findall(r'<figure class="chart[^"]*" id="([^"]+)"', page)
    assert tuple(ids) == CHART_IDS
    assert not re.search(r'(src|href)="(https?:)?//', page)  # self-contained: opens offline
    assert "<script" not in page


def test_a_one_month_trust_still_draws_its_month(
        report_home: tuple[Settings, int, object]) -> None:
    settings, _, _ = report_home
    page = render_page(report_data(settings, 1268747))
    pool = page.split('id="pool-factor"')[1].split("</figure>")[0]
    assert pool.count('class="point"') == 1 and "total 2003-11-25: 0.936" in pool
    assert "157,824,262.08" in page and "0.98445733" in page  # the latest class table


def test_text_from_documents_is_escaped() -> None:
    evil = "<script>alert(1)</script>"
    report = TrustReport(1, {"name": evil, "file_numbers": [evil]}, "total",
                         {evil: [(date(2004, 1, 25), 0.9)]}, {}, [], [], None, [])
    page = render_page(report)
    assert evil not in page and "&lt;script&gt;" in page


def test_lines_break_at_missing_months() -> None:
    points = ((date(2004, 1, 25), 0.9), (date(2004, 2, 25), None), (date(2004, 3, 25), 0.8),
              (date(2004, 4, 25), 0.7))
    svg = chart("c", "t", [Series("s", points)], gaps=[date(2004, 2, 25)])
    assert svg.count('<path class="series"') == 1  # Jan alone is a dot, Mar-Apr a line
    assert svg.count('class="point"') == 3 and svg.count('class="gap"') == 1
    assert "not printed" in chart("c", "t", [Series("s", ((date(2004, 1, 25), None),))])


def test_cli_writes_the_report_and_refuses_an_unknown_trust(
        report_home: tuple[Settings, int, object], tmp_path: Path) -> None:
    settings, cik, _ = report_home
    out = tmp_path / "r.html"
    done = CliRunner().invoke(app, ["report", "--home", str(settings.home), "--cik", str(cik),
                                    "--out", str(out)])
    assert done.exit_code == 0, done.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    with pytest.raises(NotStoredError, match="absdw sync --cik 42"):
        report_data(settings, 42)
