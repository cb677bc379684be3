"""The settings table: every setting of absdw declared once, with its converter.

Each :class:`Setting` names its TOML key, its environment variable, its default (from
``foundation.defaults``) and its help; ``absdw config show``, the README's table and
``config.toml`` are checked against it. A converter turns what a user wrote (TOML value or
environment string) into the typed value, or raises ValueError saying what was expected.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from foundation import defaults
from foundation.identifiers import check_base_url, check_cik, check_file_number

__all__ = ["SETTINGS", "WATCH_LABEL_KEYS", "Setting"]

#: In a labelled watch entry (``{cik = 1268747, label = "TERWIN 2003-4HE"}``), the key that
#: holds the trust, per setting.
WATCH_LABEL_KEYS = {"watch_ciks": "cik", "watch_file_numbers": "file_number"}


def _default_home() -> str:
    return platformdirs.user_data_dir("absdw", appauthor=False)


def _default_rate_lock() -> str:
    """One lock for every absdw process of this user, whatever ABSDW_HOME they use: SEC
    counts requests per client, not per warehouse."""
    return str(Path(platformdirs.user_cache_dir("absdw", appauthor=False)) / "ratelimit.lock")


def _as_str(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {value!r}")
    return value


def _as_path(value: Any) -> str:
    if not isinstance(value, (str, os.PathLike)):
        raise ValueError(f"expected a path, got {value!r}")
    return os.fspath(value)


def _as_url(value: Any) -> str:
    return check_base_url(_as_str(value))


def _as_rate(value: Any) -> float:
    rate = float(value)
    if not 0 < rate <= defaults.SEC_MAX_RATE:
        raise ValueError(f"must be > 0 and <= {defaults.SEC_MAX_RATE:g} requests/s (SEC's "
                         f"fair-access limit), got {rate}")
    return rate


def _as_score(value: Any) -> float:
    score = float(value)
    if not 0 <= score <= 1:
        raise ValueError(f"must be between 0 and 1, got {score}")
    return score


def _as_str_list(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, (list, tuple)):
        raise ValueError(f"expected a list of strings like [\"8-K\", \"10-D\"], got {value!r}")
    return tuple(_as_str(v) for v in value)


def _entries(value: Any, key: str, example: str) -> list[Any]:
    """A watch list as its plain entries: a comma list (environment), or a TOML list whose
    entries may be labelled tables ``{<key> = ..., label = "..."}``."""
    if isinstance(value, str):
        return [v for v in re.split(r"[,\s]+", value) if v]
    if not isinstance(value, (list, tuple)):
        raise ValueError(f"expected a list, e.g. [{example}], got {value!r}")
    out = []
    for entry in value:
        if isinstance(entry, dict):
            unknown = set(entry) - {key, "label"}
            if key not in entry or unknown:
                raise ValueError(f"a labelled entry is {{{key} = {example}, label = \"...\"}}, "
                                 f"got {entry!r}")
            entry = entry[key]
        out.append(entry)
    return out


def _as_pause(value: Any) -> float:
    seconds = float(value)
    if not 0 <= seconds <= 86_400:
        raise ValueError(f"must be between 0 and 86400 seconds, got {seconds}")
    return seconds


def _as_max_bytes(value: Any) -> int:
    size = int(value)
    if not 1_000_000 <= size <= 20_000_000_000:
        raise ValueError(f"must be between 1,000,000 and 20,000,000,000 bytes, got {size}")
    return size


def _as_concurrency(value: Any) -> int:
    count = int(value)
    if not 1 <= count <= 32:
        raise ValueError(f"must be between 1 and 32 requests in flight, got {count}")
    return count


def _as_file_number_list(value: Any) -> tuple[str, ...]:
    return tuple(check_file_number(n) for n in _entries(value, "file_number", '"333-106175-06"'))


def _as_cik_list(value: Any) -> tuple[int, ...]:
    return tuple(check_cik(int(v) if isinstance(v, str) and v.isdigit() else v)
                 for v in _entries(value, "cik", "1268747"))


@dataclass(frozen=True)
class Setting:
    """Declaration of one setting: where it is read from and what it means."""

    name: str
    toml_key: str  # "section.key"
    env: str
    default: Callable[[], Any]
    convert: Callable[[Any], Any]
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "home",
        "absdw.home",
        "ABSDW_HOME",
        _default_home,
        _as_path,
        "Where the raw documents (raw/) and the warehouse (warehouse/) live.",
    ),
    Setting(
        "user_agent",
        "edgar.user_agent",
        "ABSDW_USER_AGENT",
        lambda: "",
        _as_str,
        'Declared User-Agent SEC requires: "Company or Name contact@email".',
    ),
    Setting(
        "edgar_url",
        "edgar.url",
        "ABSDW_EDGAR_URL",
        lambda: defaults.EDGAR_URL,
        _as_url,
        "Base URL of EDGAR's www host (Archives, browse-edgar, indexes).",
    ),
    Setting(
        "edgar_data_url",
        "edgar.data_url",
        "ABSDW_EDGAR_DATA_URL",
        lambda: defaults.EDGAR_DATA_URL,
        _as_url,
        "Base URL of EDGAR's data host (submissions JSON).",
    ),
    Setting(
        "rate_limit",
        "edgar.rate_limit",
        "ABSDW_RATE_LIMIT",
        lambda: defaults.RATE_LIMIT,
        _as_rate,
        "Requests per second across all absdw processes on this machine (max 10).",
    ),
    Setting(
        "rate_lock",
        "edgar.rate_lock",
        "ABSDW_RATE_LOCK",
        _default_rate_lock,
        _as_path,
        "Lock file through which every absdw process keeps to rate_limit together (one per "
        "user by default, whatever ABSDW_HOME; point several users at one path to share it).",
    ),
    Setting(
        "throttle_pause",
        "edgar.throttle_pause",
        "ABSDW_THROTTLE_PAUSE",
        lambda: defaults.THROTTLE_PAUSE,
        _as_pause,
        "Seconds every request stops after SEC's rate-threshold page (SEC blocks for 10 min).",
    ),
    Setting(
        "concurrency",
        "edgar.concurrency",
        "ABSDW_CONCURRENCY",
        lambda: defaults.CONCURRENCY,
        _as_concurrency,
        "Requests in flight at once (the rate limit still applies to all of them together).",
    ),
    Setting(
        "max_bytes",
        "edgar.max_bytes",
        "ABSDW_MAX_BYTES",
        lambda: defaults.MAX_BYTES,
        _as_max_bytes,
        "Largest document downloaded, in bytes after decoding; a larger one fails with this "
        "setting named.",
    ),
    Setting(
        "forms",
        "edgar.forms",
        "ABSDW_FORMS",
        lambda: defaults.FORMS,
        _as_str_list,
        "Form types whose filings carry monthly distribution reports.",
    ),
    Setting(
        "watch_ciks",
        "watch.ciks",
        "ABSDW_WATCH_CIKS",
        lambda: (),
        _as_cik_list,
        "CIKs of the trusts `absdw sync --all` keeps up to date.",
    ),
    Setting(
        "watch_file_numbers",
        "watch.file_numbers",
        "ABSDW_WATCH_FILE_NUMBERS",
        lambda: (),
        _as_file_number_list,
        "SEC file numbers of further trusts `absdw sync --all` keeps up to date.",
    ),
    Setting(
        "min_score",
        "parse.min_score",
        "ABSDW_MIN_SCORE",
        lambda: defaults.MIN_SCORE,
        _as_score,
        "Quality score (0..1, weighted share of cross-foot checks passed) below which a parsed "
        "filing is quarantined instead of loaded; see parsers.quality.",
    ),
)
