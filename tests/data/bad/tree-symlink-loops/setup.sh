# Two folder loops (these hung mkdocs build), a self-link, and two files linked to each other.
ln -s . docs/p/hier
ln -s .. docs/p/omhoog
ln -s zelf docs/p/zelf
ln -s b.md docs/p/a.md
ln -s a.md docs/p/b.md
