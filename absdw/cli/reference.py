"""``docs/cli.md``: every command's ``--help``, generated (``python -m absdw.cli.reference``).

The help is plain text at a fixed width (:data:`absdw.cli.root.HELP_WIDTH`), so the file is the
same on every machine; ``tests/cli/test_reference.py`` fails when it is out of date.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

import typer
from typer.testing import CliRunner

from absdw.cli import app

__all__ = ["command_paths", "reference_markdown"]

HEADER = """# absdw command reference

Generated from `--help` by `python -m absdw.cli.reference > docs/cli.md`; CI fails when it is
out of date. Global flags (`--debug`, `--quiet`, `--verbose`) may follow any command. Exit
codes: [scheduling.md](scheduling.md#exit-codes).
"""


def command_paths() -> Iterator[list[str]]:
    """Every command and group as its words after ``absdw``, the root first."""
    root: Any = typer.main.get_command(app)

    def walk(command: Any, path: list[str]) -> Iterator[list[str]]:
        yield path
        for name in sorted(getattr(command, "commands", {}) or {}):
            yield from walk(command.commands[name], [*path, name])

    yield from walk(root, [])


def reference_markdown() -> str:
    """The whole reference: one section per command, its help verbatim."""
    runner = CliRunner()
    parts = [HEADER]
    for path in command_paths():
        result = runner.invoke(app, [*path, "--help"], prog_name="absdw")
        if result.exit_code != 0:
            raise RuntimeError(f"absdw {' '.join(path)} --help failed: {result.output}")
        title = " ".join(["absdw", *path])
        parts.append(f"## `{title}`\n\n```text\n{result.output.rstrip()}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    sys.stdout.write(reference_markdown())
