# 10,001 entries, each cited once, by 21 papers citing at most 500 each.
for i in $(seq -w 10001); do
  printf '@article{a%s,\n  author = {Auteur, A.},\n  title = {Titel},\n  year = {2020},\n}\n' "$i"
done > bib/refs.bib
for p in $(seq 21); do
  mkdir -p "docs/p$p"
  { printf -- '---\ntitle: Deel %d\nversion: "1.0"\nassociation: Proefvereniging\ndate: 2025-06\ncontact: info@proefvereniging.nl\n---\n\n# Deel %d\n\n' "$p" "$p"
    for i in $(seq $(( (p - 1) * 500 + 1 )) $(( p * 500 < 10001 ? p * 500 : 10001 ))); do
      printf 'Zin [@a%05d].\n\n' "$i"
    done
  } > "docs/p$p/index.md"
done
