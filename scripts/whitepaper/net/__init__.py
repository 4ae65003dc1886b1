"""The one polite network client (doi.org, NCBI) and the works it fetches.

`client.py` sends every request: one session, a User-Agent with a contact address, timeouts,
retries with back-off, at most one request per second per service. `doi.py` and `pubmed.py`
turn each service's documented answer into a `Work` (`work.py`): plain data, no BibTeX.
"""
