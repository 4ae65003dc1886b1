"""The table: for each finding code, what it means and how to fix it (Dutch, plain words, for
someone who has never used a terminal: what to write, never how the check works)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from whitepaper.diagnostics import Code


class Explanation(NamedTuple):
    meaning: str  # what the finding says about her text
    fix: str  # what she writes instead


EXPLANATIONS: Mapping[Code, Explanation] = {
    "bib-syntax": Explanation(
        "Een `.bib`-bestand in `bib/` is geen geldige BibTeX meer, bijvoorbeeld doordat er een"
        " komma, een `=` of een sluitende accolade `}` ontbreekt.",
        "Kijk op de regel en bij het dakje `^` dat de melding aanwijst; vaak ontbreekt de komma"
        " aan het eind van de regel erboven. Vergelijk met een bron die wel goed is.",
    ),
    "duplicate-key": Explanation(
        "Twee bronnen hebben dezelfde sleutel, ook als ze alleen in hoofdletters verschillen of"
        " in verschillende bestanden staan. Een bronvermelding weet dan niet welke bedoeld is.",
        "Is het twee keer dezelfde bron, verwijder er dan één. Zijn het twee bronnen van dezelfde"
        " auteur en hetzelfde jaar, zet er dan `a` en `b` achter (`stecco2014a`, `stecco2014b`)"
        " en pas de bronvermeldingen in de tekst aan.",
    ),
    "unknown-key": Explanation(
        "De tekst noemt een sleutel (`[@sleutel]`) die geen bron in `bib/` heeft; meestal een"
        " tikfout.",
        "De tip noemt de sleutel die er het meest op lijkt. Hoofdletters moeten precies kloppen."
        " Is de bron nieuw, voeg hem dan toe (zie *Een bron toevoegen* in CONTRIBUTING.md)."
        " Staat er een webadres met een `@` in de tekst, schrijf het dan als link:"
        " `<https://…>`.",
    ),
    "empty-citation": Explanation(
        "Een bronvermelding zonder sleutel, zoals `[@]`.",
        "Zet de sleutel erin (`[@stecco2018]`), of haal de haken weg.",
    ),
    "broken-citation": Explanation(
        "Iets begint als een bronvermelding of voetnoot (`[@` of `[^`), maar is het niet, zoals"
        " `[@; x` of `[^ 1]`. De site zou de tekens letterlijk tonen.",
        "Schrijf een bronvermelding als `[@sleutel]` en een voetnoot als `[^1]`, zonder spaties."
        " Bedoelt u de tekens zelf, zet ze dan tussen backticks: `` `[@` ``.",
    ),
    "misplaced-citation": Explanation(
        "Een bronvermelding staat waar de site haar niet kan tonen: in de tekst van een link, in"
        " de beschrijving van een afbeelding, in de uitleg van een afkorting, in een"
        " attributenlijst `{: … }` of in een kop.",
        "Zet de bronvermelding in de gewone tekst, achter de link, de afbeelding of de kop; de tip"
        " zegt waar.",
    ),
    "nesting-too-deep": Explanation(
        "Citaten, lijsten of blokken staan meer dan 63 lagen diep in elkaar, of er staan meer dan"
        " 12 tekens `*` of `_` achter elkaar. Meestal is dat een kopieerfout.",
        "Maak de opbouw vlakker: een gewone pagina heeft drie of vier lagen. Haal overbodige `>`,"
        " `*` of `_` weg.",
    ),
    "too-large": Explanation(
        "De invoer is groter dan de site aankan: een pagina van meer dan 1 MB, meer dan 1.000"
        " voetnootverwijzingen op één pagina of 20 naar dezelfde voetnoot, een whitepaper dat"
        " meer dan 500 verschillende bronnen noemt, of meer dan 10.000 bronnen in `bib/`.",
        "Verdeel de tekst over meer pagina's in dezelfde map, of gebruik een voetnoot minder"
        " vaak. Is het echt nodig, vraag het dan een beheerder.",
    ),
    "undefined-footnote": Explanation(
        "De tekst verwijst naar een voetnoot (`[^3]`), maar nergens op de pagina staat wat die"
        " voetnoot zegt.",
        "Zet onderaan de pagina de voetnoot zelf: `[^3]: De tekst, met een bron [@sleutel].`, of"
        " verbeter het nummer in de tekst.",
    ),
    "duplicate-footnote": Explanation(
        "Dezelfde voetnoot (`[^1]:`) staat twee keer op één pagina.",
        "Geef de tweede een ander nummer en pas de verwijzing in de tekst aan, of voeg de twee"
        " samen.",
    ),
    "uncited-footnote": Explanation(
        "Een voetnoot noemt geen bron. In deze whitepapers noemt elke voetnoot een bron.",
        "Zet een bronvermelding in de voetnoot: `[^1]: Bialoszewski vond … [@bialoszewski2014].`"
        " Is het een opmerking zonder bron, zet die tekst dan in de gewone tekst.",
    ),
    "unsafe-url": Explanation(
        "Een adres dat geen gewoon webadres is: in een bron (`url` of `doi`) of in een link of"
        " afbeelding op een pagina, zoals `javascript:`, `data:`, `file:`, een adres zonder"
        " `https://` ervoor, of met spaties erin.",
        "Schrijf het volledige adres met `https://` ervoor, een link naar een andere pagina van"
        " de site als `[tekst](../andere-pagina.md)`, en zet een afbeelding als bestand naast de"
        " pagina.",
    ),
    "front-matter": Explanation(
        "Het blok tussen de twee regels `---` bovenaan de pagina klopt niet: een onbekende naam"
        " (`titel` in plaats van `title`), een `index.md` zonder `title`, een datum die niet"
        " bestaat, een naam die twee keer staat, opmaak of HTML in een titel, een fout in"
        " `changelog`, of iets wat geen geldige YAML is.",
        "De tip noemt de regel en wat u in de plaats schrijft. Zet een versie tussen"
        ' aanhalingstekens (`version: "1.10"`), schrijf elke naam één keer, en gebruik in dit'
        " blok geen `&`, `*` of `!!`.",
    ),
    "bad-key": Explanation(
        "Een sleutel bevat een teken dat het programma dat de bronvermeldingen opmaakt niet kan"
        ' lezen: `< > # % ~ " | \\ ^`.',
        "Maak een sleutel volgens de regel in `bib/README.md` (kleine letters en cijfers, zoals"
        " `wal2013`) en pas de bronvermeldingen in de tekst aan.",
    ),
    "bad-crossref": Explanation(
        "Een bron verwijst met `crossref` of `xdata` naar een bron die er niet is, of in een"
        " kring terug naar zichzelf.",
        "Zet de juiste sleutel van het boek of de bundel erin (de tip noemt de sleutel die erop"
        " lijkt), of haal de verwijzing weg.",
    ),
    "encoding": Explanation(
        "Een pagina of `.bib`-bestand is niet als UTF-8 opgeslagen; letters als é en ë komen dan"
        " verkeerd over.",
        "Sla het bestand op als UTF-8 (in uw teksteditor: *Opslaan als*, codering UTF-8). Wie in"
        " de browser op GitHub bewerkt, heeft hier geen last van.",
    ),
    "unsafe-file": Explanation(
        "Een bestand dat de site niet mag publiceren: een naam met spaties of andere tekens dan"
        " `a-z A-Z 0-9 - _ .`, een soort bestand dat scripts kan bevatten (`.svg`, `.html`,"
        " `.js`, of zonder extensie), of een snelkoppeling naar een plek buiten de map.",
        "Geef het bestand de naam die de tip voorstelt (kleine letters en streepjes) en bewaar"
        " een figuur als `.png` of `.jpg`. Is een ander soort bestand echt nodig, dan beslist"
        " een beheerder.",
    ),
    "unsafe-html": Explanation(
        "De pagina bevat HTML die niet mag, zoals `<script>`, `<iframe>`, `<style>`, een"
        " `onclick` of een `style` die meer doet dan uitlijnen.",
        "Haal het weg of schrijf het als gewone Markdown; zie *HTML en links in een pagina* in"
        " CONTRIBUTING.md. Voor een video of kaart zet u een gewone link: `[titel](https://…)`.",
    ),
    "unused-footnote": Explanation(
        "Er staat een voetnoot (`[^2]: …`) waar de tekst nergens naar verwijst. De site toont"
        " hem wel, maar de PDF laat hem weg.",
        "Zet `[^2]` in de tekst, op de plek waar de voetnoot bij hoort, of verwijder de voetnoot.",
    ),
    "unused-entry": Explanation(
        "Een bron in `bib/` die geen enkele pagina noemt.",
        "Noem hem in de tekst waar hij bij hoort, of laat hem staan als hij later nodig is: hij"
        " doet geen kwaad.",
    ),
    "incomplete-entry": Explanation(
        "Een bron mist de auteur, de titel of het jaar, of is gemarkeerd met"
        " `note = {onvolledig: …}`. Gemarkeerde bronnen telt de controle samen in één regel,"
        " behalve de bronnen die u zelf wijzigt of noemt in de pagina's die u wijzigt"
        " (`--show-incomplete` toont ze alle).",
        "Vul aan wat de bron zelf geeft, en verzin niets. Ontbreekt er echt iets, schrijf dan in"
        " `note = {onvolledig: …}` wat er ontbreekt; de site toont dan *onvolledige"
        " bronvermelding*.",
    ),
    "bad-doi": Explanation(
        "Een `doi` die niet de vorm `10.NNNN/…` heeft. De site laat hem weg.",
        "Schrijf alleen de DOI zelf, zonder `https://doi.org/`"
        " (`doi = {10.3233/BMR-140468}`), en neem hem over van de site van het tijdschrift.",
    ),
    "author-format": Explanation(
        "Namen zoals PubMed ze schrijft (`Field T and Diego M`); BibTeX leest `T` dan als"
        " achternaam.",
        "Schrijf achternaam, komma, voorletters: `Field, T. and Diego, M.`; de tip geeft het hele"
        " veld.",
    ),
    "lost-text": Explanation(
        "Tekens in een bron die de site anders zou tonen dan bedoeld: twee `$`, `\\\\`, of een"
        " `\\` voor een woord (`C:\\Users`).",
        "Neem over wat de tip voorstelt: `\\$` voor een dollarteken, `\\textbackslash{}` voor een"
        " backslash.",
    ),
    "unknown-language": Explanation(
        "Een bron noemt in `langid` of `language` een taal die de controle niet kent. De site"
        " laat de taal van de titel dan weg: een schermlezer leest een Engelse titel dan met"
        " Nederlandse uitspraak voor, en de PDF breekt Engelse woorden af als Nederlandse.",
        "Schrijf de taal zoals biblatex die noemt (`english`, `american`, `british`, `german`,"
        " `french`) of als taalcode (`en`, `en-US`, `de`); de tip noemt de taal die er het meest"
        " op lijkt. Een Nederlandse bron heeft geen `langid` nodig.",
    ),
    "missing-version": Explanation(
        "Het `index.md` van een whitepaper heeft geen `version`. De site verzint er geen, dus de"
        " pagina, het citeerblok en de PDF noemen geen versie.",
        'De vereniging kiest de versie; zet die in de front matter: `version: "1.0"`.',
    ),
    "missing-metadata": Explanation(
        "Het `index.md` van een whitepaper noemt geen vereniging (`association`), geen datum"
        " (`date`) of geen contactadres (`contact`). De site verzint niets, dus onder de titel"
        " ontbreekt dan wie achter het whitepaper staat, van wanneer het is of wie je iets kunt"
        " vragen; een huisarts moet dat kunnen zien. Auteurs tellen niet als vereniging, en de"
        " datum van een wijziging in `changelog` niet als datum van het whitepaper.",
        "De vereniging vult in de front matter in wat ontbreekt, bijvoorbeeld"
        " `association: Nederlandse Vereniging voor ...`, `date: 2026-03-01` en"
        " `contact: secretariaat@vereniging.nl` (of een webadres: `https://...`).",
    ),
    "example-text": Explanation(
        "Iets wat `whitepaper new` als voorbeeld schreef, staat er nog: een bronvermelding van de"
        " voorbeeldbron (`[@voorbeeld-<map>]`) in de tekst, of de voorbeeldbron zelf in"
        " `bib/<map>.bib`.",
        "Vervang de voorbeeldtekst door uw eigen tekst, met echte bronnen (zie *Een bron"
        " toevoegen* in CONTRIBUTING.md), en verwijder daarna de voorbeeldbron uit"
        " `bib/<map>.bib`.",
    ),
    "ignored-file": Explanation(
        "Een bestand dat de controle niet leest, terwijl dat wel de bedoeling lijkt: een `.bib`"
        " in een map binnen `bib/`, een verborgen `.bib` (met een punt vooraan), een naam op"
        " `.BIB`, of een pagina op `.markdown`, `.mkd` of `.MD`.",
        "Geef het bestand de naam die de tip noemt: een pagina eindigt op `.md`, een"
        " bronnenbestand op `.bib` en staat direct in `bib/`.",
    ),
    "unsupported-syntax": Explanation(
        "Opmaak uit Pandoc die de site niet kent en dus letterlijk toont:"
        " `[Engelse woorden]{lang=en}` (haken en accolades blijven staan), `{…}` direct achter"
        " een bronvermelding, of een regel `::: {lang=en}`, `::: note` of `:::` (een blok van"
        " Pandoc). De site bouwt wel; lezers zien alleen de tekens.",
        'Gebruik wat de site kent (zie *Engelse tekst markeren*): `<span lang="en">Engelse'
        ' woorden</span>` voor een paar woorden, `<div lang="en" markdown>` en `</div>` op eigen'
        " regels rond een stuk tekst, `!!! note` voor een kader. Andere kenmerken zet u direct"
        " achter `*…*`, `**…**` of een link, achter een kop, of op de regel onder een alinea"
        " (`{: … }`).",
    ),
    "doi-mismatch": Explanation(
        "`whitepaper verify` heeft de DOI van een bron opgezocht bij Crossref (of doi.org), en"
        " daar hoort hij bij een ander werk: de titel, de eerste auteur, het jaar of het"
        " tijdschrift verschilt van wat in het `.bib`-bestand staat. De melding noemt wat het"
        " register zegt. Hoofdletters, accenten, leestekens, `&` of `and`, voorletters en een"
        " weggelaten ondertitel tellen niet als verschil.",
        "Zoek het artikel zelf op. Klopt de DOI niet (een tikfout, de DOI van een ander artikel"
        " uit hetzelfde nummer), zet dan de goede DOI erin; klopt een ander veld niet, verbeter"
        " dat. Neem alleen over wat het artikel zelf zegt.",
    ),
    "unknown-doi": Explanation(
        "`whitepaper verify` kon de DOI van een bron nergens vinden: Crossref en doi.org kennen"
        " hem niet. Een lezer die erop klikt, komt op een foutpagina.",
        "Vergelijk de DOI letter voor letter met die op het artikel (een spatie, een punt aan het"
        " eind of een verwisselde `l` en `1` is genoeg). Heeft het artikel geen DOI, haal het veld"
        " `doi` dan weg en geef een `url` als die er is.",
    ),
    "pmid-mismatch": Explanation(
        "`whitepaper verify` heeft het PMID van een bron opgezocht bij PubMed, en PubMed kent het"
        " niet of noemt er een ander werk bij: een andere titel, eerste auteur of jaar, of een"
        " andere DOI dan de bron zelf heeft.",
        "Zoek het artikel op pubmed.ncbi.nlm.nih.gov op titel op en neem het PMID over dat daar"
        " staat; klopt het PMID wel, verbeter dan het veld dat de melding noemt.",
    ),
    "retracted": Explanation(
        "Het werk van een bron is ingetrokken, teruggetrokken of staat onder een 'expression of"
        " concern' (de redactie twijfelt aan de uitkomsten): dat is bij Crossref geregistreerd,"
        " door de uitgever of door Retraction Watch. Of de DOI van de bron is die van het bericht"
        " over de intrekking, niet die van het artikel.",
        "Lees het bericht (de melding noemt de DOI ervan). Steunt de tekst op deze bron, overleg"
        " dan in de vereniging: noem de intrekking in de tekst, of kies een andere bron. Haal de"
        " bron niet stilletjes weg.",
    ),
    "corrected": Explanation(
        "Op het werk van een bron is een correctie (erratum, corrigendum) verschenen, volgens"
        " Crossref. Vaak is dat een kleinigheid, soms verandert er een uitkomst.",
        "Lees de correctie (de melding noemt de DOI ervan) en kijk of ze raakt aan wat de tekst"
        " uit deze bron haalt; pas de tekst zo nodig aan.",
    ),
    "dead-link": Explanation(
        "Het webadres (`url`) van een bron werkt niet: de site antwoordt met een fout (zoals 404,"
        " niet gevonden), is niet te bereiken, of stuurt door in een kring. Lezers komen dan"
        " nergens.",
        "Open het adres zelf. Staat de bron op een ander adres, zet dat in `url`; is hij weg,"
        " zoek dan een archiefkopie (web.archive.org) en zet dat adres erin.",
    ),
}
