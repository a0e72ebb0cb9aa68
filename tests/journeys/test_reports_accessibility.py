"""axe-core (WCAG 2.2 AA) finds nothing on the reports pages, for each role that reads them,
with figures, with the cases behind a figure, and with a bad filter."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, Page, expect

from putright.cases import services
from putright.cases.models import Category, RootCause
from putright.cases.taxonomy import taxonomy_defaults_install
from tests.journeys.conftest import VIEWPORT
from tests.reports.dataset import build
from tests.staff.personas import complaint_new, council_create, signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(transactional_db: None) -> Any:
    taxonomy_defaults_install(Category, RootCause)  # the flush removed the migration's rows
    council = council_create()
    build(council)
    new = complaint_new(council)
    services.contact_triage(case=new, actor=council["complaints"].actor, kind="complaint")
    return council, new


@pytest.fixture
def as_role(browser: Browser, live_server: Any, world: Any) -> Iterator[Callable[[str], Page]]:
    contexts = []

    def open_as(key: str) -> Page:
        client = signed_in(Client(), world[0][key])
        context = browser.new_context(viewport=VIEWPORT, locale="en-GB")
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield open_as
    for context in contexts:
        context.close()


@pytest.mark.parametrize("role", ["insight", "manager", "governance", "complaints"])
def test_the_dashboard_has_no_accessibility_violations(
    role: str,
    as_role: Callable[[str], Page],
    site_url: Callable[[str], str],
    axe: Callable[[Page], None],
) -> None:
    page = as_role(role)
    page.goto(site_url("/staff/reports/performance/?period=2025"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    axe(page)
    if role != "manager":
        page.goto(site_url("/staff/reports/tenant-satisfaction/?period=2025"))
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        axe(page)


def test_the_cases_behind_a_figure_and_a_bad_filter_have_no_violations(
    as_role: Callable[[str], Page],
    site_url: Callable[[str], str],
    axe: Callable[[Page], None],
) -> None:
    page = as_role("insight")
    page.goto(site_url("/staff/reports/performance/?period=2025"))
    page.locator("#volumes_service a").first.click()
    expect(page.locator("#cases-behind")).to_be_visible()
    axe(page)
    page.goto(site_url("/staff/reports/performance/?period=1999"))
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe(page)
    page.goto(site_url("/staff/reports/learning/?period=2025"))
    expect(page.locator("#learning-improvements")).to_be_visible()
    axe(page)


def test_the_acknowledgement_form_with_its_categories_has_no_violations(
    world: Any,
    as_role: Callable[[str], Page],
    site_url: Callable[[str], str],
    axe: Callable[[Page], None],
) -> None:
    page = as_role("complaints")
    page.goto(site_url(f"/staff/cases/{world[1].reference}/acknowledge/"))
    expect(page.get_by_label("Category (optional)")).to_be_visible()
    axe(page)


def test_the_satisfaction_survey_pages_have_no_accessibility_violations(
    world: Any, page: Page, site_url: Callable[[str], str], axe: Callable[[Page], None]
) -> None:
    from putright.cases.services.survey import satisfaction_survey_create

    _, token = satisfaction_survey_create(case=world[1])
    page.goto(site_url(f"/satisfaction/{token}/"))
    axe(page)
    page.get_by_role("button", name="Send my answer").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe(page)
    page.get_by_label("Fairly satisfied").check()
    page.get_by_role("button", name="Send my answer").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thank you")
    axe(page)
    page.goto(site_url(f"/satisfaction/{token}/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("already been used")
    axe(page)


def test_the_self_assessment_its_edit_page_with_an_error_and_its_history_have_no_violations(
    as_role: Callable[[str], Page],
    site_url: Callable[[str], str],
    axe: Callable[[Page], None],
) -> None:
    page = as_role("insight")
    base = "/staff/reports/self-assessment/"
    page.goto(site_url(f"{base}?code=housing_ombudsman&period=2025"))
    expect(page.locator("#assessment-summary")).to_be_visible()
    axe(page)
    page.goto(site_url(f"{base}housing_ombudsman/2025/6.2/"))
    page.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Save the answer").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Housing Ombudsman Code 8.5")
    axe(page)
    page.get_by_label("Yes", exact=True).check()
    page.get_by_label("Evidence").fill("Complaints policy, section 4")
    page.get_by_role("button", name="Save the answer").click()
    expect(page.locator("#assessment-summary")).to_be_visible()
    page.goto(site_url(f"{base}housing_ombudsman/2025/6.2/history/"))
    expect(page.locator("#answer-history")).to_contain_text("Complaints policy, section 4")
    axe(page)
