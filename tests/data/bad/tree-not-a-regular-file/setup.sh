mkfifo docs/p/pijp.md bib/pijp.bib
ln -s /dev/zero docs/p/nul.md
