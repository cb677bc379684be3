"""Serving files of the EDGAR-shaped tree, never anything outside it.

A URL path maps to a file only if every decoded segment is a plain name (no ``..``, ``.``,
dot-files, backslashes or NULs) and the resolved file still lies under the root after
symlinks; anything else is the host's 404. Folder URLs answer with a listing only where EDGAR
has one (an ``index.json``), as on www.sec.gov.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

from lab.standin.messages import Request, Response
from lab.standin.pages import directory_html, no_such_key_xml, not_found_html

__all__ = ["CONTENT_TYPES", "StaticFiles", "content_type_for", "data_host_files", "resolve_under"]

CONTENT_TYPES = {
    ".json": "application/json", ".txt": "text/plain", ".htm": "text/html",
    ".html": "text/html", ".xml": "application/xml", ".idx": "text/plain",
    ".gz": "application/x-gzip", ".zip": "application/zip", ".sgml": "text/plain",
}


def content_type_for(path: Path) -> str:
    """The Content-Type SEC sends for a file of this suffix."""
    return CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream")


def resolve_under(root: Path, url_path: str) -> Path | None:
    """The file or folder ``url_path`` names under ``root``, or None if it would leave it."""
    decoded = unquote(url_path, errors="strict") if "%" in url_path else url_path
    if "\\" in decoded or "\x00" in decoded:
        return None
    segments = [s for s in decoded.split("/") if s]
    if any(s in (".", "..") or s.startswith(".") for s in segments):
        return None
    base = root.resolve()
    target = base.joinpath(*segments).resolve()
    return target if target.is_relative_to(base) else None


class StaticFiles:
    """Route handler serving ``root`` verbatim; ``not_found`` renders the host's 404 body."""

    def __init__(self, root: Path, not_found: Callable[[str], bytes] = not_found_html,
                 not_found_type: str = "text/html") -> None:
        self.root = Path(root)
        self.not_found = not_found
        self.not_found_type = not_found_type

    def __call__(self, request: Request) -> Response:
        try:
            target = resolve_under(self.root, request.path)
        except UnicodeDecodeError:
            target = None
        if target is not None and target.is_file():
            return Response(200, target.read_bytes(), content_type_for(target))
        if target is not None and (target / "index.json").is_file():
            return self._listing(request.path, target / "index.json")
        return Response(404, self.not_found(request.path), self.not_found_type)

    def _listing(self, url_path: str, index: Path) -> Response:
        items = json.loads(index.read_bytes())["directory"]["item"]
        return Response(200, directory_html(url_path, [i["name"] for i in items]), "text/html")


def data_host_files(root: Path) -> StaticFiles:
    """data.sec.gov answers a missing key with its object store's XML ``NoSuchKey``."""
    return StaticFiles(root, no_such_key_xml, "application/xml")
