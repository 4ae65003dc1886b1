ln -s weg.md docs/p/oud.md
ln -s user@host.1234 docs/p/.#index.md
