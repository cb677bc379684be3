"""Directory listings EDGAR generates for the Archives tree: ``index.json`` files.

The bytes follow SEC's own serializer as captured in the corpus (``edgarkit/submissions/
directory.json`` and ``directory-full.json``): a space after ``"last-modified":`` only, escaped
slashes in paths, sizes as strings ("" for generated files), the three generated entries of a
filing folder first and the documents after them in case-insensitive name order.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from lab.standin.model import TreeFiling

__all__ = ["cik_index_json", "filing_index_json", "icon_for"]

_ICONS = {".jpg": "image2.gif", ".jpeg": "image2.gif", ".gif": "image2.gif",
          ".png": "image2.gif", ".zip": "compressed.gif"}


def _js(value: str) -> str:
    """A JSON string literal with ``/`` escaped as SEC's serializer does."""
    return json.dumps(value).replace("/", "\\/")


def icon_for(name: str) -> str:
    """The ``type`` column: the icon EDGAR's directory browser shows for the file."""
    suffix = name[name.rfind("."):].lower() if "." in name else ""
    return _ICONS.get(suffix, "text.gif")


def _item(modified: str, name: str, kind: str, size: str) -> str:
    return (f'{{"last-modified": {_js(modified)},"name":{_js(name)},"type":{_js(kind)},'
            f'"size":{_js(size)}}}')


def _listing(items: Sequence[str], name: str, parent: str) -> str:
    return (f'{{"directory":{{"item":[{",".join(items)}],"name":{_js(name)},'
            f'"parent-dir":{_js(parent)}}}}}')


def _modified(f: TreeFiling) -> str:
    return f.accepted.strftime("%Y-%m-%d %H:%M:%S")


def filing_index_json(f: TreeFiling, sizes: dict[str, int]) -> bytes:
    """``Archives/edgar/data/{cik}/{folder}/index.json``; ``sizes`` maps document name -> bytes."""
    when = _modified(f)
    generated = [f"{f.accession}-index-headers.html", f"{f.accession}-index.html",
                 f"{f.accession}.txt"]
    items = [_item(when, name, "text.gif", "") for name in generated]
    for doc in sorted(f.documents, key=lambda d: d.filename.lower()):
        items.append(_item(when, doc.filename, icon_for(doc.filename), str(sizes[doc.filename])))
    parent = f"/Archives/edgar/data/{f.cik}"
    return ("\n" + _listing(items, f"{parent}/{f.folder}", parent)).encode("utf-8")


def cik_index_json(cik: int, filings: Sequence[TreeFiling]) -> bytes:
    """``Archives/edgar/data/{cik}/index.json``: one folder per accession, newest first."""
    ordered = sorted(filings, key=lambda f: (f.accepted, f.accession), reverse=True)
    items = [_item(_modified(f), f.folder, "folder.gif", "") for f in ordered]
    return _listing(items, f"/Archives/edgar/data/{cik}", "").encode("utf-8")
