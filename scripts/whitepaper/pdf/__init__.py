"""PDFs: one A4 PDF per paper, from its rendered pages (WeasyPrint)."""
