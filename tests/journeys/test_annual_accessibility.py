"""axe-core (WCAG 2.2 AA) finds nothing on the reports hub, the annual complaints report,
the governance pack, and the governing body's response form showing an error."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.journeys.test_reports_accessibility import as_role, world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["as_role", "world"]  # the fixtures: the data set and a signed-in browser


def test_the_hub_the_annual_report_the_pack_and_a_form_with_an_error_have_no_violations(
    as_role: Callable[[str], Page],
    site_url: Callable[[str], str],
    axe: Callable[[Page], None],
) -> None:
    page = as_role("insight")
    page.goto(site_url("/staff/reports/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Reports")
    axe(page)
    page.get_by_role(
        "link", name="Annual complaints performance and service improvement report"
    ).click()
    page.get_by_label("Year").select_option("2025")
    page.get_by_role("button", name="Show the report").click()
    expect(page.locator("#section-f")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Record the governing body's response").click()
    page.get_by_role("button", name="Save the response").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe(page)
    page.goto(site_url("/staff/reports/governance-pack/?quarter=2025-Q2"))
    expect(page.locator("#determinations")).to_be_visible()
    axe(page)
