"""Back-office journeys in a real browser: a complaint from triage through stage 1 and
stage 2 to closure by two different officers, the same officer refused at stage 2, and an
extension past the maximum refused without a good reason."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django_otp.plugins.otp_static.models import StaticDevice
from playwright.sync_api import Browser, Page, expect

from putright.cases import services
from putright.cases.models import Case, Extension, StageRecord
from putright.core import clock
from putright.core.policy import working_calendar
from putright.policy.lifecycle import Decision, IssueDecision, ResponseContent
from tests.journeys.conftest import VIEWPORT
from tests.staff.personas import (
    PASSWORD,
    Council,
    complaint_at_stage1,
    complaint_new,
    council_create,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def council(transactional_db: None) -> Council:
    return council_create()


@pytest.fixture
def tab(browser: Browser, live_server: Any) -> Iterator[Callable[[], Page]]:
    """`tab()`: a new browser tab with its own cookies (one person each)."""
    contexts = []

    def open_tab() -> Page:
        context = browser.new_context(viewport=VIEWPORT, locale="en-GB")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield open_tab
    for context in contexts:
        context.close()


_codes = iter(range(10_000))


def sign_in(page: Page, site_url: Callable[[str], str], council: Council, key: str) -> None:
    """Sign in through the two steps, with a fresh backup code."""
    persona = council[key]
    code = f"code{next(_codes):04d}{persona.username[:4]}"
    StaticDevice.objects.get(user=persona.user).token_set.create(token=code)
    page.goto(site_url("/staff/login/"))
    page.get_by_label("Username").fill(persona.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Security code").fill(code)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def open_case(page: Page, site_url: Callable[[str], str], case: Case) -> None:
    page.goto(site_url(f"/staff/cases/{case.reference}/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(case.reference)


def action(page: Page, name: str) -> None:
    page.locator("#actions-panel").get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def write_response(page: Page, *, issues: int) -> None:
    page.get_by_role("group", name="(c) The decision overall").get_by_label("Partly upheld").check()
    for n in range(1, issues + 1):
        page.get_by_role("group", name=f"Decision on issue {n}").get_by_label(
            "Upheld", exact=True
        ).check()
        page.get_by_label(f"Reasons on issue {n}").fill("Our records show the visit was missed.")
    page.get_by_label("(d) The reasons for the decision").fill(
        "The repairs policy promises an inspection within 5 working days."
    )
    page.get_by_label("Remedy 1: kind").select_option(label="Apology")
    page.get_by_label("Remedy 1: what is offered").fill("We apologise for the missed visit")
    page.get_by_label("Remedy 2: kind").select_option(label="Financial: time, trouble and distress")
    page.get_by_label("Remedy 2: what is offered").fill("A payment for your time and trouble")
    page.get_by_label("Remedy 2: amount in pounds (financial remedies)").fill("50")
    page.get_by_label("(f) There are no outstanding actions").check()
    page.get_by_role("button", name="Issue the response").click()


def test_stage_1_to_stage_2_to_closure_by_two_different_officers(
    tab: Callable[[], Page],
    site_url: Callable[[str], str],
    council: Council,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    contact = complaint_new(council)
    team = tab()
    sign_in(team, site_url, council, "complaints")

    # The complaints team triages the new contact and acknowledges it, for Priya.
    team.goto(site_url("/staff/inbox/"))
    team.get_by_role("link", name=contact.reference).click()
    team.get_by_role("group", name="Classify as").get_by_label("Complaint", exact=True).check()
    team.get_by_label("Reason for the classification").fill("Unhappy that the repair was not done")
    team.get_by_role("button", name="Classify").click()
    action(team, "Acknowledge and define the complaint")
    team.get_by_label("Investigating officer (optional)").select_option(
        label="Priya Shah, Manager, Housing repairs"
    )
    team.get_by_role("button", name="Acknowledge the complaint").click()
    expect(team.locator(".govuk-notification-banner--success")).to_be_visible()

    # Priya writes the stage 1 response.
    priya = tab()
    sign_in(priya, site_url, council, "priya")
    priya.get_by_role("link", name=contact.reference).click()
    action(priya, "Write and issue the response")
    axe(priya)
    write_response(priya, issues=1)
    expect(priya.locator(".govuk-notification-banner--success")).to_be_visible()
    expect(priya.get_by_role("heading", level=1)).to_contain_text("Responded")

    # The person asks for stage 2; the team records it and gives stage 2 to Tom.
    open_case(team, site_url, contact)
    action(team, "Record a request for the next stage")
    team.get_by_role("group", name="How did the person ask?").get_by_label("Phone").check()
    team.get_by_role("button", name="Record the request").click()
    action(team, "Acknowledge the request and allocate the next stage")
    team.get_by_label("Officer").select_option(label="Tom Okafor, Manager, Housing repairs")
    team.get_by_role("button", name="Acknowledge and allocate").click()
    expect(team.locator(".govuk-notification-banner--success")).to_be_visible()

    # Tom writes the final response and closes the case.
    tom = tab()
    sign_in(tom, site_url, council, "tom")
    tom.get_by_role("link", name=contact.reference).click()
    action(tom, "Write and issue the response")
    expect(tom.get_by_label("(g) How to escalate")).to_contain_text("Housing Ombudsman")
    write_response(tom, issues=1)
    expect(tom.locator(".govuk-notification-banner--success")).to_be_visible()
    action(tom, "Close the case")
    tom.get_by_role("button", name="Close the case").click()
    expect(tom.get_by_role("heading", level=1)).to_contain_text("Closed")
    screenshot(tom, "closed")
    axe(tom)

    stages = {s.number: s.officer for s in StageRecord.objects.filter(case=contact)}
    assert stages == {1: council["priya"].officer, 2: council["tom"].officer}
    contact.refresh_from_db()
    assert contact.status == "closed"


def _escalated(council: Council) -> Case:
    """A housing complaint answered at stage 1 by Priya, the person asking for stage 2."""
    case = complaint_at_stage1(council, officer="priya")
    case = services.stage_respond(
        case=case,
        actor=council["priya"].actor,
        content=ResponseContent(
            stage=1,
            complaint_definition="Black mould; nobody came to inspect",
            decision=Decision.NOT_UPHELD,
            issues=tuple(
                IssueDecision(text, Decision.NOT_UPHELD, "No fault found")
                for text in ("Black mould in the bedroom", "Nobody came to inspect")
            ),
            reasons="We inspected and found condensation, not a leak.",
            no_remedy_reason="No fault was found.",
            no_outstanding_actions=True,
            how_to_escalate="Ask for stage 2 within 20 working days.",
        ),
    )
    return services.escalation_request(
        case=case, actor=council["complaints"].actor, channel="email"
    )


def test_the_same_officer_is_refused_at_stage_2_with_a_clear_message(
    page: Page,
    site_url: Callable[[str], str],
    council: Council,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    case = _escalated(council)
    sign_in(page, site_url, council, "complaints")
    open_case(page, site_url, case)
    action(page, "Acknowledge the request and allocate the next stage")

    page.get_by_label("Officer").select_option(label="Priya Shah, Manager, Housing repairs")
    page.get_by_role("button", name="Acknowledge and allocate").click()

    message = (
        "This officer dealt with the complaint at stage 1, so they cannot consider it at "
        "stage 2. Choose an officer who has not been involved."
    )
    expect(page.locator(".govuk-error-summary")).to_contain_text(message)
    expect(page.locator("#id_officer-error")).to_contain_text(message)
    expect(page).to_have_title(f"Error: {page.title().removeprefix('Error: ')}")
    screenshot(page, "refused")
    axe(page)
    case.refresh_from_db()
    assert case.status == "escalation_requested"
    assert not StageRecord.objects.filter(case=case, number=2, officer__isnull=False).exists()


def test_an_extension_past_the_maximum_without_a_reason_is_refused(
    any_page: Page,
    site_url: Callable[[str], str],
    council: Council,
    axe: Callable[[Page], None],
) -> None:
    case = complaint_at_stage1(council, officer="priya")
    beyond = working_calendar().add_working_days(clock.today(), 25)  # the maximum is 20
    sign_in(any_page, site_url, council, "priya")
    open_case(any_page, site_url, case)
    action(any_page, "Extend the response date")

    def submit(reason: str, good_reason: str) -> None:
        dates = any_page.get_by_role("group", name="New response date")
        dates.get_by_label("Day").fill(str(beyond.day))
        dates.get_by_label("Month").fill(str(beyond.month))
        dates.get_by_label("Year").fill(str(beyond.year))
        any_page.get_by_label("Reason for the extension").fill(reason)
        any_page.get_by_label("Good reason to go beyond the maximum (only if it does)").fill(
            good_reason
        )
        any_page.get_by_role("button", name="Extend").click()

    submit("", "")
    expect(any_page.locator(".govuk-error-summary")).to_contain_text(
        "Record the reason for the extension"
    )
    submit("Waiting for a specialist damp survey", "")
    expect(any_page.locator(".govuk-error-summary")).to_contain_text(
        "Going beyond it needs a good reason, recorded."
    )
    expect(any_page.locator("#id_good_reason-error")).to_be_visible()
    axe(any_page)
    assert not Extension.objects.filter(stage__case=case).exists()

    submit("Waiting for a specialist damp survey", "The only surveyor is booked until then")
    expect(any_page.locator(".govuk-notification-banner--success")).to_be_visible()
    assert Extension.objects.get(stage__case=case).good_reason_beyond_maximum
