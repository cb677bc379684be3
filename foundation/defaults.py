"""The one home of each default: configuration, crawler and parsers all read them from here.

Changing a default is a change to this file only; ``absdw config show`` and the README's
settings table are checked against :data:`absdw.config.SETTINGS`, which takes its defaults
from these names.
"""

from __future__ import annotations

__all__ = [
    "CONCURRENCY",
    "EDGAR_DATA_URL",
    "EDGAR_URL",
    "FORMS",
    "MAX_BYTES",
    "MIN_SCORE",
    "PARSE_CPU_SECONDS",
    "RATE_LIMIT",
    "SEC_MAX_RATE",
    "THROTTLE_PAUSE",
]

#: EDGAR's two hosts: archives, indexes and browse-edgar on www; JSON APIs on data.
EDGAR_URL = "https://www.sec.gov"
EDGAR_DATA_URL = "https://data.sec.gov"

#: SEC's published ceiling: no more than 10 requests per second, all processes of a user.
SEC_MAX_RATE = 10.0
#: Requests per second absdw allows itself by default (never above SEC_MAX_RATE).
RATE_LIMIT = SEC_MAX_RATE

#: Seconds every request stops after SEC's rate-threshold page (SEC blocks for 10 minutes).
THROTTLE_PAUSE = 600.0

#: Requests in flight at once: enough to keep 10/s with up to ~700 ms of server latency.
CONCURRENCY = 8

#: Largest document absdw downloads, in bytes after decoding (ABS-EE loan files reach
#: 100-350 MB; monthly reports are under 1 MB).
MAX_BYTES = 50_000_000

#: Forms that carry ABS monthly distribution reports: 10-D since 2006, 8-K exhibits before.
FORMS: tuple[str, ...] = ("8-K", "8-K/A", "10-D", "10-D/A")

#: Quality score (0..1) below which a parsed report is quarantined (``parse.min_score``): the
#: real seed scores ~0.96 with all its reported quirks. Notebooks get the same rule as syncs.
MIN_SCORE = 0.9

#: CPU seconds one report may take to read before it is quarantined as too complex (a real
#: report takes milliseconds; an 8 MB one about a second).
PARSE_CPU_SECONDS = 20.0
