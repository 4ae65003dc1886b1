"""What starts like a citation or a footnote reference and is neither: `[@; x`, `[@{a b}]`,
`[^]`, also escaped (`\\[@;`) or as an entity (`&#91;@;`). Each becomes a `citation_stray`
token (its offsets in `meta`); the page would show it as written, so the check says so.

The stray rule comes last in the inline ruler: it sees a '[' only when no link, image,
citation or footnote reference starts there. An escaped or entity '[' is seen by wrapping
those rules. A '[' before a citation (`[@a`) shows '[' and the citation: no stray.
"""

from __future__ import annotations

from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline, entity, escape

from whitepaper.sources.citation_syntax import key_at


def stray_marker_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.push("citation_stray", stray_marker_rule)
    md.inline.ruler.at("escape", _marking_strays(escape, "\\"))
    md.inline.ruler.at("entity", _marking_strays(entity, "&"))


def stray_marker_rule(state: StateInline, silent: bool) -> bool:
    """'[@' or '[^' here is no citation, empty citation or footnote reference: it stays text."""
    pos = state.pos
    if silent or state.src[pos] != "[" or not _stray_at(state, pos + 1):
        return False
    _push_stray(state, pos, pos + 2)
    state.pending += "["
    state.pos = pos + 1
    return True


def _marking_strays(rule: Callable[[StateInline, bool], bool], first: str) -> Callable[..., bool]:
    """`rule` (escape, entity), noting a '[' it makes that a stray '@' or '^' follows; not
    asked where the character it starts with (`first`) is not."""

    def marking(state: StateInline, silent: bool) -> bool:
        if state.src[state.pos] != first:  # every rule of the chain runs at every mark
            return False
        start, count = state.pos, len(state.tokens)
        if not rule(state, silent):
            return False
        made = state.tokens[count:] if not silent else []
        if made and made[-1].content == "[" and _stray_at(state, state.pos):
            _push_stray(state, start, state.pos + 1)
        return True

    return marking


def _stray_at(state: StateInline, pos: int) -> bool:
    """Whether text '[' followed by what is at pos shows '[@' or '[^' on the page."""
    if pos >= state.posMax or state.src[pos] not in "@^":
        return False
    return state.src[pos] == "^" or key_at(state.src, pos, state.posMax) is None


def _push_stray(state: StateInline, start: int, end: int) -> None:
    state.push("citation_stray", "", 0).meta = {"start": start, "end": end}
