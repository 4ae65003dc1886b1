"""Source health (`whitepaper verify`): each entry with a DOI, PMID or web address checked
against its registry, the results kept in a committed status file.

`compare.py` says whether two writings name one work; `claims.py` what an entry says;
`registry.py` what Crossref, doi.org, PubMed and a web address say of it, as problems;
`status.py` the status file; `verify.py` which entries to ask about, and the findings.
"""
