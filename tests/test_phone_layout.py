"""The top of every page on a phone (and the title on a desktop too), in Chromium: a search
magnifier that opens over the site's name, the name in full, the PDF link after the title,
and a title that takes only the lines its words need."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("playwright.sync_api", reason="browser tests need Playwright")
from playwright.sync_api import Browser, Page

from tests.browser import PHONE
from tests.test_accessibility import papers, site_pages

pytestmark = pytest.mark.slow
BOX = "Zoeken in de whitepapers"
ICON = 48  # px: the size of Material's header buttons (2.4rem)
# Widths a title is laid out at: phones from the smallest in use, and desktops, where the
# content column is narrower beside the sidebars than below their breakpoint.
PHONES = range(320, 481, 4)
DESKTOPS = (960, 1024, 1100, 1180, 1220, 1280, 1366, 1440)

# How far the title's box reaches below its last line of text, and that line's height: a
# line pushed down by the permalink (or anything else) makes the first a line's height.
TITLE_GAP = """() => {
  const title = document.querySelector(".md-content h1");
  const walker = document.createTreeWalker(title, NodeFilter.SHOW_TEXT);
  let bottom = -Infinity;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim() || node.parentElement.closest(".headerlink")) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const rect of range.getClientRects()) bottom = Math.max(bottom, rect.bottom);
  }
  const line = parseFloat(getComputedStyle(title).lineHeight);
  return [title.getBoundingClientRect().bottom - bottom, line];
}"""

# The site's name in the header: its text, and whether any of it is cut off or covered.
HEADER_NAME = """() => {
  const name = document.querySelector(".md-header__topic:first-child .md-ellipsis");
  const box = name.getBoundingClientRect();
  const covered = [0.1, 0.5, 0.9].some(x => {
    const hit = document.elementFromPoint(box.left + x * box.width, box.top + box.height / 2);
    return !name.contains(hit);
  });
  return {
    text: name.textContent.trim(),
    cut: name.scrollWidth > name.clientWidth || name.scrollHeight > name.clientHeight,
    covered: covered,
    inside: box.left >= 0 && box.right <= innerWidth,
  };
}"""


def width_of(page: Page, selector: str) -> float:
    box = page.locator(selector).bounding_box()
    assert box, selector
    return box["width"]


@pytest.mark.parametrize("path", ["", "massagetherapie/"])
def test_the_search_is_a_magnifier_that_opens_over_the_title(
    phone: Page, site_url: str, path: str
) -> None:
    phone.goto(site_url + path)
    box = phone.get_by_role("searchbox", name=BOX).filter(visible=True)
    assert box.count() == 1
    assert width_of(phone, ".md-header .wp-search") <= ICON
    assert phone.locator(".md-header .wp-search__icon svg").is_visible()
    box.focus()
    assert width_of(phone, ".md-header .wp-search") > PHONE / 2
    assert width_of(phone, ".md-header .wp-search__input") > PHONE / 2
    box.press_sequentially("klachten")
    phone.locator(".md-header .pagefind-ui__result-link").first.wait_for()
    box.press("Escape")
    assert box.input_value() == ""
    assert not box.evaluate("element => element === document.activeElement")
    assert width_of(phone, ".md-header .wp-search") <= ICON


def test_a_tap_elsewhere_closes_the_search_and_keeps_the_query(phone: Page, site_url: str) -> None:
    phone.goto(site_url + "massagetherapie/")
    box = phone.get_by_role("searchbox", name=BOX).filter(visible=True)
    box.focus()
    box.press_sequentially("klachten")
    results = phone.locator(".md-header .pagefind-ui__result-link").first
    results.wait_for()
    phone.mouse.click(20, 820)  # below the results, which cover most of the screen
    results.wait_for(state="hidden")
    assert width_of(phone, ".md-header .wp-search") <= ICON  # the title is seen again
    box.focus()
    results.wait_for()
    assert box.input_value() == "klachten"


def test_the_keyboard_reaches_the_search_and_types_into_it(phone: Page, site_url: str) -> None:
    phone.goto(site_url + "kraken-van-gewrichten/")
    for _ in range(5):  # the skip link, then the header's controls
        phone.keyboard.press("Tab")
        if phone.evaluate("document.activeElement.getAttribute('aria-label')") == BOX:
            break
    assert phone.evaluate("document.activeElement.getAttribute('aria-label')") == BOX
    phone.keyboard.type("nekpijn")
    assert width_of(phone, ".md-header .wp-search") > PHONE / 2
    phone.locator(".md-header .pagefind-ui__result-link").first.wait_for()


@pytest.mark.parametrize("width", [320, PHONE, 600, 1280])
def test_the_header_shows_the_sites_full_name(
    browser: Browser, built_site: Path, site_url: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 844}, locale="nl-NL")
    page = context.new_page()
    for path in ["", *papers(built_site)]:
        page.goto(site_url + path)
        site_name = page.locator(".md-header .md-logo").get_attribute("title")
        name = page.evaluate(HEADER_NAME)
        assert name == {"text": site_name, "cut": False, "covered": False, "inside": True}, path
    context.close()


@pytest.mark.parametrize("width", [PHONE, 1280], ids=["phone", "desktop"])
def test_the_pdf_link_follows_the_papers_title(
    browser: Browser, built_site: Path, site_url: str, width: int
) -> None:
    """After the title on screen and for screen readers alike, on every paper."""
    context = browser.new_context(viewport={"width": width, "height": 844}, locale="nl-NL")
    page = context.new_page()
    shown = papers(built_site)
    assert len(shown) > 3, shown
    for path in shown:
        page.goto(site_url + path)
        title = page.locator(".md-content h1").bounding_box()
        link = page.locator(".md-content .wp-pdf").bounding_box()
        assert title and link, path
        assert link["y"] >= title["y"] + title["height"], path
        order = page.evaluate(
            "document.querySelector('.md-content h1')"
            ".compareDocumentPosition(document.querySelector('.wp-pdf'))"
        )
        assert order & 4, path  # Node.DOCUMENT_POSITION_FOLLOWING
    context.close()


@pytest.mark.parametrize("widths", [PHONES, DESKTOPS], ids=["phones", "desktops"])
def test_a_title_takes_only_the_lines_its_words_need(
    browser: Browser, built_site: Path, site_url: str, widths: range | tuple[int, ...]
) -> None:
    """No empty line under any page's title at any of these widths: the hidden permalink `¶`
    once wrapped onto a line of its own wherever a title's last line was full."""
    page = browser.new_page()
    empty: list[str] = []
    for path in site_pages(built_site):
        page.set_viewport_size({"width": widths[0], "height": 844})
        page.goto(site_url + path)
        for width in widths:
            page.set_viewport_size({"width": width, "height": 844})
            gap, line = page.evaluate(TITLE_GAP)
            if gap > line / 2:
                empty.append(f"{path or '/'} at {width} px: {gap:.0f} px under the text")
    page.close()
    assert not empty, "\n".join(empty)
