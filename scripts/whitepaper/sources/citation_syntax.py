"""Pandoc's citation syntax as markdown-it inline rules.

The grammar follows pandoc's Markdown reader (``citeKey``, ``normalCite``,
``textualCite``, ``bareloc``). The rules run inside markdown-it's inline parser,
so code spans, escapes, autolinks, links and raw HTML are never citations, and
``state.pos`` gives exact offsets into the inline content. Each citation becomes
a ``citation_open`` token (its `RawCitation` in ``meta["citation"]``); its prefix
and suffix text is tokenized as usual in between, so citations nested there are
found too, as pandoc finds them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference
from markdown_it.rules_inline import StateInline, link

from whitepaper.sources.python_markdown import label_end_at, link_end

_KEY_PUNCTUATION = ":.#$%&-+?<>~/"  # allowed inside a key, when a letter or digit follows
_CONSTRUCT_STARTS = "`\\<[!"  # inline constructs whose content holds no separators


@dataclass(frozen=True)
class RawItem:
    """One cited key; offsets index the inline content it was parsed from."""

    key: str
    start: int  # of '@' (or of '-' in '-@')
    end: int
    prefix: tuple[int, int]  # range of the prefix text
    suffix: tuple[int, int]
    suffix_spaced: bool  # pandoc keeps one leading space when whitespace followed the key
    suppress_author: bool
    in_text: bool


@dataclass(frozen=True)
class RawCitation:
    start: int
    end: int
    items: tuple[RawItem, ...]
    in_text: bool
    bare_url: bool = False


def citation_plugin(md: MarkdownIt) -> None:
    """Register the bracketed and the in-text citation rules (`stray_markers` has the rest)."""
    md.inline.ruler.before("link", "citation", bracketed_citation_rule)
    md.inline.ruler.before("link", "citation_in_text", in_text_citation_rule)


def bracketed_citation_rule(state: StateInline, silent: bool) -> bool:
    # Silent, a link's label is being scanned: the brackets of a citation in it must count as
    # brackets of text, or markdown-it would take them for a link in a link and read no link
    # at all, where Python-Markdown and pandoc read `[text [@a]](url)` as a link.
    if silent or state.src[state.pos] != "[":
        return False
    found = _bracketed_at(state, state.pos)
    if isinstance(found, RawCitation):
        return _accept(state, found, silent)
    if found is None:
        return False
    state.push("citation_empty", "", 0).meta = {"start": state.pos, "end": found}
    state.pos = found
    return True


def _bracketed_at(state: StateInline, pos: int) -> RawCitation | int | None:
    """The bracketed citation at pos, or the end of an empty one (`[@]`), or None.

    Remembered per position and limit: a prefix or suffix being scanned jumps over a
    citation in it, so text of many '[' stays linear; nested no deeper than markdown-it
    nests inline constructs."""
    src, limit = state.src, state.posMax
    if src[pos] != "[":
        return None
    last_at, last_close = _last_marks(state)
    if last_at < pos or last_close < pos:
        return None
    if _footnote_label_end(src, pos, limit) is not None:
        return None  # pandoc reads [^@a] as a note reference (undefined, so as text)
    fields = vars(state)
    memo = fields.setdefault("_bracketed", {})
    key = (pos, limit)
    if key not in memo:
        depth = fields.get("_bracketed_depth", 0)
        if depth >= state.md.options.maxNesting:
            return None
        fields["_bracketed_depth"] = depth + 1
        memo[key] = _bracketed(state, pos) or _empty_citation_end(state, pos)
        fields["_bracketed_depth"] = depth
    found: RawCitation | int | None = memo[key]
    return found


def _last_marks(state: StateInline) -> tuple[int, int]:
    """Where the last '@' and the last ']' before the limit are (-1: none)."""
    marks = vars(state).setdefault("_last_marks", {})
    limit = state.posMax
    last: tuple[int, int] | None = marks.get(limit)
    if last is None:
        last = marks[limit] = (state.src.rfind("@", 0, limit), state.src.rfind("]", 0, limit))
    return last


def in_text_citation_rule(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] not in "-@":
        return False
    citation = _in_text(state, state.pos)
    return citation is not None and _accept(state, citation, silent)


def _accept(state: StateInline, citation: RawCitation, silent: bool) -> bool:
    if not silent:
        state.push("citation_open", "", 1).meta = {"citation": citation}
        old_max = state.posMax
        tokenize = state.md.inline.tokenize
        for item in citation.items:
            for start, end in (item.prefix, item.suffix):
                if start < end:  # an empty prefix or suffix has no tokens (most have none)
                    state.pos, state.posMax = start, end
                    tokenize(state)
        state.posMax = old_max
        state.push("citation_close", "", -1)
    state.pos = citation.end
    return True


def _footnote_label_end(src: str, pos: int, limit: int) -> int | None:
    """End of ``[^label]`` at pos (a label of one or more characters, no space or line break),
    as markdown-it's footnote_ref and pandoc's noteMarker read it."""
    if not src.startswith("[^", pos):
        return None
    end = pos + 2
    while end < limit and src[end] not in " \n]":
        end += 1
    return end + 1 if end < limit and src[end] == "]" and end > pos + 2 else None


# -- keys --------------------------------------------------------------------


def _after_string(src: str, pos: int) -> bool:
    """Pandoc's notAfterString: '@' right after a word is an e-mail address."""
    return pos > 0 and (src[pos - 1].isalnum() or src[pos - 1] == ".")


def key_at(src: str, pos: int, limit: int) -> tuple[str, int, bool] | None:
    """(key, end, suppress_author) for ``-@key``/``@key``/``@{key}`` at pos."""
    if pos >= limit or src[pos] not in "-@":  # the common case, told at once
        return None
    if _after_string(src, pos):
        return None
    suppress = src.startswith("-", pos)
    at = pos + 1 if suppress else pos
    if at + 1 >= limit or src[at] != "@":
        return None
    if src[at + 1] == "{":
        end = _balanced_braces_end(src, at + 1, limit)
        return None if end is None else (src[at + 2 : end - 1], end, suppress)
    end = _simple_key_end(src, at + 1, limit)
    return None if end == at + 1 else (src[at + 1 : end], end, suppress)


# A key: a letter, digit, '_' or '*', then letters, digits and '_'; ':' or '/' before a '/'
# (URL-like keys); other punctuation of _KEY_PUNCTUATION only when a letter or digit follows.
_SIMPLE_KEY = re.compile(rf"[\w*](?:\w|[:/](?=/)|[{re.escape(_KEY_PUNCTUATION)}]\w)*")


def _simple_key_end(src: str, pos: int, limit: int) -> int:
    found = _SIMPLE_KEY.match(src, pos, limit)
    return found.end() if found else pos


def _balanced_braces_end(src: str, pos: int, limit: int) -> int | None:
    depth = 0
    for end in range(pos, limit):
        ch = src[end]
        if ch.isspace():
            return None
        depth += (ch == "{") - (ch == "}")
        if depth == 0:
            return end + 1
    return None


# -- bracketed citations -----------------------------------------------------


def _bracketed(state: StateInline, start: int) -> RawCitation | None:
    """``[prefix @key suffix; ...]``, unless a link or reference label follows."""
    parsed = _cite_list(state, _skip_spnl(state.src, start + 1, state.posMax))
    if parsed is None:
        return None
    items, pos = parsed
    pos = _skip_spnl(state.src, pos, state.posMax)
    if pos >= state.posMax or state.src[pos] != "]" or _link_follows(state, start, pos + 1):
        return None
    return RawCitation(start, pos + 1, tuple(items), in_text=False)


def _cite_list(state: StateInline, pos: int) -> tuple[list[RawItem], int] | None:
    items: list[RawItem] = []
    while True:
        item = _item(state, pos)
        if item is None:
            return None
        items.append(item)
        pos = item.suffix[1]
        if pos >= state.posMax or state.src[pos] != ";":
            return items, pos
        pos = _skip_spnl(state.src, pos + 1, state.posMax)


# Characters of a prefix or suffix where nothing can start (a key, its end, a construct): text
_PREFIX_TEXT = re.compile(r"[^\]\-@;" + re.escape(_CONSTRUCT_STARTS) + "]+")
_SUFFIX_TEXT = re.compile(r"[^;\]" + re.escape(_CONSTRUCT_STARTS) + "]+")


def _item(state: StateInline, pos: int) -> RawItem | None:
    src, limit, prefix_start = state.src, state.posMax, pos
    while pos < limit:
        if plain := _PREFIX_TEXT.match(src, pos, limit):  # skipped a character at a time below
            pos = plain.end()
            if pos >= limit:
                break
        # pandoc ends the prefix at ']' too, and then still wants a key: [see]@a]
        at = pos + 1 if src[pos] == "]" else pos
        if (key := key_at(src, at, limit)) is not None:
            text, end, suppress = key
            suffix_end = _suffix_end(state, end)
            spaced = end < limit and src[end].isspace()
            return RawItem(
                text, at, end, (prefix_start, pos), (end, suffix_end), spaced, suppress, False
            )
        if src[pos] == "]" or (
            src[pos] == ";" and key_at(src, _skip_spnl(src, pos + 1, limit), limit)
        ):
            return None  # pandoc ends the prefix at "; @key", then finds no key
        pos = _skip_inline(state, pos)
    return None


def _suffix_end(state: StateInline, pos: int) -> int:
    src, limit = state.src, state.posMax
    while pos < limit and src[pos] not in ";]":
        plain = _SUFFIX_TEXT.match(src, pos, limit)  # what _skip_inline would step over singly
        pos = plain.end() if plain else _skip_inline(state, pos)
    return pos


def _skip_inline(state: StateInline, pos: int) -> int:
    """Position after the inline construct (code, escape, link, ...) or character at pos."""
    if state.src[pos] not in _CONSTRUCT_STARTS:
        return pos + 1
    nested = _bracketed_at(state, pos)
    if nested is not None:
        return nested.end if isinstance(nested, RawCitation) else nested
    old_pos = state.pos
    state.pos = pos
    state.md.inline.skipToken(state)
    end, state.pos = state.pos, old_pos
    if end == pos + 1 and state.src[pos] == "[":
        # pandoc reads an unresolved [label] as literal text, brackets included
        label_end = label_end_at(state, pos)
        end = label_end + 1 if label_end >= 0 else end
    return end


def _skip_spnl(src: str, pos: int, limit: int) -> int:
    """Pandoc's spnl: spaces, at most one line break, spaces."""
    if pos >= limit or src[pos] not in " \t\n":  # nothing to skip, mostly
        return pos
    pos = _skip_spaces(src, pos, limit)
    if pos < limit and src[pos] == "\n":
        pos = _skip_spaces(src, pos + 1, limit)
    return pos


def _skip_spaces(src: str, pos: int, limit: int) -> int:
    while pos < limit and src[pos] in " \t":
        pos += 1
    return pos


def _link_follows(state: StateInline, start: int, end: int) -> bool:
    """Pandoc 3.9 reads ``[@a](url)`` and ``[@a][ref]`` as links, not citations (and so does
    Python-Markdown, also when the address has spaces).

    ``[@a][^1]`` is a citation and a footnote reference (pandoc's own parse).
    """
    if end >= state.posMax or state.src[end] not in "([" or state.src.startswith("[^", end):
        return False
    old_pos = state.pos
    state.pos = start
    is_link = link(state, True) or link_end(state, start) is not None
    state.pos = old_pos
    return is_link or label_end_at(state, end) >= 0


def _empty_citation_end(state: StateInline, start: int) -> int | None:
    """End of ``[@]``, ``[-@ ]`` and the like: a lone '@' where a key belongs."""
    src, pos, lone_at = state.src, start + 1, False
    while pos < state.posMax and src[pos] != "]":
        if key_at(src, pos, state.posMax) is not None:
            return None
        at = pos + 1 if src.startswith("-@", pos) else pos
        if src[at] == "@" and not _after_string(src, pos):
            following = src[at + 1] if at + 1 < state.posMax else " "
            lone_at = lone_at or following.isspace() or following in ";],"
        pos = _skip_inline(state, pos)
    end = pos + 1
    if not lone_at or pos >= state.posMax or _link_follows(state, start, end):
        return None
    return end


# -- in-text citations -------------------------------------------------------


def _in_text(state: StateInline, start: int) -> RawCitation | None:
    """``@key``, ``@key [locator]``, ``@key [@other]``; '-@key' suppresses the author."""
    key = key_at(state.src, start, state.posMax)
    if key is None:
        return None
    text, end, suppress = key
    first = RawItem(text, start, end, (start, start), (end, end), False, suppress, not suppress)
    after = _skip_spnl(state.src, end, state.posMax)
    bare_url = _in_bare_url(state.src, start)
    if after < state.posMax and state.src[after] == "[":
        bracketed = _bracketed_at(state, after)
        if isinstance(bracketed, RawCitation):
            items = (first, *bracketed.items)
            return RawCitation(start, bracketed.end, items, True, bare_url)
        located = _locator(state, first, after)
        if located is not None:
            return RawCitation(start, located[1], tuple(located[0]), True, bare_url)
    return RawCitation(start, end, (first,), in_text=True, bare_url=bare_url)


def _locator(state: StateInline, first: RawItem, start: int) -> tuple[list[RawItem], int] | None:
    """Pandoc's bareloc: ``@key [p. 4]`` or ``@key [p. 4; @other]``."""
    src, limit = state.src, state.posMax
    if start + 1 >= limit or src[start + 1] == "^" or _last_marks(state)[1] < start:
        return None  # no ']' to end it: no need to scan for one
    suffix_end = _suffix_end(state, start + 1)
    spaced = src[start + 1].isspace()
    items = [replace(first, suffix=(start + 1, suffix_end), suffix_spaced=spaced)]
    pos = suffix_end
    if pos < limit and src[pos] == ";":
        rest = _cite_list(state, _skip_spnl(src, pos + 1, limit))
        if rest is None:
            return None
        items += rest[0]
        pos = rest[1]
    pos = _skip_spnl(src, pos, limit)
    if pos >= limit or src[pos] != "]" or (pos + 1 < limit and src[pos + 1] in "[({"):
        return None
    if _is_reference_label(state, src[start + 1 : pos]):
        return None  # pandoc reads "@key [label]" with a defined [label] as a link
    return items, pos + 1


def _is_reference_label(state: StateInline, label: str) -> bool:
    references = state.env.get("references", {})
    return normalizeReference(label) in references


def _in_bare_url(src: str, at: int) -> bool:
    """Whether '@' sits inside a URL written without <>, like https://x.org/@name."""
    start = at
    while start > 0 and not src[start - 1].isspace() and src[start - 1] not in "<([{\"'":
        start -= 1
    word = src[start:at].lower()
    return "://" in word or word.startswith("www.")
