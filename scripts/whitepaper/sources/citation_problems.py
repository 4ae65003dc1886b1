"""What the page parser says about citation syntax it finds, for the people who wrote it."""

from __future__ import annotations

from collections.abc import Mapping

from whitepaper.sources.markdown_reader import BLOCK_NESTING

Said = tuple[str, str]  # message, tip

EMPTY_CITATION: Said = (
    "lege bronvermelding: na '@' hoort de sleutel van een bibliografie-item",
    "schrijf [@sleutel], bijvoorbeeld [@stecco2018]",
)

# Where pandoc reads a citation that the site cannot show, by where it stands.
MISPLACED: Mapping[str, Said] = {
    "link": (
        "een bronvermelding in de tekst van een link kan de site niet tonen:"
        " het zou een link in een link worden",
        "zet de bronvermelding achter de link, bijvoorbeeld: [tekst](https://…) [@sleutel]",
    ),
    "alt": (
        "een bronvermelding in de alt-tekst van een afbeelding kan de site niet tonen:"
        " de alt-tekst is alleen platte tekst voor schermlezers",
        "zet de bronvermelding in de tekst bij de afbeelding, bijvoorbeeld in de zin eronder",
    ),
    "abbreviation": (
        "een bronvermelding in de uitleg van een afkorting (*[…]: …) kan de site niet tonen:"
        " die uitleg verschijnt alleen als tooltip",
        "zet de bronvermelding in de tekst waar de afkorting staat",
    ),
    "attributes": (
        "een bronvermelding tussen accolades {…} kan de site niet tonen:"
        " die worden HTML-attributen (attr_list)",
        "zet de bronvermelding buiten de accolades",
    ),
}

FOOTNOTE_IN_HTML: Said = (
    "een voetnootverwijzing in een HTML-blok toont de site als gewone tekst",
    'zet markdown="1" in de openingstag van het blok, bijvoorbeeld <div markdown="1">',
)

TOO_DEEP: Said = (
    f"de tekst is hier dieper genest dan {BLOCK_NESTING - 1} niveaus (citaten, lijsten,"
    " kaders): wat daarin staat, leest de check niet",
    "gebruik minder niveaus: minder '>' aan het begin van de regel, of minder inspringing",
)


def stray(content: str, start: int, end: int) -> Said:
    """What to say of the stray at `content[start:end]` ('[@', '\\[^', '&#91;@', ...): no
    citation, no footnote reference, so the page would show it as written."""
    shown = _as_written(content, start, end)
    if content[end - 1] == "^":
        return (
            f"'{shown}' is geen voetnootverwijzing: de site zou het zo tonen",
            "schrijf de naam van de voetnoot direct na '^', zonder spaties, bijvoorbeeld [^1],"
            " en zet de voetnoot zelf op een eigen regel: [^1]: tekst",
        )
    if content.startswith("{", end) and " " in shown:
        return (
            f"'{shown}' is geen bronvermelding: een sleutel tussen {{ }} heeft geen spaties,"
            " de site zou het zo tonen",
            "schrijf de sleutel zoals in het .bib-bestand, zonder spaties,"
            " bijvoorbeeld [@stecco2018]",
        )
    return (
        f"'{shown}' is geen bronvermelding: na '[@' hoort direct de sleutel van een"
        " bibliografie-item, de site zou het zo tonen",
        "schrijf [@sleutel], bijvoorbeeld [@stecco2018]; is het geen bronvermelding,"
        " laat dan de '@' weg",
    )


def _as_written(content: str, start: int, end: int) -> str:
    """The stray as written: to its ']' on the same line when that is near, else its word."""
    line_end = content.find("\n", end)
    rest = content[end : line_end if line_end >= 0 else len(content)]
    close = rest.find("]")
    if 0 <= close < 40:
        return content[start:end] + rest[: close + 1]
    word = len(rest) - len(rest.lstrip()) == 0 and rest.split(None, 1)
    return content[start:end] + (word[0][:40] if word else "")
