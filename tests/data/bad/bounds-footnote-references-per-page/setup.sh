# 1,001 footnotes on one page, each referred to once and citing a source.
for i in $(seq 1001); do printf 'Zin %d[^%d].\n\n' "$i" "$i"; done >> docs/p/index.md
for i in $(seq 1001); do printf '[^%d]: Zie @stecco2018.\n\n' "$i"; done >> docs/p/index.md
