# The page grows past 1 MB: 21,000 paragraphs of 50 bytes.
yes $'Een alinea van gewone tekst over fascia en spieren.\n' | head -n 42000 >> docs/p/index.md
