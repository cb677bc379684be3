"""The CLI as documented: docs/cli.md is every --help, examples everywhere, global flags
anywhere, shell completion (issue 12)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from absdw.cli import app
from absdw.cli.reference import command_paths, reference_markdown

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def test_docs_cli_md_is_the_current_help() -> None:
    current = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == reference_markdown(), (
        "docs/cli.md is out of date: run `python -m absdw.cli.reference > docs/cli.md`")


def test_every_command_and_group_has_examples() -> None:
    missing = [" ".join(path) for path in command_paths()
               if "Examples:" not in runner.invoke(app, [*path, "--help"]).output]
    assert missing == []


def test_global_flags_work_before_and_after_the_command(tmp_path: Path) -> None:
    home = ["--home", str(tmp_path)]
    for args in (["--quiet", "status", *home], ["status", *home, "--quiet"],
                 ["status", "-q", *home], ["status", *home, "--verbose"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.output)
    noisy = runner.invoke(app, ["watch", "list", "--config", str(tmp_path / "none.toml")])
    quiet = runner.invoke(app, ["watch", "list", "--config", str(tmp_path / "none.toml"), "-q"])
    assert "INFO 0 watched" in noisy.stderr and quiet.stderr == ""
    # after `--`, a flag is an argument of the command, not a global flag
    sql = runner.invoke(app, ["query", *home, "-f", "json", "--", "select '--debug' as x"])
    assert sql.exit_code == 0 and json.loads(sql.stdout) == [{"x": "--debug"}]


def test_debug_after_the_command_shows_the_traceback(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "absdw", "report", "--home", str(tmp_path),
                           "--cik", "42", "--debug"], capture_output=True, text=True,
                          check=False, cwd=tmp_path)
    assert done.returncode != 0 and "Traceback" in done.stderr
    plain = subprocess.run([sys.executable, "-m", "absdw", "report", "--home", str(tmp_path),
                            "--cik", "42"], capture_output=True, text=True, check=False,
                           cwd=tmp_path)
    assert plain.returncode == 7 and "Traceback" not in plain.stderr
    assert plain.stderr.startswith("ERROR absdw: trust 42 is not in the warehouse")


def test_shell_completion_script_is_offered() -> None:
    script = Path(sys.executable).parent / "absdw"  # the console script pip installed
    done = subprocess.run([str(script), "--show-completion", "bash"], capture_output=True,
                          text=True, check=False, env={"PATH": "/usr/bin:/bin",
                                                       "SHELL": "/bin/bash"})
    assert done.returncode == 0, done.stderr
    assert "complete -o default -F _absdw_completion absdw" in done.stdout
    assert "_ABSDW_COMPLETE=complete_bash" in done.stdout
