"""Generated documents with their truth, per layout family that has a renderer (benchmarks,
``benchmarks/parse_snapshot.py``).

``corpus(layout, deals, seed)`` yields ``(truth as printed, document text)`` for random deals
(seeds, pool sizes, months, pro-rata or sequential seniors, with or without N notes) rendered
with random noise. A family's renderer is found by module name
(``lab.synth.render_<layout>``); families without one are skipped. Mortgage layouts render
``lab.synth.simulate`` truth; the servicer certificate renders auto-loan truth
(``lab.synth.consumer.simulate_consumer``) with random :class:`CertOptions` noise.
"""

from __future__ import annotations

import importlib
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from lab.synth.collateral import CollateralParams
from lab.synth.consumer import ConsumerDealSpec, simulate_consumer
from lab.synth.consumer_pool import PoolParams
from lab.synth.cover import Masthead
from lab.synth.simulate import DealSpec, simulate
from parsers.model import Report

__all__ = ["RENDERERS", "Renderer", "available", "corpus"]

MASTHEAD = Masthead(trust="ABSDW BENCHMARK TRUST", series="2004-1", ticker="ASH",
                    file_number="333-990001-01", eins=("54-9900001", "54-9900002", "54-9900003"))

CONSUMER_MASTHEAD = Masthead(trust="ABSDW AUTO RECEIVABLES TRUST 2019-1", series="2019-1",
                             ticker="AAR", file_number="333-990004-01",
                             depositor="ABSDW Auto Finance LLC")
#: Layouts whose generator takes consumer-deal truth (``lab.synth.consumer``).
CONSUMER_LAYOUTS = frozenset({"servicer_cert"})


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


def _cert_noise(module: Any, rng: random.Random) -> Any:
    return module.CertOptions(
        numbering=rng.choice(["line", "paren", "dot", "none"]),
        dollars=rng.choice(["none", "attached", "column"]), leaders=rng.random() < 0.5,
        notes=rng.choice(["blocks", "table"]), page_break=rng.choice([None, "formfeed",
                                                                      "numbered"]),
        split_principal=rng.random() < 0.5, open_90=rng.random() < 0.5,
        day_labels=rng.choice(["31-60", "30-59"]), record_date=rng.random() < 0.5,
        roman=rng.random() < 0.5)


def _generic_noise(module: Any, rng: random.Random) -> Any:
    return module.RenderOptions(markup=rng.random() < 0.5)


def _default_noise(module: Any, rng: random.Random) -> Any:
    options = getattr(module, "RenderOptions", None) or getattr(module, "CertOptions", None)
    return options() if options else None


RENDERERS: dict[str, Renderer] = {
    "ctslink": Renderer("lab.synth.render_ctslink", _ctslink_noise),
    "bankers_trust": Renderer("lab.synth.render_bankers_trust", _default_noise),
    "html_tables": Renderer("lab.synth.render_html", _default_noise),
    "servicer_cert": Renderer("lab.synth.render_servicer_cert", _cert_noise),
    "generic": Renderer("lab.synth.render_generic", _generic_noise),
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
        truth, masthead = (_consumer_month(rng) if layout in CONSUMER_LAYOUTS
                           else (_mortgage_month(rng), MASTHEAD))
        options = RENDERERS[layout].options(module, rng)
        text = (module.render_report(truth, masthead, options) if options is not None
                else module.render_report(truth, masthead))
        printed = getattr(module, "printed_truth", None)
        yield (printed(truth, options) if printed else truth), text


def _mortgage_month(rng: random.Random) -> Report:
    """One month of a random mortgage deal (``lab.synth.simulate``)."""
    spec = DealSpec(seed=rng.randrange(10**9), months=rng.randrange(1, 13),
                    senior_pro_rata=rng.random() < 0.5, with_nim=rng.random() < 0.5,
                    closing_date=date(2004, rng.randrange(1, 13), 27),
                    collateral=CollateralParams(loan_count=rng.randrange(100, 2500)))
    return rng.choice(simulate(spec))


def _consumer_month(rng: random.Random) -> tuple[Report, Masthead]:
    """One month of a random auto-loan deal (the consumer simulator's truth)."""
    spec = ConsumerDealSpec(seed=rng.randrange(10**6), months=rng.randrange(1, 11),
                            split_a2=rng.random() < 0.5,
                            pool=PoolParams(receivables=rng.randrange(60, 500),
                                            abs_speed=rng.choice([0.008, 0.015, 0.025]),
                                            miss_rate=rng.choice([0.0, 0.02, 0.06])))
    return rng.choice(simulate_consumer(spec)), CONSUMER_MASTHEAD
