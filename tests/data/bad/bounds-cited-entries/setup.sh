# One paper citing 501 entries, each once.
for i in $(seq -w 501); do
  printf '@article{auteur%s,\n  author = {Auteur, A.},\n  title = {Titel %s},\n  year = {2020},\n}\n\n' "$i" "$i"
done > bib/refs.bib
for i in $(seq -w 501); do printf 'Zin %s [@auteur%s].\n\n' "$i" "$i"; done >> docs/p/index.md
