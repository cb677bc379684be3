"""Generated documents with their truth, per layout family that has a renderer (benchmarks).

``corpus(layout, deals, seed)`` yields ``(truth as printed, document text)`` for random deals
(seeds, pool sizes, months, pro-rata or sequential seniors, with or without N notes) rendered
with random noise. A family's renderer is found by module name
(``absdw.synth.render_<layout>``); families without one are skipped.
"""

from __future__ import annotations

import importlib
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from absdw.synth.collateral import CollateralParams
from absdw.synth.cover import Masthead
from absdw.synth.simulate import DealSpec, simulate
from parsers.model import Report

__all__ = ["RENDERERS", "Renderer", "available", "corpus"]

MASTHEAD = Masthead(trust="ABSDW BENCHMARK TRUST", series="2004-1", ticker="ASH",
                    file_number="333-990001-01", eins=("54-9900001", "54-9900002", "54-9900003"))


@dataclass(frozen=True)
class Renderer:
    """How to render one family: its module and a random-noise option maker."""

    module: str
    options: Callable[[Any, random.Random], Any]


def _ctslink_noise(module: Any, rng: random.Random) -> Any:
    omit = frozenset(t for t in sorted(module.OPTIONAL_TABLES) if rng.random() < 0.2)
    dupes = tuple(c for c in ("R", "A1", "RX", "X") if rng.random() < 0.15)
    return module.RenderOptions(extra_width=rng.randrange(0, 6), duplicate_classes=dupes,
                                omit_tables=omit)


def _default_noise(module: Any, rng: random.Random) -> Any:
    options = getattr(module, "RenderOptions", None) or getattr(module, "CertOptions", None)
    return options() if options else None


RENDERERS: dict[str, Renderer] = {
    "ctslink": Renderer("absdw.synth.render_ctslink", _ctslink_noise),
    "bankers_trust": Renderer("absdw.synth.render_bankers_trust", _default_noise),
    "html_tables": Renderer("absdw.synth.render_html", _default_noise),
    "servicer_cert": Renderer("absdw.synth.render_servicer_cert", _default_noise),
}


def available() -> list[str]:
    """Layouts whose renderer module is importable."""
    found = []
    for layout, renderer in RENDERERS.items():
        try:
            importlib.import_module(renderer.module)
        except ImportError:
            continue
        found.append(layout)
    return found


def corpus(layout: str, deals: int, seed: int = 1) -> Iterator[tuple[Report, str]]:
    """``deals`` random deals, one random month each, rendered in ``layout`` with noise."""
    module = importlib.import_module(RENDERERS[layout].module)
    rng = random.Random(seed)
    for _ in range(deals):
        spec = DealSpec(seed=rng.randrange(10**9), months=rng.randrange(1, 13),
                        senior_pro_rata=rng.random() < 0.5, with_nim=rng.random() < 0.5,
                        closing_date=date(2004, rng.randrange(1, 13), 27),
                        collateral=CollateralParams(loan_count=rng.randrange(100, 2500)))
        truth = rng.choice(simulate(spec))
        options = RENDERERS[layout].options(module, rng)
        text = (module.render_report(truth, MASTHEAD, options) if options is not None
                else module.render_report(truth, MASTHEAD))
        printed = getattr(module, "printed_truth", None)
        yield (printed(truth, options) if printed else truth), text
