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
