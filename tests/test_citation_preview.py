"""The citation preview (citations.js/.css) in Chromium: hover, keyboard, touch, no JS.

The rendered citations are not wired into the build yet, so the page is a fixture that follows
the HTML contract (tests/data/preview/index.html), served together with the project's
overrides/assets/ and Material's own stylesheets, laid out as in the built site.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import material
import pytest

pytest.importorskip("playwright.sync_api", reason="browser tests need Playwright")
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from tests.browser import serve

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "data" / "preview"
ARTIFACTS = Path(__file__).parent / "artifacts"
MATERIAL_CSS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"

POPOVER = "#wp-cite-popover"
KEYS = [
    "stecco2018",
    "castrosanchez2010",  # the second link of a two-link citation
    "kngf:richtlijn.2021",  # ':' and '.' in the key
    "who/rapport:2019.b",  # '/' too
    "patientenfederatie:zd",  # incomplete entry, no DOI
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("preview")
    shutil.copytree(FIXTURE, site, dirs_exist_ok=True)
    shutil.copytree(ROOT / "overrides" / "assets", site / "assets")
    (site / "material").mkdir()
    for name in ("main", "palette"):
        (css,) = MATERIAL_CSS.glob(f"{name}.*.min.css")
        shutil.copy(css, site / "material" / f"{name}.css")
    with serve(site) as url:
        yield url


@pytest.fixture
def requested(site_url: str) -> list[str]:
    """Every URL the pages of a test request (filled by `open_page`)."""
    return []


Opener = Callable[..., Page]


@pytest.fixture
def open_page(browser: Browser, site_url: str, requested: list[str]) -> Iterator[Opener]:
    """Open the fixture page in a fresh context; afterwards, check no other host was asked."""
    contexts: list[BrowserContext] = []

    def opener(viewport: dict[str, int] = DESKTOP, **options: Any) -> Page:
        context = browser.new_context(viewport=viewport, locale="nl-NL", **options)
        contexts.append(context)
        page = context.new_page()
        page.on("request", lambda request: requested.append(request.url))
        page.goto(site_url, wait_until="networkidle")
        return page

    yield opener
    for context in contexts:
        context.close()
    hosts = {urlsplit(url).netloc for url in requested if not url.startswith("data:")}
    assert hosts <= {urlsplit(site_url).netloc}, sorted(set(requested))


def cite(page: Page, key: str) -> Locator:
    return page.locator(f'a.wp-cite[data-wp-ref="{key}"]').last


def entry_text(page: Page, key: str) -> str:
    text = page.evaluate("key => document.getElementById('ref-' + key).innerText", key)
    return " ".join(text.split())


def popover_text(page: Page) -> str:
    return " ".join(page.locator(POPOVER).inner_text().split())


def inside_viewport(page: Page, box: dict[str, float]) -> bool:
    size = page.viewport_size or {}
    return (
        box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= size["width"]
        and box["y"] + box["height"] <= size["height"]
    )


def shoot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"citation-preview-{name}.png"), animations="disabled")


@pytest.mark.parametrize("key", KEYS)
def test_hovering_a_citation_shows_its_full_reference(open_page: Opener, key: str) -> None:
    page = open_page()
    cite(page, key).hover()
    popover = page.locator(POPOVER)
    expect(popover).to_be_visible()
    expect(popover).to_have_attribute("role", "tooltip")
    expect(popover).to_have_attribute("data-wp-ref", key)
    assert popover_text(page) == entry_text(page, key)
    assert popover.locator("[id]").count() == 0  # the clone repeats no id
    doi = page.locator(f"#{page.evaluate('CSS.escape', 'ref-' + key)} a")
    if doi.count():
        expect(popover.locator("a")).to_have_attribute("href", doi.get_attribute("href") or "")
    box = popover.bounding_box() or {}
    assert inside_viewport(page, box)
    assert box["width"] <= 30 * 20 + 1  # a readable measure: at most 30rem (Material: 20px)


def test_near_the_bottom_of_the_window_the_preview_opens_above(open_page: Opener) -> None:
    page = open_page({"width": 1280, "height": 420})
    link = cite(page, "patientenfederatie:zd")
    link.hover()
    popover = page.locator(POPOVER)
    expect(popover).to_have_attribute("data-placement", "above")
    box = popover.bounding_box() or {}
    assert inside_viewport(page, box)
    assert box["y"] + box["height"] <= (link.bounding_box() or {})["y"]
    shoot(page, "desktop-above")


def test_the_incomplete_mark_is_a_visible_badge_in_preview_and_list(open_page: Opener) -> None:
    page = open_page()
    cite(page, "patientenfederatie:zd").hover()
    badge = page.locator(f"{POPOVER} .wp-incomplete")
    expect(badge).to_be_visible()
    expect(badge).to_have_text("onvolledige bronvermelding")
    listed = page.locator("#refs .wp-incomplete")
    for mark in (badge, listed):
        style = mark.evaluate(
            "e => { const s = getComputedStyle(e); return [s.display, s.borderTopStyle] }"
        )
        assert style == ["inline-block", "solid"]


def test_the_reference_list_has_a_hanging_indent(open_page: Opener) -> None:
    page = open_page()
    indent, padding = page.evaluate(
        "() => { const s = getComputedStyle(document.getElementById('ref-stecco2018'));"
        " return [parseFloat(s.textIndent), parseFloat(s.paddingLeft)] }"
    )
    assert indent < 0 < padding + indent < padding


def test_only_one_preview_is_open_and_the_pointer_can_move_into_it(open_page: Opener) -> None:
    page = open_page()
    cite(page, "stecco2018").hover()
    expect(page.locator(POPOVER)).to_have_attribute("data-wp-ref", "stecco2018")
    cite(page, "castrosanchez2010").hover()
    expect(page.locator(POPOVER)).to_have_attribute("data-wp-ref", "castrosanchez2010")
    expect(page.locator("[role=tooltip]:visible")).to_have_count(1)
    shoot(page, "desktop-hover")

    page.locator(f"{POPOVER} a").hover()  # through the gap, into the preview
    page.wait_for_timeout(700)
    expect(page.locator(POPOVER)).to_be_visible()
    page.mouse.move(5, 700)  # away: it closes after its short delay
    expect(page.locator(POPOVER)).to_be_hidden()


def test_escape_closes_a_hover_preview(open_page: Opener) -> None:
    page = open_page()
    cite(page, "kngf:richtlijn.2021").hover()
    expect(page.locator(POPOVER)).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator(POPOVER)).to_be_hidden()
    page.wait_for_timeout(300)
    expect(page.locator(POPOVER)).to_be_hidden()  # the resting pointer does not reopen it


def tab_to_citation(page: Page) -> str:
    for _ in range(30):
        page.keyboard.press("Tab")
        key = page.evaluate("() => document.activeElement.dataset.wpRef || ''")
        if key:
            return key
    raise AssertionError("Tab never reached a citation")


def test_keyboard_focus_shows_the_preview_and_describes_the_link(open_page: Opener) -> None:
    page = open_page()
    assert tab_to_citation(page) == "stecco2018"
    popover = page.locator(POPOVER)
    expect(popover).to_be_visible()
    assert popover_text(page) == entry_text(page, "stecco2018")
    described = page.evaluate(
        "() => document.activeElement.getAttribute('aria-describedby').split(' ')"
        ".map(id => document.getElementById(id).innerText).join(' ')"
    )
    assert " ".join(described.split()) == entry_text(page, "stecco2018")
    # What a screen reader gets: the browser's computed accessible description of the link.
    focused = page.locator("a.wp-cite:focus")
    expect(focused).to_have_accessible_description(entry_text(page, "stecco2018"))
    expect(focused).to_have_accessible_name("Stecco, 2018")

    page.keyboard.press("Escape")
    expect(popover).to_be_hidden()
    assert page.evaluate("() => document.activeElement.dataset.wpRef") == "stecco2018"

    assert tab_to_citation(page) == "stecco2018"  # the first link of [@stecco2018; @castro…]
    expect(popover).to_be_visible()
    assert tab_to_citation(page) == "castrosanchez2010"
    expect(popover).to_have_attribute("data-wp-ref", "castrosanchez2010")
    expect(page.locator("[role=tooltip]:visible")).to_have_count(1)
    page.evaluate("() => document.activeElement.blur()")
    expect(popover).to_be_hidden()


def test_every_citation_is_described_by_its_entry(open_page: Opener) -> None:
    page = open_page()
    pairs = page.evaluate(
        "() => [...document.querySelectorAll('a.wp-cite')]"
        ".map(a => [a.dataset.wpRef, a.getAttribute('aria-describedby')])"
    )
    assert pairs and all(described == f"ref-{key}" for key, described in pairs)


def test_a_tap_shows_the_preview_and_a_second_tap_follows_the_link(open_page: Opener) -> None:
    page = open_page(PHONE, has_touch=True, is_mobile=True)
    start = page.url
    link = cite(page, "kngf:richtlijn.2021")
    link.tap()
    popover = page.locator(POPOVER)
    expect(popover).to_be_visible()
    expect(popover).to_have_attribute("data-wp-ref", "kngf:richtlijn.2021")
    assert page.url == start  # not navigated
    assert inside_viewport(page, popover.bounding_box() or {})
    shoot(page, "phone-tap")

    cite(page, "stecco2018").tap()  # another citation (above the preview): it moves there
    expect(popover).to_have_attribute("data-wp-ref", "stecco2018")
    expect(page.locator("[role=tooltip]:visible")).to_have_count(1)

    page.locator("#p-incomplete").tap(position={"x": 5, "y": 5})  # tapping text closes it
    expect(popover).to_be_hidden()

    link.tap()
    expect(popover).to_be_visible()
    link.tap()  # the second tap follows the link to the reference list
    page.wait_for_function("() => location.hash !== ''")
    assert unquote(urlsplit(page.url).fragment) == "ref-kngf:richtlijn.2021"
    expect(popover).to_be_hidden()
    shoot(page, "phone-list")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_preview_stays_inside_the_viewport(open_page: Opener, viewport: dict[str, int]) -> None:
    page = open_page(viewport, has_touch=True)
    links = page.locator("a.wp-cite")
    for index in range(links.count()):
        links.nth(index).tap()
        popover = page.locator(POPOVER)
        expect(popover).to_be_visible()
        box = popover.bounding_box() or {}
        assert inside_viewport(page, box), (index, box)
        header = page.locator(".md-header").bounding_box() or {}
        assert box["y"] >= header["y"] + header["height"], (index, box)  # not under the header
        page.keyboard.press("Escape")
        expect(popover).to_be_hidden()


def test_without_javascript_the_link_jumps_to_the_highlighted_entry(open_page: Opener) -> None:
    page = open_page(PHONE, java_script_enabled=False)
    cite(page, "kngf:richtlijn.2021").click()
    page.wait_for_function("() => location.hash !== ''")
    target = page.locator(":target")
    assert target.get_attribute("id") == "ref-kngf:richtlijn.2021"
    background = target.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert target.evaluate("e => e.getBoundingClientRect().top") > 48  # below the header
    assert page.locator(POPOVER).count() == 0
    shoot(page, "nojs-target")


def test_it_initialises_through_materials_document_observable(open_page: Opener) -> None:
    page = open_page()
    # A stand-in for Material's document$: an observable that replays the loaded document.
    page.add_init_script(
        "window.__subscribed = 0; window.document$ = { subscribe(fn) {"
        " window.__subscribed++; if (document.readyState === 'loading')"
        " document.addEventListener('DOMContentLoaded', () => fn(document)); else fn(document);"
        " } };"
    )
    page.reload(wait_until="networkidle")
    assert page.evaluate("window.__subscribed") == 1
    cite(page, "stecco2018").hover()
    expect(page.locator(POPOVER)).to_be_visible()
    page.evaluate("() => window.document$.subscribe(() => {})")  # re-init is harmless
    assert page.locator(POPOVER).count() == 1


def test_dark_scheme_screenshot(open_page: Opener) -> None:
    page = open_page()
    page.evaluate("() => document.body.setAttribute('data-md-color-scheme', 'slate')")
    cite(page, "patientenfederatie:zd").hover()
    popover = page.locator(POPOVER)
    expect(popover).to_be_visible()
    colours = popover.evaluate(
        "e => { const s = getComputedStyle(e); return [s.color, s.backgroundColor] }"
    )
    assert colours[0] != colours[1]
    shoot(page, "desktop-dark")


def test_previews_request_nothing_from_another_host(
    open_page: Opener, requested: list[str], site_url: str
) -> None:
    page = open_page(PHONE, has_touch=True)
    links = page.locator("a.wp-cite")
    for index in range(links.count()):
        links.nth(index).tap()
        expect(page.locator(POPOVER)).to_be_visible()
        links.nth(index).hover()
        page.keyboard.press("Escape")
    page.wait_for_load_state("networkidle")
    hosts = {urlsplit(url).netloc for url in requested}
    assert requested and hosts == {urlsplit(site_url).netloc}, sorted(set(requested))
