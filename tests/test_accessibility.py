"""Every page of the built site, in Chromium at desktop and phone width: no serious or critical
axe-core violation, and no horizontal scrolling on a phone."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("playwright.sync_api", reason="browser tests need Playwright")
from playwright.sync_api import Browser, Page

from tests.browser import PHONE, search_results

pytestmark = pytest.mark.slow
ARTIFACTS = Path(__file__).parent / "artifacts"
AXE = files("axe_playwright_python") / "axe.min.js"  # axe-core as the package ships it
SEVERE = {"serious", "critical"}


def site_pages(site: Path) -> list[str]:
    """Every page of the built site, as a path below its root ('' is the home page)."""
    pages = [
        "" if index.parent == site else index.parent.relative_to(site).as_posix() + "/"
        for index in site.rglob("index.html")
        if not index.relative_to(site).parts[0].startswith(("assets", "pagefind", "search"))
    ]
    return [*sorted(pages), "404.html"]


def papers(site: Path) -> list[str]:
    """The paper pages: those with a PDF."""
    return sorted(pdf.stem + "/" for pdf in (site / "pdf").glob("*.pdf"))


def axe_violations(page: Page) -> list[dict[str, Any]]:
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def describe(violation: dict[str, Any]) -> str:
    targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
    rule = f"{violation['id']} ({violation['impact']})"
    return f"{rule} x{len(violation['nodes'])} ({'; '.join(targets)})"


@pytest.mark.parametrize("width", [1280, PHONE], ids=["desktop", "phone"])
def test_every_page_passes_axe_and_fits_the_screen(
    browser: Browser, built_site: Path, site_url: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 844}, locale="nl-NL")
    page = context.new_page()
    shots = set(papers(built_site)) | {""}
    assert len(shots) > 4, shots
    counts: dict[str, tuple[int, str]] = {}
    problems: list[str] = []
    for path in site_pages(built_site):
        page.goto(site_url + path, wait_until="networkidle")
        found = axe_violations(page)
        violations = [v for v in found if v["impact"] in SEVERE]
        milder = ", ".join(describe(v) for v in found if v not in violations)
        counts[path or "/"] = (sum(len(v["nodes"]) for v in violations), milder)
        problems += [f"{path or '/'}: {describe(v)}" for v in violations]
        scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
        if width == PHONE and scroll_width > PHONE:
            problems.append(f"{path or '/'}: scrolls sideways ({scroll_width} px wide)")
        if path in shots:
            ARTIFACTS.mkdir(exist_ok=True)
            name = path.strip("/") or "home"
            page.screenshot(path=str(ARTIFACTS / f"page-{name}-{width}.png"))
    context.close()
    print(f"\naxe at {width} px: serious + critical nodes, page, milder violations")
    for path, (count, milder) in counts.items():
        print(f"  {count:4d}  {path:32}  {milder}")
    assert len(counts) > 5, counts  # the whole site, not a page or two
    assert not problems, "\n".join(problems)


def test_a_phone_reaches_the_papers_table_of_contents(phone: Page, site_url: str) -> None:
    phone.goto(site_url + "massagetherapie/")
    phone.locator('label.md-header__button[for="__drawer"]').click()
    phone.locator('.md-nav--primary label.md-nav__link--active[for="__toc"]').click()
    contents = phone.locator(".md-nav--primary .md-nav--secondary a.md-nav__link")
    assert contents.count() > 3
    contents.first.wait_for(state="visible")
    ARTIFACTS.mkdir(exist_ok=True)
    phone.wait_for_timeout(500)  # for the picture only: the drawer slides to the next level
    phone.screenshot(path=str(ARTIFACTS / "phone-table-of-contents.png"))
    contents.first.click()
    assert "#" in phone.url


def test_a_wide_table_is_a_named_region_the_keyboard_reaches(phone: Page, site_url: str) -> None:
    phone.goto(site_url + "massagetherapie/")
    region = phone.get_by_role("region", name="Tabel (schuif zijwaarts)").first
    region.focus()
    assert region.evaluate("element => element === document.activeElement")
    assert phone.locator(".wp-scroll-hint--shown").first.is_visible()


def test_footnote_links_say_what_they_do(browser: Browser, site_url: str) -> None:
    page = browser.new_page()
    page.goto(site_url + "craniosacraal-therapie/")
    assert page.get_by_role("link", name="Voetnoot 1", exact=True).count() == 1
    assert page.get_by_role("link", name="Terug naar de tekst").count() > 0
    page.close()


def test_the_number_of_results_is_announced(browser: Browser, site_url: str) -> None:
    page = browser.new_page()
    page.goto(site_url)
    search_results(page, "behandelingen")
    status = page.locator(".md-header [role=status]").filter(has_text="voor behandelingen")
    status.wait_for(state="attached")
    assert "resulta" in status.inner_text()
    page.close()


def test_the_keyboard_focus_shows_a_dark_orange_ring(browser: Browser, site_url: str) -> None:
    """#bf360c: 5.6:1 on white, where Material's orange ring was 2.8:1."""
    page = browser.new_page()
    page.goto(site_url + "kraken-van-gewrichten/")
    link = page.locator(".md-content a[href]").first
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    ring = link.evaluate(
        "e => [getComputedStyle(e).outlineStyle, getComputedStyle(e).outlineColor]"
    )
    assert ring == ["solid", "rgb(191, 54, 12)"], ring
    page.close()


def test_the_home_page_names_each_paper_by_a_heading_and_each_pdf_by_its_paper(
    browser: Browser, site_url: str, built_site: Path
) -> None:
    """Screen readers go from paper to paper by heading, and hear which PDF each link is."""
    page = browser.new_page()
    page.goto(site_url)
    listing = page.locator(".wp-listing")
    titles = [
        " ".join(heading.inner_text().split()).removesuffix("¶")  # the heading's permalink
        for heading in listing.get_by_role("heading", level=3).all()
    ]
    assert len(titles) == len(papers(built_site)), titles
    for title in titles:
        link = listing.get_by_role("link", name=f"Download als PDF: {title}", exact=True)
        assert link.count() == 1, title
        assert link.inner_text() == "Download als PDF"  # what is shown
    page.close()
