"""Typed configuration, resolved once.

Precedence, highest first: command-line option > environment (``ABSDW_*``) > config file >
default. The config file is ``$ABSDW_CONFIG`` if set, else ``./config.toml`` if present, else
``<user config dir>/absdw/config.toml`` if present. Nothing here reads the environment at import
time: :func:`load_settings` takes the environment and the CLI overrides as arguments.

Every setting is declared once in :data:`SETTINGS` (name, TOML key, environment variable,
default, help); ``absdw config show`` and the docs are generated from that table.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from foundation import defaults
from foundation.errors import ConfigError
from foundation.identifiers import (
    check_base_url,
    check_cik,
    check_file_number,
    check_user_agent,
)

__all__ = ["SETTINGS", "Setting", "Settings", "find_config_file", "load_settings"]


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
    return tuple(_as_str(v) for v in value)


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
    return tuple(check_file_number(number) for number in _as_str_list(value))


def _as_cik_list(value: Any) -> tuple[int, ...]:
    if isinstance(value, str):
        value = [v for v in re.split(r"[,\s]+", value) if v]
    return tuple(check_cik(int(v) if isinstance(v, str) and v.isdigit() else v) for v in value)


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


@dataclass(frozen=True)
class Settings:
    """Resolved configuration. ``sources`` says where each value came from."""

    home: Path
    user_agent: str
    edgar_url: str
    edgar_data_url: str
    rate_limit: float
    rate_lock: Path
    throttle_pause: float
    concurrency: int
    max_bytes: int
    forms: tuple[str, ...]
    watch_ciks: tuple[int, ...]
    watch_file_numbers: tuple[str, ...]
    min_score: float
    config_file: Path | None = None
    sources: Mapping[str, str] = field(default_factory=dict)

    @property
    def raw_dir(self) -> Path:
        return self.home / "raw"

    @property
    def warehouse_dir(self) -> Path:
        return self.home / "warehouse"

    @property
    def sync_state_file(self) -> Path:
        """What `sync --all` has seen: last daily index read, backfilled CIKs."""
        return self.home / "sync-state.json"

    @property
    def file_number_cache(self) -> Path:
        """SEC file number -> CIK(s), as EDGAR answered (and as stored headers show)."""
        return self.home / "file-numbers.json"

    def require_user_agent(self) -> str:
        """The User-Agent, or a ConfigError saying how to declare one (SEC blocks anonymous
        tools); the same rule the crawler applies (``foundation.identifiers``)."""
        return check_user_agent(self.user_agent)


def find_config_file(env: Mapping[str, str], cwd: Path | None = None) -> Path | None:
    """The config file to read, or None. An explicit ABSDW_CONFIG must exist."""
    explicit = env.get("ABSDW_CONFIG")
    if explicit:
        path = Path(explicit).expanduser()
        if not path.is_file():
            raise ConfigError(f"ABSDW_CONFIG points to {path}, which is not a file.")
        return path
    for candidate in (
        (cwd or Path.cwd()) / "config.toml",
        Path(platformdirs.user_config_dir("absdw", appauthor=False)) / "config.toml",
    ):
        if candidate.is_file():
            return candidate
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read config file {path}: {exc}") from exc


def _lookup(doc: Mapping[str, Any], dotted: str) -> Any:
    node: Any = doc
    for part in dotted.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return None
        node = node[part]
    return node


def load_settings(
    overrides: Mapping[str, Any] | None = None,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    *,
    config_files: bool = True,
) -> Settings:
    """Resolve every setting: ``overrides`` (CLI, None = not given) > env > file > default.
    ``config_files=False`` reads no config file (the demo's settings are its own)."""
    env = os.environ if env is None else env
    overrides = {k: v for k, v in (overrides or {}).items() if v is not None}
    path = find_config_file(env, cwd) if config_files else None
    doc = _read_toml(path) if path else {}
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for s in SETTINGS:
        raw, source = _pick(s, overrides, env, doc, path)
        try:
            values[s.name] = s.convert(raw)
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"invalid {s.name} from {source}: {exc}") from exc
        sources[s.name] = source
    values["home"] = Path(values["home"]).expanduser()
    values["rate_lock"] = Path(values["rate_lock"]).expanduser()
    return Settings(**values, config_file=path, sources=sources)


def _pick(
    s: Setting,
    overrides: Mapping[str, Any],
    env: Mapping[str, str],
    doc: Mapping[str, Any],
    path: Path | None,
) -> tuple[Any, str]:
    if s.name in overrides:
        return overrides[s.name], "command line"
    if env.get(s.env):
        return env[s.env], f"environment {s.env}"
    from_file = _lookup(doc, s.toml_key)
    if from_file is not None and from_file != "":
        return from_file, f"config file {path} [{s.toml_key}]"
    return s.default(), "default"
