"""Every package's ``__all__`` is exactly its public names, and every module's ``__all__`` lists
what it defines: checked against ``vars()``, not against a list typed a second time here."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from types import ModuleType

import pytest

PACKAGES = ("foundation", "crawler", "parsers", "warehouse", "absdw", "lab")


def _modules() -> list[str]:
    names = []
    for package in PACKAGES:
        root = importlib.import_module(package)
        names.append(package)
        names += [m.name for m in pkgutil.walk_packages(root.__path__, f"{package}.")
                  if not m.name.endswith("__main__")]
    return names


def _ours(value: object) -> bool:
    """Defined in absdw's packages (constants have no home and count as ours)."""
    home = getattr(value, "__module__", None)
    return not isinstance(home, str) or home.split(".")[0] in PACKAGES


def _public(module: ModuleType) -> set[str]:
    """Public names bound in the module, except modules and helpers imported from outside
    (``Callable``, ``dataclass``...), which no caller imports from here."""
    return {name for name, value in vars(module).items()
            if not name.startswith("_") and not inspect.ismodule(value) and name != "annotations"
            and _ours(value)}


def _defined_here(module: ModuleType) -> set[str]:
    """Public functions and classes whose home is this module."""
    return {name for name in _public(module)
            if (inspect.isfunction(value := vars(module)[name]) or inspect.isclass(value))
            and value.__module__ == module.__name__}


@pytest.mark.parametrize("name", _modules())
def test_all_is_the_module_api(name: str) -> None:
    module = importlib.import_module(name)
    exported = getattr(module, "__all__", None)
    if exported is None:
        assert not _defined_here(module), f"{name} defines public names but has no __all__"
        return
    assert len(exported) == len(set(exported)), f"{name}.__all__ repeats a name"
    named = {n for n in exported if not n.startswith("__")}  # __version__ is public too
    assert named <= set(vars(module)), f"{name}.__all__ names what it does not have"
    if hasattr(module, "__path__"):  # a package: every public name it binds is its API
        assert _public(module) <= named, (
            f"{name} binds public names missing from __all__: "
            f"{sorted(_public(module) - named)}")
    else:
        assert _defined_here(module) <= named, (
            f"{name} defines public names missing from __all__: "
            f"{sorted(_defined_here(module) - named)}")
