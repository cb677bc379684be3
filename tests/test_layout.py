"""The folders are the pipeline: stages never import each other nor the orchestrator, the base
layer (``foundation``) imports nothing of the project, the test world (``lab``) is imported by no
stage and no orchestration module (only the demo and stand-in commands), and the wheel carries
every package."""

import ast
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STAGES = ("crawler", "parsers", "warehouse")
PACKAGES = ("foundation", *STAGES, "absdw", "lab")
#: The only product modules that may import the test world: the offline demo and the
#: ``absdw standin`` command are product features built on it.
LAB_USERS = ("absdw/cli/lab_cmds.py", "absdw/demo.py")


def _imported_top_levels(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("stage", STAGES)
def test_stage_imports_no_sibling_stage_nor_orchestrator(stage: str) -> None:
    forbidden = (set(STAGES) | {"absdw"}) - {stage}
    offenders = {
        str(path.relative_to(ROOT)): sorted(_imported_top_levels(path) & forbidden)
        for path in (ROOT / stage).rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_no_stage_nor_orchestration_imports_the_test_world() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for package in ("foundation", *STAGES, "absdw")
        for path in (ROOT / package).rglob("*.py")
        if "lab" in _imported_top_levels(path)
        and str(path.relative_to(ROOT)) not in LAB_USERS
    ]
    assert offenders == []


def test_the_cli_imports_the_test_world_only_inside_its_demo_and_standin_commands() -> None:
    for path in sorted((ROOT / "absdw" / "cli").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top = {node.module.split(".")[0] for node in tree.body
               if isinstance(node, ast.ImportFrom) and node.module}
        assert "lab" not in top, path  # `absdw sync` never loads the generators or the server


def test_foundation_imports_nothing_of_the_project() -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(_imported_top_levels(path) & (set(PACKAGES) - {"foundation"}))
        for path in (ROOT / "foundation").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


@pytest.mark.slow
def test_wheel_contains_every_package_and_its_data(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("absdw-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for package in PACKAGES:
        assert f"{package}/__init__.py" in names, package
    for source in ROOT.glob("*/**/*.py"):
        rel = source.relative_to(ROOT).as_posix()
        if rel.split("/")[0] in PACKAGES:
            assert rel in names, f"{rel} missing from the wheel (add its package to pyproject)"
    assert "lab/sample_data/ter034he_nov.txt" in names
    assert "warehouse/views.sql" in names
    assert not any(n.startswith("tests/") for n in names)


def test_ci_runs_the_readme_test_command_then_lint_and_types() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0].strip() for b in readme.split("```sh\n")[1:]]
    tests_command = next(b for b in blocks if "pytest" in b)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert tests_command in ci
    assert ci.index(tests_command) < ci.index(".venv/bin/ruff check .") < ci.index(
        ".venv/bin/mypy")


def test_starting_the_cli_loads_no_stage_and_no_database() -> None:
    """`absdw --help`, `--version` and `config show` stay instant: commands import their
    stage when they run (the warehouse alone loads duckdb, pyarrow and deltalake)."""
    heavy = ("crawler", "parsers", "warehouse", "lab", "duckdb", "deltalake", "pyarrow", "httpx")
    code = ("import sys, absdw.cli; print(sorted({m.split('.')[0] for m in sys.modules} & "
            f"{set(heavy)!r}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=ROOT)
    assert done.stdout.strip() == "[]"
