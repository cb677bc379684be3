"""The root of the ``absdw`` command line: the app, its global flags, the options every
command shares, and ``main`` (the one place that turns errors into exit codes).

``--debug``, ``--quiet`` and ``--verbose`` belong to the root but are accepted anywhere before
``--`` (``absdw sync --all --quiet``): :class:`GlobalFlagsAnywhere` moves them in front of
the subcommand before parsing. Help is plain text at a fixed width, so ``docs/cli.md`` is
generated from it (:mod:`absdw.cli.reference`) and compared in CI.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from absdw import __version__
from absdw.config import Settings, load_settings
from absdw.errors import exit_code_for
from absdw.output import Format, render
from foundation.text import bounded, printable

__all__ = ["GLOBAL_FLAGS", "STATE", "AsOfOpt", "CikOpt", "FormatOpt", "GlobalFlagsAnywhere",
           "HomeOpt", "Verbosity", "app", "emit", "examples", "log", "main", "settings_for",
           "sub_app"]

#: Flags of the root accepted after the subcommand too.
GLOBAL_FLAGS = frozenset({"--debug", "--quiet", "-q", "--verbose", "-v"})
#: Help text width: fixed so the generated reference is the same on every terminal.
HELP_WIDTH = 100
CONTEXT = {"max_content_width": HELP_WIDTH, "terminal_width": HELP_WIDTH,
           "help_option_names": ["-h", "--help"]}


@dataclass
class Verbosity:
    """The global flags of this run: tracebacks, and how much goes to stderr."""

    debug: bool = False
    quiet: bool = False
    verbose: bool = False


STATE = Verbosity()


#: Commands in the order ``absdw --help`` lists them: the daily loop first.
COMMAND_ORDER = ("sync", "status", "trusts", "watch", "quarantine", "refetch", "reparse",
                 "query", "export", "report", "parse", "compact", "config", "demo", "standin")


class GlobalFlagsAnywhere(TyperGroup):
    """The root group: global flags given after the subcommand are moved before it; commands
    listed in :data:`COMMAND_ORDER`."""

    def list_commands(self, ctx: Any) -> list[str]:
        names = list(super().list_commands(ctx))
        return sorted(names, key=lambda n: (COMMAND_ORDER.index(n) if n in COMMAND_ORDER
                                            else len(COMMAND_ORDER), n))

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if ctx.parent is None:
            end = args.index("--") if "--" in args else len(args)
            flags = [a for a in args[:end] if a in GLOBAL_FLAGS]
            args = flags + [a for a in args[:end] if a not in GLOBAL_FLAGS] + args[end:]
        result: list[str] = super().parse_args(ctx, args)
        return result


def sub_app(help_text: str, *example_lines: str) -> typer.Typer:
    """A command group (``watch``, ``quarantine`` ...) formatted like the root."""
    return typer.Typer(help=help_text, no_args_is_help=True, rich_markup_mode=None,
                       context_settings=CONTEXT, epilog=examples(*example_lines))


app = typer.Typer(
    name="absdw",
    cls=GlobalFlagsAnywhere,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings=CONTEXT,
)

HomeOpt = Annotated[Path | None, typer.Option("--home", help="ABSDW_HOME for this run.")]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
CikOpt = Annotated[list[int] | None, typer.Option("--cik", help="Trust CIK (repeatable).")]
AsOfOpt = Annotated[
    datetime | None,
    typer.Option("--as-of", formats=["%Y-%m-%d"], help="What was known on this filing date."),
]


def examples(*lines: str) -> str:
    """A command's epilog: example command lines, kept as written (``\\b``)."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"absdw {__version__}")
        raise typer.Exit()


@app.callback(epilog=examples(
    "absdw demo                                   # everything offline, in one command",
    "absdw sync --cik 1268747                     # one trust from EDGAR",
    "absdw trusts search 'terwin mortgage'        # find a trust's CIK by name",
    "absdw watch add --cik 1268747 --label TERWIN",
    "absdw sync --all                             # the nightly job",
    "absdw status",
    'absdw query "select * from pool_performance where cik = 1268747"',
    "absdw report --cik 1268747 --out terwin.html"))
def _root(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors (and, for "
                                        "parse, every mapping).")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only warnings and errors on "
                                        "stderr.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Also a line per filing on "
                                          "stderr.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print version.")
    ] = False,
) -> None:
    """EDGAR crawler and time-series warehouse for asset-backed-securities trusts.

    Global flags (--debug, --quiet, --verbose) may also follow the command. Exit codes are
    listed in docs/scheduling.md.
    """
    STATE.debug, STATE.quiet, STATE.verbose = debug, quiet, verbose


def settings_for(**overrides: Any) -> Settings:
    """Settings resolved from defaults, config file, environment and these options."""
    return load_settings({k: v for k, v in overrides.items() if v is not None})


def emit(columns: list[str], rows: list[Any] | list[list[Any]], fmt: Format) -> None:
    """Data to stdout in ``fmt``."""
    sys.stdout.write(render(columns, rows, fmt))


def log(text: str, level: str = "INFO") -> None:
    """One line to stderr with its level; INFO lines are dropped under ``--quiet``."""
    if STATE.quiet and level == "INFO":
        return
    typer.echo(f"{level} {text}", err=True)


def main() -> None:
    """Console entry point: usage errors are typer's (exit 2); ours become one line + code."""
    try:
        app()
    except Exception as exc:  # the one place that turns errors into exit codes
        if STATE.debug:
            raise
        typer.echo(f"ERROR absdw: {printable(bounded(str(exc)))}", err=True)
        sys.exit(exit_code_for(exc))
