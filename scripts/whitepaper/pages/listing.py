"""The lists of papers the site's own pages show, made from the papers' front matter so they
cannot drift from it: the home page's, where `docs/index.md` says <!-- whitepapers --> (linked
title, association, authors, version (when known) and date, summary, and the PDF link, newest
first), and "Over deze site"'s, where a page says <!-- uitgevers --> (who publishes each paper,
as its front matter says, or that it says nothing), with the site's repository where a page
says <!-- repository -->."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from whitepaper.links import web_url
from whitepaper.papers import INDEX_PAGE, Paper, Papers, shown_date
from whitepaper.papers import markdown_literal as _md

HOME_LISTING = "<!-- whitepapers -->"
PUBLISHERS = "<!-- uitgevers -->"
REPOSITORY = "<!-- repository -->"


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


def with_publishers(markdown: str, papers: Papers, repo_url: str | None) -> str:
    """A page right in docs/ (its links are relative to docs/) with who publishes each paper
    where it says PUBLISHERS, and a link to `repo_url` where it says REPOSITORY."""
    if PUBLISHERS in markdown:
        names = papers.listed()
        summaries = [PaperSummary(f"{name}/{INDEX_PAGE}", papers.by_name[name]) for name in names]
        listing = _not_indexed(publisher_listing(summaries), "wp-publishers")
        markdown = markdown.replace(PUBLISHERS, listing, 1)
    return markdown.replace(REPOSITORY, repository_link(repo_url))


def _not_indexed(listing: str, kind: str = "wp-listing") -> str:
    """The listing kept out of the search index (md_in_html still renders its Markdown): it
    repeats each paper's title, authors and summary, so a search would find the listing's page
    beside, or instead of, the paper itself."""
    return f'<div class="{kind}" data-pagefind-ignore markdown>\n\n{listing}\n</div>\n'


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
        lines = [f"### [{_md(paper.title)}]({quote(summary.link, safe='/#')})", ""]
        lines += [" · ".join(_md(fact) for fact in facts if fact), ""]
        lines += [_md(paper.summary), ""] if paper.summary else []
        lines += [pdf_links[summary.link], ""] if summary.link in pdf_links else []
        items.append("\n".join(lines))
    return "\n".join(items)


def publisher_listing(papers: Sequence[PaperSummary]) -> str:
    """Per paper its linked title, then who publishes it and who wrote it, as its front matter
    says; what it leaves out is said to be left out (nothing is guessed)."""
    if not papers:
        return "Er zijn nog geen whitepapers gepubliceerd.\n"
    items = []
    for summary in papers:
        link = f"- [{_md(summary.paper.title)}]({quote(summary.link, safe='/#')})"
        items.append(f"{link}\n\n    {_publisher_sentence(summary.paper)}\n")
    return "\n".join(items)


def _publisher_sentence(paper: Paper) -> str:
    """'Uitgegeven door X; geschreven door A en B.', or what the paper does not name."""
    authors = _names([_md(name) for name in paper.authors])
    if paper.association:
        said = f"Uitgegeven door {_md(paper.association)}"
        return f"{said}; geschreven door {authors}." if authors else f"{said}."
    if authors:
        return f"Geschreven door {authors}; het whitepaper noemt geen uitgever."
    return "Het whitepaper noemt geen uitgever en geen auteurs."


def repository_link(repo_url: str | None) -> str:
    """A Markdown link to the site's repository, or its name without a link when none is set."""
    url = web_url(repo_url)
    if not url:
        return "de projectpagina van deze site"
    return f"[de projectpagina van deze site]({quote(url, safe=_URL_SAFE)})"


# What stays as written in a web address; parentheses are encoded, so Markdown's link ends at ')'.
_URL_SAFE = ":/?#[]@!$&'*+,;=%~-._"
