"""The watch list, edited in the config file: ``absdw watch add|remove|list``.

Edits go to the config file absdw reads (``ABSDW_CONFIG``, ``./config.toml``, else the user's
``~/.config/absdw/config.toml``, created when none exists). tomlkit keeps every comment and
the layout of the rest of the file; the new file replaces the old atomically, and is read
back through the same validation as any config before it is written, so an edit can never
leave a file absdw refuses. Entries may carry labels: ``{cik = 1268747, label = "TERWIN"}``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs
import tomlkit
from tomlkit.items import Array, InlineTable, Table

from absdw.config import find_config_file, load_settings
from foundation.durable import atomic_write
from foundation.errors import ConfigError
from foundation.identifiers import check_cik, check_file_number

__all__ = ["WatchEntry", "add", "config_path", "entries", "remove"]

_KEYS = {"cik": "ciks", "file_number": "file_numbers"}


@dataclass(frozen=True)
class WatchEntry:
    """One watched trust: by CIK or by SEC file number, with an optional label."""

    kind: str  # "cik" or "file_number"
    value: str
    label: str | None = None


def config_path(env: Mapping[str, str] | None = None) -> Path:
    """The file edits go to: the config file absdw reads, else the user's default one."""
    env = os.environ if env is None else env
    found = find_config_file(env)
    if found is not None:
        return found
    return Path(platformdirs.user_config_dir("absdw", appauthor=False)) / "config.toml"


def entries(path: Path) -> list[WatchEntry]:
    """The watch list as the file has it, labels included."""
    watch = _document(path).get("watch", {})
    out = []
    for kind, key in _KEYS.items():
        for item in watch.get(key, []):
            if isinstance(item, Mapping):
                out.append(WatchEntry(kind, str(item[kind]), item.get("label")))
            else:
                out.append(WatchEntry(kind, str(item)))
    return out


def add(path: Path, entry: WatchEntry) -> bool:
    """Add ``entry`` (False if that trust is watched already; a new label replaces the old)."""
    value = _checked(entry)
    doc = _document(path)
    array = _array(doc, _KEYS[entry.kind])
    index = _find(array, entry.kind, value)
    item: Any = value
    if entry.label:
        item = tomlkit.inline_table()
        item.update({entry.kind: value, "label": entry.label})
    if index is not None:
        if not entry.label:
            return False
        array[index] = item
    else:
        array.append(item)
    _save(path, doc)
    return index is None


def remove(path: Path, entry: WatchEntry) -> bool:
    """Remove the trust of ``entry`` (False if it was not watched)."""
    value = _checked(entry)
    doc = _document(path)
    array = _array(doc, _KEYS[entry.kind])
    index = _find(array, entry.kind, value)
    if index is None:
        return False
    del array[index]
    _save(path, doc)
    return True


def _checked(entry: WatchEntry) -> int | str:
    if entry.kind == "cik":
        return check_cik(int(entry.value) if entry.value.isdigit() else entry.value)
    return check_file_number(entry.value)


def _document(path: Path) -> tomlkit.TOMLDocument:
    try:
        return tomlkit.parse(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return tomlkit.document()
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot read config file {path}: {exc}") from exc


def _array(doc: tomlkit.TOMLDocument, key: str) -> Array:
    watch = doc.get("watch")
    if watch is None:
        watch = tomlkit.table()
        doc["watch"] = watch
    if not isinstance(watch, Table):
        raise ConfigError("[watch] in the config file is not a table")
    if key not in watch:
        watch[key] = tomlkit.array()
    array = watch[key]
    if not isinstance(array, Array):
        raise ConfigError(f"[watch] {key} in the config file is not a list")
    array.multiline(len(array) >= 3)
    return array


def _find(array: Array, kind: str, value: int | str) -> int | None:
    for i, item in enumerate(array):
        plain = item[kind] if isinstance(item, InlineTable) else item
        if str(plain) == str(value):
            return i
    return None


def _save(path: Path, doc: tomlkit.TOMLDocument) -> None:
    text = tomlkit.dumps(doc)
    path.parent.mkdir(parents=True, exist_ok=True)
    probe = path.with_name(f".{path.name}.check.toml")
    probe.write_text(text, encoding="utf-8")
    try:  # the edited file must load as any config does before it replaces the old one
        load_settings(env={"ABSDW_CONFIG": str(probe)})
    finally:
        probe.unlink(missing_ok=True)
    atomic_write(path, text.encode("utf-8"))
