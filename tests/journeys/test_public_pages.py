"""The pages every resident can reach: start page, accessibility statement, privacy notice."""

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.journeys.conftest import Keyboard

pytestmark = pytest.mark.browser

DASH = "\N{EN DASH}"

PAGES = [
    ("/", "Give feedback about a council service"),
    ("/accessibility/", "Accessibility statement for Give feedback"),
    ("/privacy/", "Privacy notice: giving feedback"),
]


@pytest.mark.parametrize(("path", "heading"), PAGES, ids=["start", "accessibility", "privacy"])
def test_each_page_is_accessible_with_and_without_javascript(
    any_page: Page,
    site_url: Callable[[str], str],
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
    path: str,
    heading: str,
) -> None:
    any_page.goto(site_url(path))

    expect(any_page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(any_page).to_have_title(re.compile(f"{DASH} Give feedback {DASH} Northfield Council$"))
    expect(any_page.locator("html")).to_have_attribute("lang", "en-GB")
    screenshot(any_page, "page")
    axe(any_page)


def test_the_pages_use_the_council_brand_not_gov_uk(
    page: Page, site_url: Callable[[str], str]
) -> None:
    page.goto(site_url("/"))

    font = page.locator("h1").evaluate("element => getComputedStyle(element).fontFamily")
    assert font == "arial, sans-serif"
    expect(page.locator(".govuk-generic-header")).to_contain_text("Northfield Council")
    expect(page.locator(".govuk-header__logotype, .govuk-footer__crown")).to_have_count(0)
    expect(page.get_by_text("Crown copyright")).to_have_count(0)


def test_the_footer_links_to_the_accessibility_statement_and_privacy_notice(
    any_page: Page, site_url: Callable[[str], str]
) -> None:
    any_page.goto(site_url("/"))

    footer = any_page.locator("footer")
    footer.get_by_role("link", name="Accessibility statement").click()
    expect(any_page).to_have_url(site_url("/accessibility/"))
    footer.get_by_role("link", name="Privacy notice").click()
    expect(any_page).to_have_url(site_url("/privacy/"))


def test_the_javascript_components_start(page: Page, site_url: Callable[[str], str]) -> None:
    page.goto(site_url("/"))

    expect(page.locator("body")).to_have_class(
        "govuk-template__body js-enabled govuk-frontend-supported"
    )
    # GOV.UK Frontend marks each component it initialised.
    expect(page.locator(".govuk-button[data-govuk-button-init]")).to_have_count(1)


def test_the_start_page_works_with_the_keyboard_only(
    page: Page,
    site_url: Callable[[str], str],
    keyboard: Keyboard,
    screenshot: Callable[[Page, str], Path],
) -> None:
    page.goto(site_url("/"))

    skip_link = page.get_by_role("link", name="Skip to main content")
    assert keyboard.tab_to(page, skip_link) == 1, "the skip link must be the first stop"
    keyboard.assert_visible_focus(page, skip_link)
    page.keyboard.press("Enter")

    start = page.get_by_role("button", name="Start now")
    keyboard.tab_to(page, start)
    keyboard.assert_visible_focus(page, start)
    screenshot(page, "start-button-focused")

    page.keyboard.press("Enter")
    expect(page).to_have_url(site_url("/feedback/"))
