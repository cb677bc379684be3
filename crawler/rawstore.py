"""The raw store: every fetched submission kept forever as ``{root}/{cik}/{accession}.txt``.

It is the crawler's cache and the warehouse's source of truth, so writes are atomic (temp file
in the same directory, fsync, ``os.replace``), files are immutable, and each has a
``{accession}.sha256`` sidecar written before it so a stored file can always be verified.
Names are built only from an ``int`` CIK and a validated accession: nothing can escape root.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from crawler.errors import CorruptRawFile, ImmutableViolation, UnsafePathError
from foundation.durable import atomic_write, is_temp
from foundation.errors import InvalidIdentifier
from foundation.identifiers import ACCESSION_PATTERN, check_cik, normalize_accession

__all__ = ["RawStore"]

_STORED = re.compile(f"({ACCESSION_PATTERN})\\.txt")


class RawStore:
    """Immutable, checksummed raw documents under ``root`` (``ABSDW_HOME/raw``)."""

    def __init__(self, root: Path, *, clock: Callable[[], float] = time.time) -> None:
        self.root = Path(root)
        self._clock = clock

    def path_for(self, cik: int, accession: str) -> Path:
        """Where a filing's full submission lives; refuses anything that is not a plain name."""
        try:
            folder = str(check_cik(cik))
            name = f"{normalize_accession(accession)}.txt"
        except InvalidIdentifier as exc:
            raise UnsafePathError(
                f"refusing raw-store name cik={cik!r} accession={accession!r}: {exc}"
            ) from exc
        return self.root / folder / name

    def has(self, cik: int, accession: str) -> bool:
        """True once the bytes are durable (the data file only appears by atomic rename)."""
        return self.path_for(cik, accession).is_file()

    def get(self, cik: int, accession: str, *, verify: bool = True) -> bytes:
        """The stored bytes, checked against the sidecar checksum unless ``verify=False``."""
        path = self.path_for(cik, accession)
        data = path.read_bytes()
        expected = _read_sidecar(_sidecar(path))
        if verify and expected is not None and expected != _sha256(data):
            raise CorruptRawFile(
                f"{path}: bytes do not match {_sidecar(path).name}; delete both files and "
                f"crawl CIK {cik} again to re-fetch accession {accession}"
            )
        return data

    def put(self, cik: int, accession: str, data: bytes) -> bool:
        """Store ``data`` atomically; True if written, False if the same bytes were there."""
        path = self.path_for(cik, accession)
        if path.exists():
            if path.read_bytes() == data:
                return False
            raise ImmutableViolation(
                f"{path} already holds different bytes for CIK {cik} accession {accession}; "
                "raw documents never change: investigate before deleting the stored copy"
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(_sidecar(path), f"{_sha256(data)}  {path.name}\n".encode("ascii"))
        atomic_write(path, data)
        return True

    def list(self, cik: int | None = None) -> list[tuple[int, str]]:
        """(cik, accession) of every stored filing, sorted; temp files and strays are ignored."""
        found = [
            (int(folder.name), match.group(1))
            for folder in self._folders(cik)
            if folder.is_dir()
            for entry in folder.iterdir()
            if (match := _STORED.fullmatch(entry.name))
        ]
        return sorted(found)

    def clean_temp(self, cik: int | None = None, *, older_than: float = 3600.0) -> int:
        """Delete temp files a crash left behind; young ones may belong to a live writer."""
        cutoff = self._clock() - older_than
        removed = 0
        for temp in _temp_files(self._folders(cik)):
            with contextlib.suppress(FileNotFoundError):
                if temp.stat().st_mtime < cutoff:
                    temp.unlink()
                    removed += 1
        return removed

    def _folders(self, cik: int | None) -> Iterator[Path]:
        """The folder of one CIK, or of every CIK in the store."""
        if cik is not None:
            yield self.root / str(check_cik(cik))
        elif self.root.is_dir():
            yield from (p for p in self.root.iterdir() if p.is_dir() and p.name.isdigit())


def _temp_files(folders: Iterable[Path]) -> Iterator[Path]:
    for folder in folders:
        if folder.is_dir():
            yield from (p for p in folder.iterdir() if is_temp(p.name))


def _sidecar(path: Path) -> Path:
    return path.with_suffix(".sha256")


def _read_sidecar(path: Path) -> str | None:
    try:
        return path.read_text(encoding="ascii").split()[0]
    except (FileNotFoundError, IndexError):
        return None


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
