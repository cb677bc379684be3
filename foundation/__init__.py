"""What every part of absdw stands on, and nothing else: it imports no other absdw package.

* :mod:`foundation.errors`      the one error root, with the transient / terminal split
* :mod:`foundation.durable`     atomic, durable file writes (raw documents, state, manifest)
* :mod:`foundation.identifiers` the rule of each identifier: CIK, accession, SEC file number,
  User-Agent, EDGAR base URL
* :mod:`foundation.defaults`    the one home of each default setting
* :mod:`foundation.vocabulary`  closed vocabularies shared by parsers and warehouse
  (parse status, delinquency status and bucket, delinquency method)
"""
