"""The raw store: atomic, immutable, checksummed, and unable to write outside its root."""

import hashlib
import os
from pathlib import Path

import pytest

from crawler.errors import CorruptRawFile, ImmutableViolation, UnsafePathError
from crawler.rawstore import RawStore

ACC = "0001056404-03-002432"
CIK = 1268747
DATA = b"<SEC-DOCUMENT>0001056404-03-002432.txt : 20031201\n</SEC-DOCUMENT>\n"


@pytest.fixture
def store(tmp_path: Path) -> RawStore:
    return RawStore(tmp_path / "raw")


def test_put_writes_the_bytes_and_a_checksum_sidecar(store: RawStore) -> None:
    assert store.put(CIK, ACC, DATA) is True
    path = store.root / "1268747" / "0001056404-03-002432.txt"
    assert store.path_for(CIK, ACC) == path
    assert path.read_bytes() == DATA
    sidecar = path.with_name("0001056404-03-002432.sha256").read_text()
    assert sidecar == f"{hashlib.sha256(DATA).hexdigest()}  0001056404-03-002432.txt\n"
    assert store.has(CIK, ACC)
    assert store.get(CIK, ACC) == DATA
    assert sorted(p.name for p in path.parent.iterdir()) == [
        "0001056404-03-002432.sha256", "0001056404-03-002432.txt"]  # no temp files left


def test_the_bare_digit_accession_names_the_same_file(store: RawStore) -> None:
    store.put(CIK, "000105640403002432", DATA)
    assert store.has(CIK, ACC)
    assert store.list() == [(CIK, ACC)]


def test_putting_the_same_bytes_again_is_a_no_op(store: RawStore) -> None:
    store.put(CIK, ACC, DATA)
    mtime = store.path_for(CIK, ACC).stat().st_mtime_ns
    assert store.put(CIK, ACC, DATA) is False
    assert store.path_for(CIK, ACC).stat().st_mtime_ns == mtime


def test_different_bytes_for_a_stored_accession_are_refused(store: RawStore) -> None:
    store.put(CIK, ACC, DATA)
    with pytest.raises(ImmutableViolation, match=f"CIK {CIK} accession {ACC}"):
        store.put(CIK, ACC, DATA + b"changed")
    assert store.get(CIK, ACC) == DATA


@pytest.mark.parametrize(
    ("cik", "accession"),
    [(CIK, "../../etc/passwd"), (CIK, "/etc/passwd"), (CIK, f"{ACC}/../../x"), (CIK, ".."),
     (CIK, f"..\\{ACC}"), ("1268747", ACC), ("../1", ACC), (-1, ACC), (0, ACC), (True, ACC)],
)
def test_names_that_could_escape_the_root_are_refused(
    store: RawStore, cik: int, accession: str
) -> None:
    with pytest.raises(UnsafePathError, match="refusing raw-store name"):
        store.put(cik, accession, DATA)
    assert not store.root.exists()


def test_list_is_sorted_and_filters_by_cik(store: RawStore) -> None:
    store.put(20, "0000000020-05-000002", b"b")
    store.put(20, "0000000020-05-000001", b"a")
    store.put(3, "0000000003-04-000009", b"c")
    assert store.list() == [(3, "0000000003-04-000009"), (20, "0000000020-05-000001"),
                            (20, "0000000020-05-000002")]
    assert store.list(cik=20) == [(20, "0000000020-05-000001"), (20, "0000000020-05-000002")]
    assert store.list(cik=99) == []


def test_an_empty_store_lists_nothing(tmp_path: Path) -> None:
    assert RawStore(tmp_path / "never-created").list() == []


def test_crash_leftovers_are_ignored_and_old_ones_cleaned(tmp_path: Path) -> None:
    now = 1_700_000_000.0
    store = RawStore(tmp_path / "raw", clock=lambda: now)
    store.put(CIK, ACC, DATA)
    folder = store.root / str(CIK)
    old = folder / ".0001056404-03-000001.txt.123.456.tmp"
    young = folder / ".0001056404-03-000002.txt.123.789.tmp"
    for temp, age in ((old, 7200), (young, 60)):
        temp.write_bytes(b"half a docu")
        os.utime(temp, (now - age, now - age))
    (folder / "notes.txt").write_text("a stray file")
    assert store.list() == [(CIK, ACC)]
    assert not store.has(CIK, "0001056404-03-000001")
    assert store.clean_temp() == 1
    assert not old.exists()
    assert young.exists()  # may belong to a writer still at work
    assert store.clean_temp(CIK, older_than=0) == 1


def test_a_corrupted_file_is_detected_on_read(store: RawStore) -> None:
    store.put(CIK, ACC, DATA)
    path = store.path_for(CIK, ACC)
    path.chmod(0o644)
    path.write_bytes(b"bit rot")
    with pytest.raises(CorruptRawFile, match=f"absdw sync --cik {CIK}"):
        store.get(CIK, ACC)
    moved = store.set_aside(CIK, ACC)
    assert moved.read_bytes() == b"bit rot" and moved.parent.name == "corrupt"
    assert not store.has(CIK, ACC) and store.list() == []  # the next crawl fetches it again
    assert store.put(CIK, ACC, DATA) and store.get(CIK, ACC) == DATA


def test_a_missing_checksum_is_recomputed_and_recorded(store: RawStore) -> None:
    store.put(CIK, ACC, DATA)
    sidecar = store.path_for(CIK, ACC).with_suffix(".sha256")
    sidecar.unlink()
    assert store.get(CIK, ACC) == DATA
    assert sidecar.read_text().split()[0] == hashlib.sha256(DATA).hexdigest()


def test_a_cut_short_file_without_checksum_is_corrupt_not_trusted(store: RawStore) -> None:
    """What an absdw before the body checks could store: a partial submission, unverifiable."""
    path = store.path_for(CIK, ACC)
    path.parent.mkdir(parents=True)
    path.write_bytes(DATA[: len(DATA) // 2])
    with pytest.raises(CorruptRawFile, match="not whole"):
        store.get(CIK, ACC)
    assert not path.with_suffix(".sha256").exists()
