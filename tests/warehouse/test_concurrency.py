"""Readers during appends see whole commits only; concurrent writers lose nothing."""

from __future__ import annotations

import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import pytest
from filelock import FileLock

from warehouse import Warehouse, WarehouseBusy, connect, query

APPENDS = 20


def _accession(i: int) -> str:
    return f"0000000100-03-{i:06d}"


@pytest.mark.slow
def test_reader_never_sees_a_partial_commit(warehouse_root: Path, make_batch) -> None:
    warehouse = Warehouse(warehouse_root)
    warehouse.append(make_batch())
    done = threading.Event()
    seen: list[tuple[int, int, int]] = []
    errors: list[BaseException] = []

    def read() -> None:
        while not done.is_set():
            try:
                con = connect(warehouse_root)
                try:
                    seen.append(con.execute(
                        "SELECT (SELECT count(*) FROM filings), (SELECT count(*) FROM tranches),"
                        " (SELECT count(*) FROM delinquencies)").fetchone())
                finally:
                    con.close()
            except BaseException as exc:  # recorded, asserted below
                errors.append(exc)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for i in range(APPENDS):
            warehouse.append(make_batch(cik=100 + i, accession=_accession(i)))
    finally:
        done.set()
        reader.join()
    assert errors == []
    assert len(seen) > 1
    assert all(tranches == 3 * filings and dq == 2 * filings for filings, tranches, dq in seen)
    assert query(warehouse_root, "SELECT count(*) FROM tranches")[1] == [(3 * (APPENDS + 1),)]


@pytest.mark.slow
def test_concurrent_writers_lose_no_commit(warehouse_root: Path, make_batch) -> None:
    """Two writers (own ``Warehouse`` objects, so own lock handles) interleave safely."""
    errors: list[BaseException] = []

    def write(offset: int) -> None:
        try:
            warehouse = Warehouse(warehouse_root)
            for i in range(offset, offset + 10):
                warehouse.append(make_batch(cik=200 + i, accession=_accession(i)))
        except BaseException as exc:  # recorded, asserted below
            errors.append(exc)

    writers = [threading.Thread(target=write, args=(n,)) for n in (0, 10)]
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join()
    assert errors == []
    assert Warehouse(warehouse_root).loaded_accessions() == {_accession(i) for i in range(20)}
    assert Warehouse(warehouse_root).status()["version"] == 20
    assert query(warehouse_root, "SELECT count(DISTINCT cik) FROM tranches")[1] == [(20,)]


def test_writer_gives_up_with_a_clear_error_when_the_lock_is_held(
    warehouse_root: Path, seed_batch
) -> None:
    warehouse_root.mkdir(parents=True)
    with (
        FileLock(warehouse_root / ".lock"),
        pytest.raises(WarehouseBusy, match=r"held .*\.lock for over 0s; retry"),
    ):
        Warehouse(warehouse_root, lock_timeout=0.2).append(seed_batch)
    assert Warehouse(warehouse_root).append(seed_batch).version == 1


@pytest.mark.slow
def test_reader_process_never_sees_a_partial_sync(warehouse_root: Path, make_batch) -> None:
    """Another process queries in a loop while syncs commit, amendments included."""
    warehouse = Warehouse(warehouse_root)
    warehouse.append(make_batch())
    stop = warehouse_root.parent / "stop"
    reader = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("reader_loop.py")),
         str(warehouse_root), str(stop)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        cwd=Path(__file__).parents[2])
    try:
        for i in range(APPENDS):
            warehouse.append(make_batch(cik=100 + i, accession=_accession(i)))
            amendment = make_batch(cik=100 + i, accession=_accession(100 + i))
            amendment["filings"][0]["filed_date"] = date(2004, 1, 1)
            warehouse.append(amendment)  # supersedes the previous sync's month
    finally:
        stop.touch()
        out, err = reader.communicate(timeout=120)
    iterations, errors, violations = map(int, out.split())
    assert (errors, violations) == (0, 0), err
    assert iterations > 1
    assert query(warehouse_root, "SELECT count(*) FROM tranches")[1] == [(3 * (APPENDS + 1),)]
    assert query(warehouse_root, "SELECT count(*) FROM tranches_history")[1] == \
        [(3 * (2 * APPENDS + 1),)]
