"""examples/surveillance.ipynb runs top to bottom on a demo warehouse (issue 12)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from absdw.demo import run_demo

ROOT = Path(__file__).resolve().parents[1]


def test_the_surveillance_notebook_runs_top_to_bottom(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    _, _, home = run_demo(tmp_path / "demo", months=6)
    monkeypatch.setenv("ABSDW_HOME", str(home))
    notebook = nbformat.read(ROOT / "examples" / "surveillance.ipynb", as_version=4)
    assert all(not c.get("outputs") for c in notebook.cells if c.cell_type == "code"), \
        "commit the notebook without outputs"
    nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    assert html.count("<svg") == 2 and 'id="compare"' in html  # both charts drawn
    with (home / "exports" / "compare.csv").open(newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) >= 3 + 6  # two header rows, the month row, six months
    assert (home / "exports" / "bi" / "pools").is_dir()
