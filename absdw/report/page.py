"""The report page: one self-contained HTML file (inline CSS and SVG, no script, no link
to fetch), so it opens offline, attaches to an e-mail and prints.

Charts, in order: pool factor by pool; class factors; delinquency pipeline by bucket (stacked,
share of the deal pool's ending balance); CPR and CDR, 1- and 3-month; cumulative loss; OC
actual vs target; trigger status by month; then the latest class table and the quarantined
months. Every value is escaped: trust names and class labels come from documents.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from html import escape
from pathlib import Path
from typing import Any

from absdw import __version__
from absdw.config import Settings
from absdw.output import decimal_text
from absdw.report.data import CLASS_COLUMNS, TrustReport, report_data
from absdw.report.svg import Series, chart, money_short, percent
from foundation.durable import atomic_write

__all__ = ["CHART_IDS", "render_page", "write_report"]

#: Every chart of the page, in order (ids of their ``<figure>``).
CHART_IDS = ("pool-factor", "class-factors", "delinquency", "prepay-default", "cumulative-loss",
             "oc", "triggers")

_CSS = """
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;
margin:24px auto;max-width:1340px;color:#1b1b1b;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
.facts{color:#444;margin:0 0 12px}.facts b{color:#1b1b1b}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(620px,1fr));gap:16px}
figure.chart{margin:0;border:1px solid #ddd;border-radius:6px;padding:8px 10px}
figcaption{font-weight:600;margin-bottom:4px}svg{width:100%;height:auto;display:block}
line.grid{stroke:#e6e6e6}text.tick{font-size:11px;fill:#555}
path.series{stroke-width:1.8}rect.gap{fill:#c0392b;fill-opacity:.12}
ul.legend{list-style:none;padding:0;margin:4px 0 0;display:flex;flex-wrap:wrap;gap:4px 14px;
font-size:12px}.swatch{display:inline-block;width:10px;height:10px;margin-right:5px;
border-radius:2px}p.note{color:#777;font-style:italic}
table{border-collapse:collapse;font-size:13px}th,td{padding:3px 8px;border-bottom:1px solid #eee}
th{text-align:left;background:#f6f6f6}td.num{text-align:right;font-variant-numeric:tabular-nums}
.strip{display:flex;flex-wrap:wrap;gap:2px}.strip span{width:14px;height:22px;border-radius:2px}
.t-on{background:#D55E00}.t-off{background:#009E73}.t-unknown{background:#ccc}
.t-gap{background:repeating-linear-gradient(45deg,#c0392b33,#c0392b33 3px,#fff 3px,#fff 6px)}
footer{color:#777;font-size:12px;margin-top:28px}
"""


def _series(rows: list[dict[str, Any]], column: str, name: str) -> Series:
    return Series(name, tuple((r["distribution_date"],
                               None if r[column] is None else float(r[column])) for r in rows))


def _named(by_name: dict[str, list[tuple[date, float | None]]]) -> list[Series]:
    return [Series(name, tuple(points)) for name, points in by_name.items()]


def _cell(value: Any, column: str) -> str:
    """A class-table cell: money grouped with 2 decimals, the rate as a percentage, the factor
    with 8 decimals; text escaped."""
    if value is None:
        return '<td class="num"></td>'
    if column == "pass_through_rate" and isinstance(value, (int, float, Decimal)):
        return f'<td class="num">{100 * float(value):.4f}%</td>'
    if column == "factor" and isinstance(value, (int, float, Decimal)):
        return f'<td class="num">{float(value):.8f}</td>'
    if isinstance(value, Decimal):
        return f'<td class="num">{escape(decimal_text(value, grouped=True) or "")}</td>'
    return f"<td>{escape(str(value))}</td>"


def _trigger_strip(report: TrustReport) -> str:
    if not any(r["trigger_event"] is not None for r in report.deal):
        return chart("triggers", "Trigger status by month", [],
                     empty_note="no trigger status printed in this trust's reports")
    cells = [(r["distribution_date"], r["trigger_event"]) for r in report.deal]
    cells += [(g, "gap") for g in report.quarantined_months]
    spans = []
    for day, state in sorted(cells, key=lambda c: c[0]):
        cls, what = {True: ("t-on", "trigger event in effect"),
                     False: ("t-off", "no trigger event"),
                     "gap": ("t-gap", "filing quarantined, no data")}.get(
            state, ("t-unknown", "not printed"))
        spans.append(f'<span class="{cls}" title="{day.isoformat()}: {what}"></span>')
    legend = ('<ul class="legend"><li><span class="swatch t-on"></span>trigger event</li>'
              '<li><span class="swatch t-off"></span>none</li><li><span class="swatch '
              't-unknown"></span>not printed</li><li><span class="swatch t-gap"></span>'
              "quarantined</li></ul>")
    return ('<figure class="chart" id="triggers"><figcaption>Trigger status by month'
            f'</figcaption><div class="strip">{"".join(spans)}</div>{legend}</figure>')


def render_page(report: TrustReport, generated: datetime | None = None) -> str:
    """The whole HTML document of ``report``."""
    t = report.trust
    gaps = report.quarantined_months
    deal = report.deal
    pool_note = f" (pool {report.deal_pool})" if report.deal_pool not in (None, "total") else ""
    charts = [
        chart("pool-factor", "Pool factor", _named(report.pool_factors), gaps=gaps),
        chart("class-factors", "Class factors", _named(report.class_factors), gaps=gaps),
        chart("delinquency", f"Delinquency pipeline, share of pool balance{pool_note}",
              [_series(deal, c, n) for c, n in (
                  ("dq30_pct", "30-59"), ("dq60_pct", "60-89"), ("dq90plus_pct", "90+"),
                  ("fc_pct", "foreclosure"), ("reo_pct", "REO"), ("bk_pct", "bankruptcy"))],
              gaps=gaps, y_format=percent, stacked=True),
        chart("prepay-default", f"CPR and CDR, 1- and 3-month{pool_note}",
              [_series(deal, c, n) for c, n in (("cpr", "CPR 1m"), ("cpr_3m", "CPR 3m"),
                                                ("cdr", "CDR 1m"), ("cdr_3m", "CDR 3m"))],
              gaps=gaps, y_format=percent),
        chart("cumulative-loss", f"Cumulative loss, share of original balance{pool_note}",
              [_series(deal, "cum_loss_pct", "cumulative loss")], gaps=gaps, y_format=percent),
        chart("oc", f"Overcollateralization: actual vs target{pool_note}",
              [_series(deal, "oc_amount", "OC actual"), _series(deal, "oc_target", "OC target")],
              gaps=gaps, y_format=money_short),
        _trigger_strip(report),
    ]
    heads = "".join(f"<th>{escape(h)}</th>" for _, h in CLASS_COLUMNS)
    body = "".join("<tr>" + "".join(_cell(v, c) for v, (c, _) in zip(row, CLASS_COLUMNS,
                                                                      strict=True)) + "</tr>"
                   for row in report.latest_classes)
    classes = (f"<table><thead><tr>{heads}</tr></thead><tbody>{body}</tbody></table>"
               if report.latest_classes else '<p class="note">no class table loaded</p>')
    quarantined = ("<p>None: every filed month was read.</p>" if not gaps else
                   "<p>Months whose filings were all quarantined (shaded in the charts; "
                   "<code>absdw quarantine list --cik " + str(report.cik) + "</code>): "
                   + ", ".join(g.isoformat() for g in gaps) + "</p>")
    files = ", ".join(t.get("file_numbers") or []) or "none printed"
    stamp = (generated or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    facts = (f"CIK <b>{report.cik}</b> · file numbers <b>{escape(files)}</b> · asset class "
             f"<b>{escape(str(t.get('asset_class') or 'not printed'))}</b> · distributions "
             f"<b>{t.get('first_distribution_date') or '?'}</b> to "
             f"<b>{t.get('last_distribution_date') or '?'}</b> · filings loaded "
             f"<b>{t.get('filings_loaded', 0)}</b>, quarantined "
             f"<b>{t.get('filings_quarantined', 0)}</b>")
    title = escape(str(t.get("name") or f"CIK {report.cik}"))
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{title} - absdw surveillance report</title><style>{_CSS}</style></head>"
            f"<body><h1>{title}</h1><p class=\"facts\">{facts}</p>"
            f'<div class="grid">{"".join(charts)}</div>'
            f"<h2>Classes on {report.latest_date or '?'}</h2>{classes}"
            f"<h2>Quarantined months</h2>{quarantined}"
            f"<footer>absdw {escape(__version__)} · generated {stamp} from the warehouse views "
            "(pool_performance, tranche_performance, tranches, trusts, filings); CPR and CDR "
            "are annualised</footer>"
            "</body></html>\n")


def write_report(settings: Settings, cik: int, out: Path | None = None) -> Path:
    """Write trust ``cik``'s report to ``out`` (default ``{home}/reports/{cik}.html``)."""
    target = out or settings.home / "reports" / f"{cik}.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(target, render_page(report_data(settings, cik)).encode("utf-8"))
    return target
