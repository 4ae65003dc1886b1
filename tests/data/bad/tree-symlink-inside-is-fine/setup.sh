ln -s index.md docs/p/kopie.md
ln -s ../q docs/p/ook-q
