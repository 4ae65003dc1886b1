"""The home page's list of papers, where `docs/index.md` says <!-- whitepapers -->: linked
title, association, authors, version (when known) and date, summary, and the PDF link, newest
first."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from whitepaper.papers import INDEX_PAGE, Paper, Papers, clean, shown_date

HOME_LISTING = "<!-- whitepapers -->"


@dataclass(frozen=True)
class PaperSummary:
    """One paper on the home page; `link` is the Markdown link target, e.g. 'kraken/index.md'."""

    link: str
    paper: Paper


def with_listing(markdown: str, papers: Papers, pdf_links: Mapping[str, str] = {}) -> str:
    """The home page's Markdown with the list of `papers` where it says HOME_LISTING;
    `pdf_links` holds the HTML of a paper's PDF link, by paper name."""
    if HOME_LISTING not in markdown:
        return markdown
    names = papers.listed()
    summaries = [PaperSummary(f"{name}/{INDEX_PAGE}", papers.by_name[name]) for name in names]
    links = {f"{name}/{INDEX_PAGE}": pdf_links[name] for name in names if name in pdf_links}
    return markdown.replace(HOME_LISTING, _not_indexed(paper_listing(summaries, links)), 1)


def _not_indexed(listing: str) -> str:
    """The listing kept out of the search index (md_in_html still renders its Markdown): it
    repeats each paper's title, authors and summary, so a search would find the home page
    beside, or instead of, the paper itself."""
    return f'<div class="wp-listing" data-pagefind-ignore markdown>\n\n{listing}\n</div>\n'


def _md(text: str) -> str:
    """Text that Markdown and its extensions show as is: ASCII punctuation as character refs."""
    return re.sub(r"[!-/:-@\[-`{-~]", lambda found: f"&#{ord(found[0])};", clean(text))


def _names(names: Sequence[str]) -> str:
    return " en ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)


def paper_listing(papers: Sequence[PaperSummary], pdf_links: Mapping[str, str] = {}) -> str:
    """The home page's Markdown list: linked title, then association, authors, version, date,
    then the summary, then the link of `pdf_links` (raw HTML, by `link`); in the order given."""
    if not papers:
        return "Er zijn nog geen whitepapers gepubliceerd.\n"
    items = []
    for summary in papers:
        paper = summary.paper
        version = f"versie {paper.version}" if paper.version else ""
        facts = [paper.association or "", _names(paper.authors), version, shown_date(paper.date)]
        lines = [f"- [{_md(paper.title)}]({quote(summary.link, safe='/#')})", ""]
        lines += ["    " + " · ".join(_md(fact) for fact in facts if fact), ""]
        lines += ["    " + _md(paper.summary), ""] if paper.summary else []
        lines += ["    " + pdf_links[summary.link], ""] if summary.link in pdf_links else []
        items.append("\n".join(lines))
    return "\n".join(items)
