"""A rendered page reshaped for print: footnotes at their reference, one reference list, no
permalinks, addresses that mean something on paper, ids that cannot clash."""

from __future__ import annotations

from whitepaper.pdf.reshape import headings, print_page

# What Python-Markdown's footnotes extension and the plugin make of a page, in short.
PAGE = """<h1 id="titel">Titel<a class="headerlink" href="#titel" title="Link">&para;</a></h1>
<p>Tekst<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup> en meer.</p>
<h2 id="voetnoten">Voetnoten</h2>
<div class="footnote">
<hr />
<ol>
<li id="fn:1">
<p>
Stecco (<a href="#ref-stecco2018">2018</a>) deed onderzoek.&#160;<a class="footnote-backref" \
href="#fnref:1" title="Terug">&#8617;</a></p>
</li>
</ol>
</div>
<h2 id="literatuur">Literatuur</h2>
<div id="refs" class="references csl-bib-body" role="list">
<div id="ref-stecco2018" class="csl-entry" role="listitem">Stecco, C. (2018).</div>
</div>
"""


def printed(content: str, **options: object) -> str:
    settings: dict[str, object] = {
        "prefix": "",
        "folder": "paper/",
        "public_url": None,
        "drop_title": False,
    }
    return print_page(content, **{**settings, **options})  # type: ignore[arg-type]


def test_a_footnote_moves_to_its_reference_without_its_back_link() -> None:
    html = printed(PAGE)
    assert (
        '<p>Tekst<span class="wp-footnote" id="wp-fn-1">Stecco (<a href="#ref-stecco2018">2018'
        "</a>) deed onderzoek.</span> en meer.</p>"
    ) in html
    assert "footnote-backref" not in html and "fnref" not in html
    assert 'class="footnote"' not in html


def test_the_heading_left_without_notes_goes_with_them() -> None:
    assert "Voetnoten" not in printed(PAGE)


def test_a_heading_with_more_under_it_than_the_notes_stays() -> None:
    page = PAGE.replace('<h2 id="voetnoten">Voetnoten</h2>', "<h2>Slot</h2><p>Tot ziens.</p>")
    assert "<h2>Slot</h2><p>Tot ziens.</p>" in printed(page)


def test_the_page_reference_list_goes_with_its_heading() -> None:
    html = printed(PAGE)
    assert "Literatuur" not in html and "csl-entry" not in html
    assert 'href="#ref-stecco2018"' in html  # it points into the paper's one list at the end


def test_a_note_of_several_paragraphs_keeps_them_as_blocks_print_css_can_show() -> None:
    page = PAGE.replace("deed onderzoek.", "deed onderzoek.</p><p>Tweede alinea.")
    html = printed(page)
    assert '<span data-wp-block="p">' in html
    assert "<p>\nStecco" not in html and "<p>Tweede" not in html


def test_a_note_referenced_twice_is_printed_once_and_called_again_by_its_number() -> None:
    page = PAGE.replace(
        " en meer.</p>",
        ' en meer<sup id="fnref2:1"><a class="footnote-ref" href="#fn:1">1</a></sup>.</p>',
    )
    html = printed(page)
    assert html.count('class="wp-footnote"') == 1
    assert '<a class="wp-footnote-again" href="#wp-fn-1"></a>.' in html


def test_the_note_text_starts_with_its_first_word() -> None:
    """WeasyPrint breaks the line after the note's number when the text starts with a newline."""
    assert '<span class="wp-footnote" id="wp-fn-1">Stecco' in printed(PAGE)


def test_permalinks_go_and_the_title_goes_when_the_cover_shows_it() -> None:
    assert "headerlink" not in printed(PAGE)
    assert '<h1 id="titel">Titel</h1>' in printed(PAGE)
    assert "<h1" not in printed(PAGE, drop_title=True)


def test_images_resolve_inside_the_built_site() -> None:
    html = printed('<p><img alt="x" src="../assets/fig.png"></p>', folder="paper/deel/")
    assert 'src="paper/assets/fig.png"' in html


def test_links_into_the_site_use_its_public_address_or_become_text() -> None:
    page = '<p><a href="../andere/">elders</a> en <a href="https://doi.org/10.1/x">doi</a></p>'
    public = printed(page, folder="paper/", public_url="https://wp.nl/paper/")
    assert '<a href="https://wp.nl/andere/">elders</a>' in public
    offline = printed(page)
    assert "<a>elders</a>" in offline
    assert '<a href="https://doi.org/10.1/x">doi</a>' in offline


def test_shapes_weasyprint_tags_against_pdf_ua_are_made_simpler() -> None:
    """A span opening a link's text, paragraphs in a list item (PDF/UA 7.18.5-1 and 7.2-20)."""
    page = (
        '<p><a href="#ref-a"><span class="nocase">Bialoszewski et al.</span>, 2014</a></p>'
        '<ol><li><p><span lang="en">One</span></p></li><li><p>Twee</p><p>Drie</p></li></ol>'
    )
    assert printed(page) == (
        '<p><a href="#ref-a">Bialoszewski et al., 2014</a></p>'
        '<ol><li><span lang="en">One</span></li><li>Twee<br>Drie</li></ol>'
    )


def test_a_link_that_runs_code_is_text_on_paper() -> None:
    page = '<p><a href="JavaScript:alert(1)">klik</a> <a href="mailto:a@b.nl">mail</a></p>'
    assert printed(page) == '<p><a>klik</a> <a href="mailto:a@b.nl">mail</a></p>'


def test_a_later_page_gets_prefixed_ids_and_links_but_the_references_keep_theirs() -> None:
    html = printed(PAGE, prefix="p1-")
    assert 'id="p1-titel"' in html and 'id="p1-wp-fn-1"' in html
    assert 'href="#ref-stecco2018"' in html


def test_headings_give_the_table_of_contents() -> None:
    html = '<h1 id="a">Een</h1><h2 id="b">Twee <em>nu</em></h2><h3 id="c">Drie</h3><h2>Geen id</h2>'
    assert headings(html) == [("h1", "a", "Een"), ("h2", "b", "Twee nu")]
