"""The one definition of a web address and of a DOI: what the check accepts, every stage emits.

A web address is an absolute `http(s)://host…` URL with nothing in it that could leave an HTML
attribute or a BibTeX field, or that BibTeX would read as markup: no whitespace, quotes, `< >`,
braces, backslash or control characters (a URL writes them percent-encoded: `%20`).

A DOI is `10.`, four to nine digits, `/` and a suffix without whitespace, quotes, braces,
backslash or controls; `< >` do occur in real DOIs (SICI DOIs) and are kept. Its address is
https://doi.org/ with the suffix percent-encoded where a URL needs it.

The check reports with `url_problem` and `doi_problem`; the renderers keep a value only when
`web_url` or `bare_doi` returns it. Both are made from the same expressions, so whatever the
check lets through unreported reaches the page, the metadata and the PDF as written.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import quote, urlsplit

# What may not stand in a URL or DOI as written: it would end an attribute or a field, or be
# read as BibTeX markup. Unicode controls and line separators included.
_UNSAFE = r"\s\"'<>\\{}\x00-\x1f\x7f-\x9f"
_WEB_URL = re.compile(rf"https?://[^/?#{_UNSAFE}]+[^{_UNSAFE}]*", re.IGNORECASE)
_DOI = re.compile(r"10\.\d{4,9}/[^\s\"'\\{}\x00-\x1f\x7f-\x9f]+")
_DOI_PREFIX = re.compile(r"(?:https?://(?:dx\.)?doi\.org/|doi:)\s*", re.IGNORECASE)
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
DOI_RESOLVER = "https://doi.org/"
_DOI_LINK = re.compile(r"https?://(?:dx\.)?doi\.org/", re.IGNORECASE)
# Characters a DOI keeps in its address; the others are percent-encoded (< > # ? [ ] ...), and
# so is a '%' that does not already begin an escape (an address stays the same when encoded again).
_DOI_SAFE = "/:;()._-~!$&'*+,=@%"
_LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def web_url(value: object) -> str | None:
    """`value` when it is a web address as defined above, else None."""
    if not isinstance(value, str) or not _WEB_URL.fullmatch(value):
        return None
    return value if urlsplit(value).hostname else None


_MAIL = re.compile(rf"[^@/?#:{_UNSAFE}]+@[^\W_](?:[\w-]*[^\W_])?(?:\.[^\W_](?:[\w-]*[^\W_])?)+")


def mail_address(value: object) -> str | None:
    """`value` when it is an e-mail address (name@host.tld, nothing a link could break on)."""
    return value if isinstance(value, str) and _MAIL.fullmatch(value) else None


def contact_href(value: object) -> str | None:
    """The link of a contact: a web address as it is, an e-mail address as `mailto:`; else None."""
    if address := mail_address(value):
        return "mailto:" + quote(address, safe="@.+-_~!$*")
    return web_url(value)


def bare_doi(value: object) -> str | None:
    """The DOI in a DOI field: as written, or from a doi.org link or `doi:` form; else None."""
    if not isinstance(value, str):
        return None
    doi = _DOI_PREFIX.sub("", value.strip(), count=1)
    return doi if _DOI.fullmatch(doi) else None


def doi_url(doi: str) -> str:
    """The address of `doi` (a bare DOI) at doi.org."""
    return DOI_RESOLVER + _LONE_PERCENT.sub("%25", quote(doi, safe=_DOI_SAFE))


def link_target(href: str) -> str | None:
    """A link in formatted text as the site emits it: a doi.org address as `doi_url` makes it
    (pandoc links a DOI unencoded: `<`, `#` and `?` would break it), any other web address as
    it is; anything else None."""
    if _DOI_LINK.match(href):
        doi = bare_doi(href)
        return doi_url(doi) if doi else None
    return web_url(href)


def public_url(value: str | None) -> str | None:
    """`value` unless it is an address of this machine (a local preview's site_url): such an
    address means nothing to a reader of a PDF passed on."""
    host = urlsplit(value).hostname if value else None
    if not host or host == "localhost" or host.endswith(".localhost"):
        return None
    try:
        return None if ipaddress.ip_address(host).is_loopback else value
    except ValueError:  # a name, not an address
        return value


def _short(value: str, limit: int = 60) -> str:
    # data: URLs can be kilobytes long; the finding only needs to identify the value.
    return value if len(value) <= limit else value[: limit - 1] + "…"


def url_problem(value: str) -> tuple[str, str] | None:
    """(message, tip) when `value` is not a web address, else None."""
    if web_url(value):
        return None
    scheme = _SCHEME.match(value)
    if scheme is None:
        return (
            f"de URL '{_short(value)}' begint niet met http:// of https://",
            f"schrijf de volledige URL, bijvoorbeeld https://{_short(value)}",
        )
    name = scheme.group(1).lower()
    if name not in ("http", "https"):
        return (
            f"een URL met het schema '{name}:' is niet toegestaan",
            "alleen http:// en https:// mogen: links als javascript: en data: voeren code uit",
        )
    return (
        f"de URL '{_short(value)}' is geen geldige http(s)-link",
        "schrijf https://host/pad, zonder spaties, aanhalingstekens, < >, { }"
        " of \\ (codeer ze: %20)",
    )


def doi_problem(value: str) -> tuple[str, str, str] | None:
    """(code, message, tip) when a DOI field holds something other than a bare DOI.

    A doi.org link is understood (`bad-doi`, a warning: the site shows the DOI it holds);
    anything else that is not a DOI is left out of the site (`bad-doi`), or refused when it
    could run as a link (`unsafe-url`)."""
    if _DOI.fullmatch(value):
        return None
    doi = bare_doi(value)
    if doi is not None:
        return (
            "bad-doi",
            f"de DOI staat als link genoteerd: '{_short(value)}'",
            f"sla de kale DOI op: doi = {{{doi}}}",
        )
    if re.search(r"[\"'\\{}]", value):  # it becomes a link: these could break out of it
        return (
            "unsafe-url",
            f"de DOI '{_short(value)}' bevat aanhalingstekens, accolades of een backslash",
            "sla alleen de DOI zelf op, zoals 10.1016/j.x.2018.01.002",
        )
    scheme = _SCHEME.match(value)
    if scheme and scheme.group(1).lower() not in ("http", "https", "doi"):
        message, tip = url_problem(value) or ("", "")
        return "unsafe-url", message, tip
    return (
        "bad-doi",
        f"'{_short(value)}' ziet er niet uit als een DOI; de site toont hem niet",
        "een DOI is 10., vier tot negen cijfers, '/' en de rest, zoals 10.1016/j.x.2018.01.002",
    )
