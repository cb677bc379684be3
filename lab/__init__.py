"""The test world: everything absdw is tested and demonstrated against, outside the product.

* :mod:`lab.synth`    synthetic deals with known truth (loan-level simulation, waterfalls) and
  renderers that print them in each layout family, plus the field-by-field comparison
* :mod:`lab.standin`  the EDGAR stand-in: a real HTTP server on 127.0.0.1 with EDGAR's paths,
  formats, rate-limit behaviour and injectable faults
* :mod:`lab.samples`  the bundled sample EDGAR content (the real seed filing + synthetic trusts)
* :mod:`lab.corpus`   generated documents per layout family, for benchmarks and snapshots
* :mod:`lab.fakes`    a fake clock for the seams (limiter, sleep, progress)

The stages (``crawler``, ``parsers``, ``warehouse``) and the orchestration (``absdw.pipeline``)
never import it (``tests/test_layout.py``); ``absdw demo`` and ``absdw standin`` do, which is
why it ships in the wheel.
"""
