"""The ``Archives/edgar/daily-index`` and ``full-index`` trees, with their ``index.json`` listings.

Daily indexes are written for every business day of the span (EDGAR publishes one even when the
stand-in's trusts filed nothing that day), quarterly indexes (``.idx`` plus the
``.gz`` and ``.zip`` twins EDGAR lists beside them; edgartools reads ``form.gz``) for every quarter
the span touches. The ``.Z`` (compress) twins are not written.
Files carry EDGAR's publication time as their mtime (daily: 22:00 on the day, as the listings in
the corpus show), which the server turns into ``Last-Modified``.

Listing JSON follows edgarkit's captures of ``daily-index/2023/index.json`` and
``.../QTR1/index.json``: compact, escaped slashes, ``MM/DD/YYYY hh:mm:ss AM`` times, sizes in KB,
names in plain sort order, ``name`` the path under Archives/edgar with a trailing slash. (The
real top-level ``daily-index/index.json`` is pretty-printed by another serializer; the stand-in
writes it compact like the rest.)
"""

from __future__ import annotations

import gzip
import io
import json
import math
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, time
from pathlib import Path

from lab.standin.indexes import (
    DAILY_KINDS,
    QUARTERLY_KINDS,
    IndexRow,
    daily_index,
    quarterly_index,
)
from lab.standin.workdays import business_days, quarter_of

__all__ = ["PUBLISHED_AT", "listing_json", "write_index_tree"]

PUBLISHED_AT = time(22, 0, 0)
Writer = Callable[[Path, bytes, datetime], None]


def _js(value: str) -> str:
    return json.dumps(value).replace("/", "\\/")


def _item(name: str, kind: str, modified: datetime, size: str) -> str:
    href = name + "/" if kind == "dir" else name
    return (f'{{"last-modified":{_js(modified.strftime("%m/%d/%Y %I:%M:%S %p"))},'
            f'"name":{_js(name)},"type":{_js(kind)},"href":{_js(href)},"size":{_js(size)}}}')


def _newest(path: Path) -> float:
    """A folder's time is its newest file's (the stand-in's folders are written all at once)."""
    if not path.is_dir():
        return path.stat().st_mtime
    return max((_newest(c) for c in path.iterdir() if c.name != "index.json"),
               default=path.stat().st_mtime)


def listing_json(folder: Path, name: str) -> bytes:
    """``index.json`` of ``folder`` as EDGAR writes it (``name`` like ``daily-index/2023/``)."""
    items = []
    for child in sorted(folder.iterdir(), key=lambda p: p.name):
        if child.name.startswith(".") or child.name == "index.json":
            continue
        modified = datetime.fromtimestamp(_newest(child), UTC)
        if child.is_dir():
            items.append(_item(child.name, "dir", modified, "4 KB"))
        else:
            items.append(_item(child.name, "file", modified,
                               f"{math.ceil(child.stat().st_size / 1024)} KB"))
    return (f'{{"directory":{{"item":[{",".join(items)}],"name":{_js(name)},'
            f'"parent-dir":{_js("../")}}}}}').encode()


def _zipped(name: str, data: bytes, when: datetime) -> bytes:
    """The ``.zip`` twin EDGAR publishes beside each quarterly index (one member, deflated)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo(name, when.timetuple()[:6]), data,
                         compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _write_daily(edgar: Path, rows: list[IndexRow], days: list[date], write: Writer,
                 wrapped: bool | None) -> None:
    for day in days:
        folder = edgar / "daily-index" / str(day.year) / f"QTR{quarter_of(day)}"
        when = datetime.combine(day, PUBLISHED_AT)
        for kind in DAILY_KINDS:
            data = daily_index(kind, day, rows, wrapped=None if kind == "form" else wrapped)
            write(folder / f"{kind}.{day:%Y%m%d}.idx", data, when)


def _write_quarterly(edgar: Path, rows: list[IndexRow], days: list[date], write: Writer) -> None:
    last_day: dict[tuple[int, int], date] = {}
    for day in days:
        key = (day.year, quarter_of(day))
        last_day[key] = max(day, last_day.get(key, day))
    by_quarter: dict[tuple[int, int], list[IndexRow]] = defaultdict(list)
    for r in rows:
        by_quarter[(r.filed.year, quarter_of(r.filed))].append(r)
    for (year, qtr), received in last_day.items():
        folder = edgar / "full-index" / str(year) / f"QTR{qtr}"
        when = datetime.combine(received, PUBLISHED_AT)
        mine = [r for r in by_quarter[(year, qtr)] if r.filed <= received]
        for kind in QUARTERLY_KINDS:
            data = quarterly_index(kind, mine, received)
            write(folder / f"{kind}.idx", data, when)
            write(folder / f"{kind}.gz", gzip.compress(data, mtime=int(when.timestamp())), when)
            write(folder / f"{kind}.zip", _zipped(f"{kind}.idx", data, when), when)


def _write_listings(edgar: Path, write: Writer, stamp: datetime) -> None:
    """``index.json`` in every folder of both trees, deepest first so sizes are settled."""
    for top in ("daily-index", "full-index"):
        base = edgar / top
        if not base.is_dir():
            continue
        folders = sorted((p for p in base.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts))
        for folder in [*folders, base]:
            name = folder.relative_to(edgar).as_posix() + "/"
            write(folder / "index.json", listing_json(folder, name), stamp)


def write_index_tree(root: Path, rows: Iterable[IndexRow], start: date, end: date,
                     write: Writer, *, wrapped: bool | None = None,
                     extra_closed: Iterable[date] = ()) -> list[date]:
    """Write both index trees for business days ``start..end``; returns the days written."""
    edgar = root / "Archives" / "edgar"
    days = list(business_days(start, end, extra_closed))
    rows = list(rows)
    _write_daily(edgar, rows, days, write, wrapped)
    _write_quarterly(edgar, rows, days, write)
    _write_listings(edgar, write, datetime.combine(end, PUBLISHED_AT))
    return days
