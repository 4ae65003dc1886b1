# Made here, not committed: a checkout on Windows cannot hold these names.
mkdir 'docs/"><img src=x onerror=alert(1)>'
cp docs/p/index.md 'docs/"><img src=x onerror=alert(1)>/index.md'
echo '# Café' > 'docs/p/Café Één.md'
cp docs/p/index.md 'docs/p/index.md~'
