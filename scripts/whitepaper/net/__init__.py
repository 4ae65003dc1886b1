"""The one polite network client (doi.org, Crossref, NCBI, a source's web address) and the
works it fetches.

`client.py` sends every request: one session, a User-Agent with a contact address, timeouts,
retries with back-off, at most one request per second per service. `doi.py`, `crossref.py`
and `pubmed.py` turn each service's documented answer into a `Work` (`work.py`): plain data,
no BibTeX; `crossref.py` adds the updates registered for it (retractions, corrections).
"""
