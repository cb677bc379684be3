"""``absdw report``: a trust's surveillance page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from absdw.cli.root import HomeOpt, app, examples, log, settings_for

__all__ = ["report"]


@app.command(epilog=examples("absdw report --cik 1268747",
                             "absdw report --cik 1268747 --out terwin.html"))
def report(
    cik: Annotated[int, typer.Option("--cik", help="The trust's CIK.")],
    out: Annotated[Path | None, typer.Option("--out", help="HTML file to write (default "
                                             "ABSDW_HOME/reports/CIK.html).")] = None,
    home: HomeOpt = None,
) -> None:
    """Write one self-contained HTML page of a trust's factors, delinquencies, prepayments,
    losses, OC and triggers (opens offline; quarantined months shown as gaps)."""
    from absdw.report import write_report

    path = write_report(settings_for(home=home), cik, out)
    log(f"report of CIK {cik} written to {path}")
    typer.echo(str(path))
