"""Children's social care on the case page in a real browser: the stage 3 review panel
arranged after a chair who is not independent is refused, and a decision frozen and lifted,
with axe (WCAG 2.2 AA) on each page and its error state."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from putright.cases.models import FrozenDecision, Officer, PanelReview
from putright.core import clock
from putright.core.policy import working_calendar
from putright.letters.models import IssuedLetter
from tests.journeys.test_staff_journeys import council, sign_in, tab  # noqa: F401
from tests.staff.personas import Council
from tests.staff.test_childrens_pages import childrens_at_stage3

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_review_panel_arranged_after_a_chair_who_is_not_independent_is_refused(
    council: Council,  # noqa: F811
    tab: Callable[[], Page],  # noqa: F811
    site_url: Callable[[str], str],
    axe: Callable[[Page], None],
) -> None:
    case = childrens_at_stage3(council)
    Officer.objects.create(name="Asha Verma", is_independent=True)
    Officer.objects.create(name="Colin Reid", is_independent=True)
    day = working_calendar().add_working_days(clock.today(), 10)
    page = tab()
    sign_in(page, site_url, council, "complaints")
    page.goto(site_url(f"/staff/cases/{case.reference}/"))
    expect(page.get_by_role("heading", name="Children's social care")).to_be_visible()
    axe(page)

    page.get_by_role("link", name="Arrange the review panel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Arrange the review panel")
    axe(page)
    button = page.get_by_role("button", name="Arrange the panel and send the invitations")
    button.click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe(page)

    page.get_by_label("Chair").select_option(label="Priya Shah, Manager, Housing repairs")
    page.get_by_label("First independent person").select_option(label="Asha Verma (independent)")
    page.get_by_label("Second independent person").select_option(label="Colin Reid (independent)")
    page.get_by_label("Day", exact=True).fill(str(day.day))
    page.get_by_label("Month").fill(str(day.month))
    page.get_by_label("Year").fill(str(day.year))
    button.click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Stage 3 needs an independent chair"
    )
    axe(page)
    assert PanelReview.objects.get(case=case).chair_id is None

    page.get_by_label("Chair").select_option(label="Ian Fletcher (independent)")
    button.click()
    expect(
        page.get_by_text("Review panel arranged and the invitations sent by letter.")
    ).to_be_visible()
    expect(page.locator("#review-panel")).to_contain_text("Asha Verma and Colin Reid")
    axe(page)
    assert IssuedLetter.objects.filter(case=case, kind="panel_invitation").exists()


def test_a_decision_frozen_and_lifted(
    council: Council,  # noqa: F811
    tab: Callable[[], Page],  # noqa: F811
    site_url: Callable[[str], str],
    axe: Callable[[Page], None],
) -> None:
    case = childrens_at_stage3(council)
    page = tab()
    sign_in(page, site_url, council, "complaints")
    page.goto(site_url(f"/staff/cases/{case.reference}/"))
    page.get_by_role("link", name="Record a frozen decision").click()
    axe(page)
    page.get_by_role("button", name="Record it").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe(page)
    page.get_by_label("The decision that is frozen").fill("Move to a new placement")
    page.get_by_role("button", name="Record it").click()
    expect(page.get_by_text("Frozen decision recorded.")).to_be_visible()

    page.get_by_role("link", name="Lift the decision").click()
    axe(page)
    page.get_by_label("Day", exact=True).fill("")
    page.get_by_role("button", name="Lift the decision").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe(page)
    today = clock.today()
    page.get_by_label("Day", exact=True).fill(str(today.day))
    page.get_by_role("button", name="Lift the decision").click()
    expect(page.get_by_text("Frozen decision lifted.")).to_be_visible()
    assert FrozenDecision.objects.get(case=case).unfrozen_on == today


def test_the_representation_and_independent_person_pages_and_their_errors(
    council: Council,  # noqa: F811
    tab: Callable[[], Page],  # noqa: F811
    site_url: Callable[[str], str],
    axe: Callable[[Page], None],
) -> None:
    case = childrens_at_stage3(council)
    page = tab()
    sign_in(page, site_url, council, "complaints")
    page.goto(site_url(f"/staff/cases/{case.reference}/"))
    page.get_by_role("link", name="Record sufficient interest").click()
    axe(page)
    page.locator("input[name=sufficient_interest][value=no]").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Give the reasons")
    axe(page)

    page.goto(site_url(f"/staff/cases/{case.reference}/"))
    page.get_by_role("link", name="Record the stage 2 independent person").click()
    axe(page)
    page.get_by_role("button", name="Record the independent person").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe(page)
