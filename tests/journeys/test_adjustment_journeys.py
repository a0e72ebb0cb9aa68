"""Reasonable adjustments in a real browser: recorded, reviewed and ended from the case
page, the BSL banner and the post queue's transcription flag, with axe (WCAG 2.2 AA) on each
page and its error state."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from putright.cases import services
from putright.cases.models import ReasonableAdjustment
from putright.cases.services import PersonDetails
from putright.core import clock
from putright.letters import workflows
from tests.journeys.test_staff_journeys import council, sign_in, tab  # noqa: F401
from tests.staff.personas import Council, complaint_at_stage1, complaint_new

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_date(page: Page, day: dt.date) -> None:
    page.get_by_label("Day", exact=True).fill(str(day.day))
    page.get_by_label("Month").fill(str(day.month))
    page.get_by_label("Year").fill(str(day.year))


def test_an_adjustment_added_reviewed_and_ended_from_the_case_page(
    council: Council,  # noqa: F811
    tab: Callable[[], Page],  # noqa: F811
    site_url: Callable[[str], str],
    axe: Callable[[Page], None],
) -> None:
    case = complaint_at_stage1(council)
    today = clock.today()
    page = tab()
    sign_in(page, site_url, council, "priya")
    page.goto(site_url(f"/staff/cases/{case.reference}/"))
    panel = page.locator("#actions-panel")
    panel.get_by_role("link", name="Record a reasonable adjustment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a reasonable adjustment")
    axe(page)

    page.get_by_role("button", name="Record the adjustment").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe(page)

    page.get_by_label("British Sign Language").check()
    fill_date(page, today + dt.timedelta(days=30))
    page.get_by_role("button", name="Record the adjustment").click()
    banner = page.get_by_role("region", name="Reasonable adjustment 1")
    expect(banner).to_contain_text("book a British Sign Language interpreter")
    axe(page)

    panel.get_by_role("link", name="Review the adjustment").click()
    page.get_by_role("button", name="Keep it, with the next review date").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe(page)
    fill_date(page, today + dt.timedelta(days=180))
    page.get_by_label("What the person told us").fill("Still needs BSL for calls")
    page.get_by_role("button", name="Keep it, with the next review date").click()
    expect(page.get_by_text("Review recorded.")).to_be_visible()

    panel.get_by_role("link", name="End the adjustment").click()
    axe(page)
    page.get_by_label("Why the adjustment ends").fill("No longer needed")
    page.get_by_role("button", name="End the adjustment").click()
    expect(page.get_by_text("Adjustment ended.")).to_be_visible()
    expect(page.get_by_role("region", name="Reasonable adjustment 1")).to_have_count(0)
    assert ReasonableAdjustment.objects.get(person_id=case.person_id).ended_on == today


def test_the_post_queue_shows_letters_for_transcription(
    council: Council,  # noqa: F811
    tab: Callable[[], Page],  # noqa: F811
    site_url: Callable[[str], str],
    axe: Callable[[Page], None],
) -> None:
    reader = PersonDetails(
        name="Arthur Penrose", email="arthur.penrose@example.org", address="14 Station Road"
    )
    case = complaint_new(council, person=reader)
    actor = council["complaints"].actor
    services.adjustment_add(case=case, actor=actor, kind="braille")
    case.refresh_from_db()
    workflows.acknowledge_and_issue(
        case=case, actor=actor, issues=["Boiler"], outcomes_sought="Fix"
    )
    page = tab()
    sign_in(page, site_url, council, "complaints")
    page.goto(site_url("/staff/letters/post/"))
    expect(page.get_by_text("For transcription: Braille")).to_be_visible()
    axe(page)
