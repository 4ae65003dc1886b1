"""whitepaper: checked citations, a Dutch searchable site and PDFs for association whitepapers."""

__version__ = "0.1.0"
