"""The report in a real browser: headless Chromium from Debian's packages (issue 12's must-show).

`absdw report --cik 1268747` on the demo warehouse, and the synthetic trust with a
quarantined month, are opened from disk with no network: the page loads, every chart is drawn
with a visible size, the browser logs no console error, and a screenshot is kept under
``$TEST_ARTIFACTS`` (default ``.artifacts/``). Without chromium and chromedriver the test is
skipped, unless ``REQUIRE_CHROMIUM=1`` (as ``.ci/run`` sets after installing them): then it fails.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from absdw.config import Settings
from absdw.demo import run_demo
from absdw.report import CHART_IDS, write_report

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not (CHROMIUM and DRIVER):
        if os.environ.get("REQUIRE_CHROMIUM") == "1":
            pytest.fail("REQUIRE_CHROMIUM=1 but chromium/chromedriver are not installed: "
                        "apt-get install chromium chromium-driver")
        pytest.skip("chromium and chromedriver are not installed (apt-get install chromium "
                    "chromium-driver)")
    webdriver = pytest.importorskip("selenium.webdriver")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1360,2400", "--hide-scrollbars"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(DRIVER))
    try:
        yield driver
    finally:
        driver.quit()


def _artifacts() -> Path:
    folder = Path(os.environ.get("TEST_ARTIFACTS", ROOT / ".artifacts"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _open(browser: Any, page: Path, name: str) -> dict[str, Any]:
    browser.get(page.resolve().as_uri())
    state = browser.execute_script("""
        const figures = [...document.querySelectorAll('figure.chart')];
        return {
          ready: document.readyState,
          title: document.title,
          charts: figures.map(f => {
            const svg = f.querySelector('svg'), box = f.getBoundingClientRect();
            const r = svg ? svg.getBoundingClientRect() : null;
            return {id: f.id, empty: f.classList.contains('empty'),
                    width: box.width, height: box.height,
                    svgWidth: r ? r.width : 0, svgHeight: r ? r.height : 0,
                    marks: f.querySelectorAll('path.series, circle.point, rect.series').length,
                    cells: f.querySelectorAll('.strip span').length,
                    gaps: f.querySelectorAll('rect.gap').length};
          }),
          rows: document.querySelectorAll('tbody tr').length,
        };""")
    state["errors"] = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE",
                                                                             "WARNING")]
    height = browser.execute_script("return document.body.scrollHeight")
    browser.set_window_size(1360, max(800, int(height) + 40))
    assert browser.save_screenshot(str(_artifacts() / name))
    return state


def test_the_demo_report_of_1268747_renders_every_chart(browser: Any, tmp_path: Path) -> None:
    _, _, home = run_demo(tmp_path / "demo", months=3)
    from absdw.config import load_settings

    page = write_report(load_settings({"home": home}, env={}, config_files=False), 1268747,
                        tmp_path / "report-1268747.html")
    state = _open(browser, page, "report-1268747.png")
    assert state["ready"] == "complete" and state["errors"] == []
    assert state["title"].startswith("TERWIN MORTGAGE TRUST SERIES 2003-4HE")
    assert [c["id"] for c in state["charts"]] == list(CHART_IDS)
    for c in state["charts"]:
        assert c["width"] > 300 and c["height"] > 80, c
        if c["id"] == "triggers":
            assert c["cells"] == 1, c  # one month, its trigger status printed
        else:
            assert not c["empty"] and c["svgWidth"] > 300 and c["svgHeight"] > 100, c
            assert c["marks"] >= 1, c
    assert state["rows"] == 10  # the latest class table: ten classes
    assert (_artifacts() / "report-1268747.png").stat().st_size > 20_000


def test_a_quarantined_month_shows_as_a_gap_in_the_browser(
        browser: Any, report_home: tuple[Settings, int, object], tmp_path: Path) -> None:
    settings, cik, _ = report_home
    page = write_report(settings, cik, tmp_path / f"report-{cik}.html")
    state = _open(browser, page, f"report-{cik}-gap.png")
    assert state["errors"] == []
    drawn = {c["id"]: c for c in state["charts"]}
    assert all(drawn[i]["gaps"] == 1 for i in CHART_IDS if i != "triggers")
    assert drawn["pool-factor"]["marks"] >= 7
