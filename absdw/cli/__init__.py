"""The ``absdw`` command line: parse options, resolve settings, call one library function, render.

Every command body stays short; the work lives in functions a notebook can call too. Errors
print one line to stderr and exit with a documented code (see :mod:`absdw.errors`); ``--debug``
shows the traceback instead. The commands live by what they do:

* :mod:`~absdw.cli.root`        the app, global flags, shared options, ``main``
* :mod:`~absdw.cli.sync_cmds`   ``sync``, ``refetch``, ``reparse``
* :mod:`~absdw.cli.data_cmds`   ``query``, ``parse``, ``export``, ``compact``, ``config show``
* :mod:`~absdw.cli.trust_cmds`  ``trusts search``, ``watch``, ``status``, ``quarantine``
* :mod:`~absdw.cli.report_cmd`  ``report``
* :mod:`~absdw.cli.lab_cmds`    ``demo``, ``standin``
* :mod:`~absdw.cli.reference`   ``docs/cli.md`` from every ``--help``

Command modules import their stages inside the command, so ``absdw --help`` loads none.
"""

from absdw.cli import data_cmds, lab_cmds, report_cmd, sync_cmds, trust_cmds
from absdw.cli.root import app, main

__all__ = ["app", "data_cmds", "lab_cmds", "main", "report_cmd", "sync_cmds", "trust_cmds"]
