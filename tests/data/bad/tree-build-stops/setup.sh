echo 'GITHUB_TOKEN=ghp_geheim' > ../token.txt
ln -s ../../../token.txt docs/p/env.txt
