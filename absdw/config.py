"""Typed configuration, resolved once.

Precedence, highest first: command-line option > environment (``ABSDW_*``) > config file >
default. The config file is ``$ABSDW_CONFIG`` if set, else ``./config.toml`` if present, else
``<user config dir>/absdw/config.toml`` if present. Nothing here reads the environment at import
time: :func:`load_settings` takes the environment and the CLI overrides as arguments.

Every setting is declared once in :data:`SETTINGS` (name, TOML key, environment variable,
default, help); ``absdw config show`` and the docs are generated from that table.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from absdw.config_table import SETTINGS, WATCH_LABEL_KEYS, Setting
from foundation.errors import ConfigError
from foundation.identifiers import check_user_agent

__all__ = ["SETTINGS", "Setting", "Settings", "find_config_file", "load_settings"]


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
    #: label of a watched trust, by CIK (as text) or file number (``{cik = ..., label = ...}``)
    watch_labels: Mapping[str, str] = field(default_factory=dict)
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
    def runs_file(self) -> Path:
        """Each trust's last sync and what failed (``absdw status``)."""
        return self.home / "trusts.json"

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
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read config file {path}: {exc}") from exc
    _check_keys(doc, path)
    return doc


def _check_keys(doc: Mapping[str, Any], path: Path) -> None:
    """Every section and key of the file is a known setting: a typo is an error naming the
    file, the key and the nearest valid name (it used to be silently ignored)."""
    known = [s.toml_key for s in SETTINGS]
    sections = sorted({k.split(".")[0] for k in known})
    for section, table in doc.items():
        if section not in sections and not isinstance(table, Mapping):  # a key, top level
            raise ConfigError(f"config file {path}: setting {section!r} outside any section"
                              f"{_suggest('', section, known)}")
        if section not in sections:
            raise ConfigError(f"config file {path}: unknown section [{section}]"
                              f"{_nearest(section, sections, '[{}]')}")
        if not isinstance(table, Mapping):
            raise ConfigError(f"config file {path}: [{section}] must be a table of settings, "
                              f"got {table!r}")
        for key in table:
            if f"{section}.{key}" not in known:
                raise ConfigError(f"config file {path}: unknown setting {key!r} in "
                                  f"[{section}]{_suggest(section, key, known)}")


def _suggest(section: str, key: str, known: list[str]) -> str:
    """``; did you mean [watch] file_numbers?``: the same key in another section first, else
    the closest spelling anywhere."""
    elsewhere = [k for k in known if k.split(".")[1] == key]
    if elsewhere:
        where, name = elsewhere[0].split(".")
        return f"; did you mean [{where}] {name}?"
    names = {k.split(".")[1]: k.split(".")[0] for k in known}
    return _nearest(key, list(names), "{}", lambda n: f"[{names[n]}] {n}")


def _nearest(word: str, choices: list[str], form: str,
             show: Callable[[str], str] | None = None) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if not close:
        return f"; valid names: {', '.join(form.format(c) for c in choices)}"
    return f"; did you mean {show(close[0]) if show else form.format(close[0])}?"


def _check_environment(env: Mapping[str, str]) -> None:
    """An ``ABSDW_*`` variable absdw does not know is a typo (``ABSDW_USER_AGNET``)."""
    known = [s.env for s in SETTINGS] + ["ABSDW_CONFIG"]
    for name in env:
        if name.startswith("ABSDW_") and name not in known:
            raise ConfigError(f"unknown environment variable {name}{_nearest(name, known, '{}')}")


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
    _check_environment(env)
    overrides = {k: v for k, v in (overrides or {}).items() if v is not None}
    path = find_config_file(env, cwd) if config_files else None
    doc = _read_toml(path) if path else {}
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    labels: dict[str, str] = {}
    for s in SETTINGS:
        raw, source = _pick(s, overrides, env, doc, path)
        try:
            values[s.name] = s.convert(raw)
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"invalid {s.name} from {source}: {exc}") from exc
        sources[s.name] = source
        if s.name in WATCH_LABEL_KEYS and isinstance(raw, (list, tuple)):
            labels |= {str(e[WATCH_LABEL_KEYS[s.name]]): str(e["label"]) for e in raw
                       if isinstance(e, dict) and "label" in e}
    values["home"] = Path(values["home"]).expanduser()
    values["rate_lock"] = Path(values["rate_lock"]).expanduser()
    return Settings(**values, watch_labels=labels, config_file=path, sources=sources)


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
