"""The raw store: every fetched submission kept forever as ``{root}/{cik}/{accession}.txt``.

It is the crawler's cache and the warehouse's source of truth, so writes are atomic (temp file
in the same directory, fsync, ``os.replace``), files are immutable, and each has a
``{accession}.sha256`` sidecar written before it so a stored file can always be verified.
Names are built only from an ``int`` CIK and a validated accession: nothing can escape root.

Every read is verified. A file whose sidecar is missing (a copy, an older absdw) gets one,
computed and recorded, once the file is seen to be a whole submission; a file that fails
either test raises :class:`~crawler.errors.CorruptRawFile`, and :meth:`RawStore.set_aside`
moves it (bytes kept, under ``{cik}/corrupt/``) so the next crawl fetches it again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from crawler.edgar import incomplete_submission
from crawler.errors import CorruptRawFile, ImmutableViolation, UnsafePathError
from foundation.durable import atomic_write, fsync_dir, is_temp, storage_error
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

    def get(self, cik: int, accession: str) -> bytes:
        """The stored bytes, verified against their sidecar checksum (recorded first when
        missing and the bytes are a whole submission); CorruptRawFile otherwise."""
        path = self.path_for(cik, accession)
        data = path.read_bytes()
        sidecar = _sidecar(path)
        expected = _read_sidecar(sidecar)
        remedy = (f"`absdw sync --cik {cik}` sets it aside and fetches accession {accession} "
                  "again")
        if expected is None:
            if (problem := incomplete_submission(data)) is not None:
                raise CorruptRawFile(f"{path} has no {sidecar.name} and is not whole "
                                     f"({problem}); {remedy}")
            atomic_write(sidecar, f"{_sha256(data)}  {path.name}\n".encode("ascii"))
        elif expected != _sha256(data):
            raise CorruptRawFile(f"{path}: bytes do not match {sidecar.name}; {remedy}")
        return data

    def set_aside(self, cik: int, accession: str) -> Path:
        """Move a corrupt document and its sidecar to ``{cik}/corrupt/`` (kept, never
        deleted) so that :meth:`has` is False and the next crawl fetches it again; returns
        where the document went."""
        path = self.path_for(cik, accession)
        folder = path.parent / "corrupt"
        folder.mkdir(exist_ok=True)
        stamp = f"{int(self._clock())}"
        target = folder / f"{path.name}.{stamp}"
        sidecar = _sidecar(path)
        if sidecar.exists():
            os.replace(sidecar, folder / f"{sidecar.name}.{stamp}")
        os.replace(path, target)
        fsync_dir(path.parent)
        return target

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
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise storage_error(path.parent, exc) from exc
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
