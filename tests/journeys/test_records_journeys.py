"""The records pages in a real browser: closure days kept by the complaints team, with axe
(WCAG 2.2 AA) on each page and its error state."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from putright.cases.models import StageRecord, TimelineEvent
from putright.core import clock
from putright.core.policy import working_calendar
from tests.journeys.test_staff_journeys import council, sign_in, tab  # noqa: F401
from tests.staff.personas import Council, complaint_at_stage1

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def next_working_day() -> dt.date:
    return working_calendar().add_working_days(clock.today(), 1)


def test_a_closure_day_added_and_removed_moves_the_deadline_and_back(
    council: Council,  # noqa: F811
    tab: Callable[[], Page],  # noqa: F811
    site_url: Callable[[str], str],
    axe: Callable[[Page], None],
) -> None:
    case = complaint_at_stage1(council)
    was = StageRecord.objects.get(case=case, number=1).respond_by
    page = tab()
    sign_in(page, site_url, council, "complaints")
    page.get_by_role("link", name="Closure days").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Closure days and bank holidays")
    axe(page)

    page.get_by_role("button", name="Add the day and move deadlines").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe(page)

    day = next_working_day()
    page.get_by_label("Day", exact=True).fill(str(day.day))
    page.get_by_label("Month").fill(str(day.month))
    page.get_by_label("Year").fill(str(day.year))
    page.get_by_label("What the day is").fill("Council closure day")
    page.get_by_label("Council closure day").check()
    page.get_by_role("button", name="Add the day and move deadlines").click()
    expect(page.get_by_text("Deadlines moved on 1 open case(s)")).to_be_visible()
    axe(page)
    moved = StageRecord.objects.get(case=case, number=1).respond_by
    assert was is not None and moved == working_calendar().add_working_days(was, 1)

    page.get_by_role("button", name="Remove").click()
    expect(page.get_by_text("Day removed.")).to_be_visible()
    assert StageRecord.objects.get(case=case, number=1).respond_by == was
    assert TimelineEvent.objects.filter(case=case, action="deadlines_moved").count() == 2


def test_the_restricted_case_and_triage_flags_pages_have_no_accessibility_violations(
    council: Council,  # noqa: F811
    tab: Callable[[], Page],  # noqa: F811
    site_url: Callable[[str], str],
    axe: Callable[[Page], None],
) -> None:
    from putright.cases.services import PersonDetails
    from tests.staff.personas import complaint_new

    staff = PersonDetails(name="Alex Staffmember", email="alex@example.org", is_staff_member=True)
    restricted = complaint_new(council, person=staff, text="About my manager")
    case = complaint_new(council, text="The mould is back")
    page = tab()
    sign_in(page, site_url, council, "complaints")

    page.goto(site_url("/staff/inbox/"))
    row = page.get_by_role("row").filter(has_text=restricted.reference)
    expect(row).to_contain_text("Restricted")
    axe(page)
    row.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(restricted.reference)
    axe(page)
    page.get_by_role("button", name="Name them").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe(page)
    page.get_by_label("Who may work on it").select_option(
        label="Tom Okafor (Investigating officer)"
    )
    page.get_by_label("Why they need to see it").fill("Independent of the team involved")
    page.get_by_role("button", name="Name them").click()
    expect(page.get_by_text("Named: they can now open the case.")).to_be_visible()

    page.goto(site_url(f"/staff/inbox/{case.reference}/"))
    page.get_by_role("link", name="Set the triage flags").click()
    axe(page)
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Save the flags").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe(page)
    page.get_by_label("Why, and what officers should do").fill("Recently bereaved")
    page.get_by_label("Complex", exact=True).check()
    page.get_by_role("button", name="Save the flags").click()
    expect(page.get_by_text("Triage flags saved.")).to_be_visible()
    page.goto(site_url("/staff/inbox/"))
    expect(page.get_by_role("row").filter(has_text=case.reference)).to_contain_text("Vulnerable")
    axe(page)


def test_the_learning_pages_have_no_accessibility_violations(
    council: Council,  # noqa: F811
    tab: Callable[[], Page],  # noqa: F811
    site_url: Callable[[str], str],
    axe: Callable[[Page], None],
) -> None:
    case = complaint_at_stage1(council)
    page = tab()
    sign_in(page, site_url, council, "complaints")
    page.goto(site_url(f"/staff/cases/{case.reference}/"))
    page.locator("#actions-panel").get_by_role("link", name="Record a service improvement").click()
    axe(page)
    page.get_by_role("button", name="Record the improvement").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe(page)
    due = working_calendar().add_working_days(clock.today(), 30)
    page.get_by_label("The service improvement").fill("Surveyor within 10 working days")
    page.get_by_label("Theme").select_option("timeliness")
    page.get_by_label("Owner").select_option(label="Tom Okafor, Manager, Housing repairs")
    page.get_by_label("Day").fill(str(due.day))
    page.get_by_label("Month").fill(str(due.month))
    page.get_by_label("Year").fill(str(due.year))
    page.get_by_role("button", name="Record the improvement").click()
    expect(page.locator("#learning")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Learning log").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Learning log")
    axe(page)
    page.get_by_role("link", name="Record as complete").click()
    page.get_by_role("button", name="Record as complete").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe(page)


def test_the_restriction_pages_have_no_accessibility_violations(
    council: Council,  # noqa: F811
    tab: Callable[[], Page],  # noqa: F811
    site_url: Callable[[str], str],
    axe: Callable[[Page], None],
) -> None:
    from putright.cases import services

    case = complaint_at_stage1(council)
    today = clock.today()
    restriction = services.restriction_impose(
        case=case,
        actor=council["complaints"].actor,
        restriction="Email only",
        reason="Abusive calls",
        scope="phone",
        starts_on=today,
        review_on=today + dt.timedelta(days=30),
    )
    page = tab()
    sign_in(page, site_url, council, "complaints")
    page.goto(site_url(f"/staff/cases/{case.reference}/"))
    expect(page.get_by_role("region", name="Contact restriction 1")).to_be_visible()
    axe(page)
    page.locator("#actions-panel").get_by_role("link", name="Restrict contact").click()
    axe(page)
    page.get_by_role("button", name="Restrict contact and send the letter").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe(page)
    for action in ("review", "end"):
        page.goto(
            site_url(f"/staff/cases/{case.reference}/restrictions/{action}/{restriction.pk}/")
        )
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        axe(page)
