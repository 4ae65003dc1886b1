"""Sources: Markdown pages and BibTeX entries read into models with exact positions."""
