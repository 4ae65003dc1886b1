"""What a file or folder name may be in docs/ and overrides/ (published), and a safe one.

MkDocs makes a page's address from its folder and file names, and Material puts the path into
the "edit this page" link unescaped: a folder named `"><img src=x onerror=…>` was stored XSS.
Safe are ASCII letters, digits, `-`, `_` and `.`; a suggested name is lower-case ASCII.
"""

from __future__ import annotations

import re
import unicodedata

SAFE_NAME = re.compile(r"[A-Za-z0-9._-]+")
# Letters NFKD does not take apart into an ASCII letter and an accent.
_ASCII = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "þ": "th"})


def safe_name(name: str) -> bool:
    return SAFE_NAME.fullmatch(name) is not None


def suggested_name(name: str) -> str:
    """A safe, lower-case ASCII name for `name`: `Café Één.md` → `cafe-een.md`."""
    folded = unicodedata.normalize("NFKD", name.lower().translate(_ASCII))
    slug = re.sub(r"[^a-z0-9._-]+", "-", folded.encode("ascii", "ignore").decode())
    slug = re.sub(r"-*\.-*", ".", slug).strip("-.")  # `alert(1)>.md`: `alert-1.md`
    return slug or "naam"


def printable(name: str) -> bool:
    """No control character (a line break, an escape), and UTF-8 (os.fsdecode keeps other
    bytes as lone surrogates, which no output can encode)."""
    return not any(unicodedata.category(char) in ("Cc", "Cs") for char in name)
