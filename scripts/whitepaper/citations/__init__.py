"""Citations as readers see them: APA 7 (nl) by pandoc's citeproc, placed at the check's spans."""
