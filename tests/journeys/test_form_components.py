"""A form page built from the component partials: with errors it stays accessible, keeps
what was typed, and its error summary takes people to each field."""

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.urls("tests.journeys.gallery_urls")]

DASH = "\N{EN DASH}"


def test_an_empty_form_page_is_accessible(
    any_page: Page,
    site_url: Callable[[str], str],
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    any_page.goto(site_url("/gallery/"))

    screenshot(any_page, "empty")
    axe(any_page)


def test_a_form_page_with_errors_is_accessible_and_keeps_what_was_typed(
    any_page: Page,
    site_url: Callable[[str], str],
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    any_page.goto(site_url("/gallery/"))
    any_page.get_by_label("Email address").fill("not an email")
    any_page.get_by_label("Year").fill("2026")
    any_page.get_by_role("button", name="Send feedback").click()

    expect(any_page).to_have_title(re.compile(f"^Error: Tell us about your feedback {DASH} "))
    summary = any_page.locator(".govuk-error-summary")
    expect(summary.get_by_role("link")).to_have_count(5)
    expect(any_page.get_by_label("Email address")).to_have_value("not an email")
    expect(any_page.get_by_label("Year")).to_have_value("2026")
    screenshot(any_page, "errors")
    axe(any_page)


def test_the_error_summary_takes_focus_and_links_to_each_field(
    page: Page, site_url: Callable[[str], str]
) -> None:
    page.goto(site_url("/gallery/"))
    page.get_by_role("button", name="Send feedback").click()

    # GOV.UK Frontend moves focus to the summary so screen readers announce it.
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    for target in ("id_full_name", "id_details", "id_kind", "id_became_aware-day"):
        summary.locator(f'a[href="#{target}"]').click()
        expect(page.locator(f"#{target}")).to_be_focused()


def test_a_valid_form_shows_the_confirmation_components(
    any_page: Page,
    site_url: Callable[[str], str],
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    any_page.goto(site_url("/gallery/"))
    any_page.get_by_label("Full name").fill("Ada Resident")
    any_page.get_by_label("What happened?").fill("The bin was not collected.")
    any_page.get_by_label("Comment").check()
    any_page.get_by_label("Braille").check()
    any_page.get_by_label("Day").fill("3")
    any_page.get_by_label("Month").fill("11")
    any_page.get_by_label("Year").fill("2026")
    any_page.get_by_role("button", name="Send feedback").click()

    expect(any_page.locator(".govuk-panel__title")).to_have_text("Feedback sent")
    expect(any_page.get_by_label("Comment")).to_be_checked()
    screenshot(any_page, "sent")
    axe(any_page)
