"""Time-series charts as inline SVG: pure functions of the data, no script, no external file.

A chart is drawn in Python, so the report opens offline in any browser and prints the same
everywhere. Each series is a polyline broken where a value is missing (``None``), with a dot
on every known point (a one-month trust still shows its month). Months whose filing was
quarantined are drawn as shaded bands: a gap, never a line drawn across it. Stacked charts
(the delinquency pipeline) draw filled bands, bottom to top. All text is XML-escaped.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

__all__ = ["PALETTE", "Series", "chart", "money_short", "percent", "plain"]

#: Colour-blind-safe (Okabe-Ito) colours, in series order.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442",
           "#000000")
WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 36


@dataclass(frozen=True)
class Series:
    """One line: a name and (month, value or None) points."""

    name: str
    points: tuple[tuple[date, float | None], ...]


def percent(value: float) -> str:
    """A fraction as a percentage: 1 decimal from 10%, 2 below, 3 below 0.1%."""
    places = 1 if abs(value) >= 0.1 else 2 if abs(value) >= 0.001 or value == 0 else 3
    return f"{100 * value:.{places}f}%"


def plain(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".") if value else "0"


def money_short(value: float) -> str:
    for limit, suffix in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if abs(value) >= limit:
            return f"{value / limit:.1f}{suffix}"
    return f"{value:.0f}"


def _days(d: date) -> int:
    return d.toordinal()


def _axis(value: float) -> tuple[float, float]:
    """(top, step) of a value axis from 0: 3 to 5 steps of 1, 2, 2.5 or 5 times a power of
    ten, the top at or above ``value``."""
    if value <= 0:
        return 1.0, 0.25
    magnitude = 10 ** math.floor(math.log10(value / 4))
    step = next(k * magnitude for k in (1, 2, 2.5, 5, 10) if value / (k * magnitude) <= 5)
    return step * math.ceil(value / step - 1e-9), step


def _x_ticks(first: date, last: date) -> list[date]:
    years = list(range(first.year, last.year + 1))
    if len(years) >= 3:
        step = max(1, len(years) // 6)
        return [date(y, 1, 1) for y in years[::step] if first <= date(y, 1, 1) <= last] or [first]
    months = []
    y, m = first.year, first.month
    while date(y, m, 1) <= last:
        months.append(date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    step = max(1, len(months) // 6)
    return [d for d in months[::step] if d >= first] or [first]


def chart(chart_id: str, title: str, series: Sequence[Series], *, gaps: Sequence[date] = (),
          y_format: Callable[[float], str] = plain, stacked: bool = False,
          empty_note: str = "not printed in this trust's reports") -> str:
    """A ``<figure>`` holding the chart's SVG, or a note when no series has a value."""
    known = [(d, v) for s in series for d, v in s.points if v is not None]
    head = f'<figure class="chart" id="{escape(chart_id)}"><figcaption>{escape(title)}</figcaption>'
    if not known:
        return (f'<figure class="chart empty" id="{escape(chart_id)}"><figcaption>'
                f'{escape(title)}</figcaption><p class="note">{escape(empty_note)}</p></figure>')
    dates = [d for d, _ in known] + list(gaps)
    first, last = min(dates), max(dates)
    span = max(1, _days(last) - _days(first))
    if stacked:
        totals: dict[date, float] = {}
        for s in series:
            for d, v in s.points:
                totals[d] = totals.get(d, 0.0) + (v or 0.0)
        top = max(totals.values())
    else:
        top = max(v for _, v in known)
    bottom = min(0.0, min(v for _, v in known))
    top, step = _axis(top - bottom)
    top += bottom
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(d: date) -> float:
        if first == last:
            return LEFT + plot_w / 2
        return LEFT + plot_w * (_days(d) - _days(first)) / span

    def y(v: float) -> float:
        return TOP + plot_h * (1 - (v - bottom) / ((top - bottom) or 1))

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
             f'role="img" aria-label="{escape(title)}">']
    band = max(4.0, plot_w / max(12, span / 30))
    for g in gaps:
        parts.append(f'<rect class="gap" x="{x(g) - band / 2:.1f}" y="{TOP}" width="{band:.1f}" '
                     f'height="{plot_h}"><title>{g.isoformat()}: filing quarantined, no data'
                     "</title></rect>")
    for i in range(round((top - bottom) / step) + 1):
        v = bottom + step * i
        parts.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(v):.1f}" '
                     f'y2="{y(v):.1f}"/><text class="tick" x="{LEFT - 6}" y="{y(v) + 4:.1f}" '
                     f'text-anchor="end">{escape(y_format(v))}</text>')
    for t in _x_ticks(first, last):
        label = str(t.year) if t.month == 1 and last.year - first.year >= 2 else f"{t:%b %Y}"
        parts.append(f'<text class="tick" x="{x(t):.1f}" y="{HEIGHT - BOTTOM + 16}" '
                     f'text-anchor="middle">{escape(label)}</text>')
    if stacked:
        parts += _stacked(series, x, y, set(gaps))
    else:
        parts += _lines(series, x, y, y_format, set(gaps))
    parts.append("</svg>")
    legend = "".join(f'<li><span class="swatch" style="background:{PALETTE[i % len(PALETTE)]}">'
                     f"</span>{escape(s.name)}</li>" for i, s in enumerate(series))
    return head + "".join(parts) + f'<ul class="legend">{legend}</ul></figure>'


def _lines(series: Sequence[Series], x: Callable[[date], float], y: Callable[[float], float],
           y_format: Callable[[float], str], gaps: set[date]) -> list[str]:
    out = []
    for i, s in enumerate(series):
        colour = PALETTE[i % len(PALETTE)]
        runs: list[list[tuple[date, float]]] = [[]]
        gapped = [*s.points, *((g, None) for g in gaps)]  # a line never crosses a gap
        for d, v in sorted(gapped, key=lambda p: p[0]):
            if v is None:
                runs.append([])
            else:
                runs[-1].append((d, v))
        for run in runs:
            if len(run) > 1:
                path = " ".join(f"{'M' if j == 0 else 'L'}{x(d):.1f},{y(v):.1f}"
                                for j, (d, v) in enumerate(run))
                out.append(f'<path class="series" d="{path}" stroke="{colour}" fill="none"/>')
        out += [f'<circle class="point" cx="{x(d):.1f}" cy="{y(v):.1f}" r="2.5" fill="{colour}">'
                f"<title>{escape(s.name)} {d.isoformat()}: {escape(y_format(v))}</title></circle>"
                for d, v in s.points if v is not None]
    return out


def _stacked(series: Sequence[Series], x: Callable[[date], float],
             y: Callable[[float], float], gaps: set[date]) -> list[str]:
    months = sorted({d for s in series for d, _ in s.points})
    runs: list[list[date]] = [[]]
    for d in sorted({*months, *gaps}):  # a band never crosses a gap either
        if d in gaps:
            runs.append([])
        else:
            runs[-1].append(d)
    base = dict.fromkeys(months, 0.0)
    out = []
    for i, s in enumerate(series):
        colour = PALETTE[i % len(PALETTE)]
        values = dict(s.points)
        upper = {d: base[d] + (values.get(d) or 0.0) for d in months}
        for run in (r for r in runs if r):
            if len(run) == 1:
                d = run[0]
                out.append(f'<rect class="series" x="{x(d) - 6:.1f}" y="{y(upper[d]):.1f}" '
                           f'width="12" height="{max(0.0, y(base[d]) - y(upper[d])):.1f}" '
                           f'fill="{colour}"><title>{escape(s.name)}</title></rect>')
                continue
            top_edge = " ".join(f"L{x(d):.1f},{y(upper[d]):.1f}" for d in run)
            bottom_edge = " ".join(f"L{x(d):.1f},{y(base[d]):.1f}" for d in reversed(run))
            out.append(f'<path class="series" d="M{top_edge[1:]} {bottom_edge} Z" '
                       f'fill="{colour}" fill-opacity="0.85" stroke="none"><title>'
                       f"{escape(s.name)}</title></path>")
        base = upper
    return out
