"""One error root: every exception class of every stage derives from it and is exactly one of
transient or terminal, so retries and exit codes can branch on the class alone."""

import importlib
import inspect

import pytest

from absdw.errors import EXIT_CODES, exit_code_for
from foundation.errors import AbsdwError, ConfigError, TerminalError, TransientError

ERROR_MODULES = ("foundation.errors", "crawler.errors", "parsers.errors", "warehouse.errors",
                 "absdw.errors")


def _classes() -> list[type[BaseException]]:
    found = []
    for name in ERROR_MODULES:
        module = importlib.import_module(name)
        found += [obj for _, obj in inspect.getmembers(module, inspect.isclass)
                  if issubclass(obj, BaseException) and obj.__module__ == name]
    return found


@pytest.mark.parametrize("kind", _classes(), ids=lambda k: f"{k.__module__}.{k.__name__}")
def test_every_error_derives_from_the_root_and_is_transient_or_terminal(kind: type) -> None:
    """A stage's own root (``CrawlerError``...) may be neither: its leaves are one or other."""
    assert issubclass(kind, AbsdwError)
    transient, terminal = issubclass(kind, TransientError), issubclass(kind, TerminalError)
    assert not (transient and terminal), kind
    is_category = any(k is not kind and issubclass(k, kind) for k in _classes())
    assert transient or terminal or is_category, f"{kind} is raised but neither marker"


def test_there_is_one_config_error() -> None:
    names = [k for k in _classes() if k.__name__ == "ConfigError"]
    assert names == [ConfigError]


@pytest.mark.parametrize(("error", "code"), [
    ("foundation.errors.InvalidIdentifier", "config"),
    ("crawler.errors.UserAgentRefused", "edgar_refused"),
    ("crawler.errors.Throttled", "edgar_refused"),
    ("crawler.errors.NotFound", "error"),
    ("warehouse.errors.WarehouseBusy", "warehouse"),
    ("absdw.errors.SyncIncomplete", "partial"),
    ("absdw.errors.NotStoredError", "not_stored"),
])
def test_exit_codes_follow_the_class(error: str, code: str) -> None:
    module, name = error.rsplit(".", 1)
    kind = getattr(importlib.import_module(module), name)
    assert exit_code_for(kind("x")) == EXIT_CODES[code]
    assert exit_code_for(RuntimeError("x")) == EXIT_CODES["error"]


def test_every_warehouse_error_is_a_warehouse_error() -> None:
    import warehouse

    for name in ("InvalidBatch", "ManifestError", "RefusedValue", "WarehouseBusy"):
        assert issubclass(getattr(warehouse, name), warehouse.WarehouseError), name
