"""Follow your case in a real browser: ask for a link, open it from the email, see the
case, ask for stage 2, withdraw, add information, download a letter; then find each
result in the database, field by field. Every page and error state: axe and a screenshot."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from putright.cases.models import (
    Case,
    CaseLink,
    ComplaintIssue,
    Contact,
    Officer,
    Service,
    StageRecord,
    TimelineEvent,
)
from putright.core import clock
from putright.letters.models import IssuedLetter
from putright.notifications.models import OutboxMessage
from tests.cases.conftest import naive_add_working_days as add
from tests.cases.factories import OfficerFactory
from tests.journeys.public.pages import Visit, choose, fill, press
from tests.public.cases import acknowledged, letter_sent, responded, submitted
from tests.public.journey_data import PDF

pytestmark = pytest.mark.browser
Url = Callable[[str], str]
Check = Callable[[Page], None]
Shot = Callable[[Page, str], Path]


@pytest.fixture
def officer(transactional_db: None) -> Officer:
    return OfficerFactory(name="Sam Patel")


def words(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def link_from_mail(reference: str) -> str:
    """The sign-in link, read from the email as sent (Django's test outbox)."""
    sent = [m for m in mail.outbox if m.subject == f"Your link to follow {reference}"]
    assert sent, [m.subject for m in mail.outbox]
    found = re.search(r"(http://\S+/follow/sign-in/\S+/)", sent[-1].body)
    assert found is not None
    return found.group(1)


def sign_in(page: Page, site_url: Url, case: Case, visit: Visit | None = None) -> str:
    page.goto(site_url("/follow/"))
    if visit:
        visit.heading("Follow your feedback")
        visit.check("follow-start")
        press(page, "Send me a link")
        expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your reference number")
        visit.check("follow-start-errors")
    fill(page, "Reference number", case.reference)
    fill(page, "Email address", "ada@example.org")
    press(page, "Send me a link")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    if visit:
        visit.check("check-your-email")
    link = link_from_mail(case.reference)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("See your feedback")
    if visit:
        visit.check("sign-in-link")
    press(page, "Continue")
    expect(page).to_have_url(site_url("/follow/case/"))
    return link


def test_follow_the_case_from_the_emailed_link_and_ask_for_stage_2(
    any_page: Page,
    site_url: Url,
    axe: Check,
    screenshot: Shot,
    council_services: dict[str, Service],
    officer: Officer,
) -> None:
    page = any_page
    visit = Visit(page, axe, screenshot)
    today = clock.today()
    case = responded(acknowledged(submitted(council_services["waste"]), officer), officer)
    letter_sent(case, "Our response to your complaint")

    link = sign_in(page, site_url, case, visit)

    visit.heading("Your complaint")
    visit.check("case")
    content = page.locator("main")
    expect(content).to_contain_text("Stage 1")
    expect(content).to_contain_text("We have replied")
    expect(content).to_contain_text("The bin was missed three weeks running.")
    expect(content).to_contain_text("Nobody called me back")
    expect(content).to_contain_text("Collect it and say sorry")
    expect(content).to_contain_text(f"We replied on {words(today)}.")
    expect(content).to_contain_text(f"You can ask for stage 2 until {words(add(today, 20))}.")
    expect(content).to_contain_text("Our response to your complaint")
    expect(page.get_by_role("link", name="Download stage-1-response.pdf")).to_be_visible()

    page.get_by_role("link", name="Ask for stage 2").click()
    visit.heading("Ask for stage 2")
    visit.check("ask-for-stage-2")
    fill(page, "Is there anything you want to tell us? (optional)", "The bin is still missed")
    press(page, "Ask for stage 2")

    expect(page.locator(".govuk-notification-banner")).to_contain_text("You have asked for stage 2")
    visit.check("case-after-stage-2")
    case.refresh_from_db()
    assert (case.status, case.stage) == ("escalation_requested", 1)
    record = StageRecord.objects.get(case=case, number=2)
    assert record.requested_on == today
    assert record.request_channel == "web"
    assert record.request_context == "The bin is still missed"
    assert record.discretion_reason == ""
    event = TimelineEvent.objects.filter(case=case).last()
    assert event is not None
    assert (event.action, event.actor_label) == ("request_escalation", "The person, online")
    assert event.after["context"] == "The bin is still missed"
    receipt = OutboxMessage.objects.get(kind="public_escalation_receipt")
    assert (receipt.to_address, receipt.case_reference) == ("ada@example.org", case.reference)

    # The link worked once.
    page.goto(link)
    visit.heading("This link has stopped working")
    visit.check("link-used")


def test_a_late_request_for_stage_2_is_taken_for_a_decision(
    page: Page,
    site_url: Url,
    axe: Check,
    screenshot: Shot,
    council_services: dict[str, Service],
    officer: Officer,
) -> None:
    visit = Visit(page, axe, screenshot)
    long_ago = clock.today() - dt.timedelta(days=90)
    case = submitted(council_services["waste"], received=long_ago)
    case = acknowledged(case, officer, on=long_ago + dt.timedelta(days=1))
    case = responded(case, officer, on=long_ago + dt.timedelta(days=10))
    sign_in(page, site_url, case)

    page.get_by_role("link", name="Ask for stage 2").click()
    expect(page.locator(".govuk-inset-text")).to_contain_text("You can still ask")
    visit.check("ask-for-stage-2-late")
    press(page, "Ask for stage 2")

    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "We have your request for stage 2. A manager will decide whether to take it"
    )
    visit.check("case-after-late-request")
    case.refresh_from_db()
    assert case.status == "responded"
    late = Contact.objects.get(case=case, kind="late_escalation_request")
    assert (late.channel, late.person_id, late.service_id) == (
        "web",
        case.person_id,
        case.service_id,
    )
    assert late.triage_reason.startswith("Request for the next stage after the window")
    event = TimelineEvent.objects.filter(case=case).last()
    assert event is not None and event.action == "escalation_requested_late"


def test_withdraw_the_complaint(
    any_page: Page,
    site_url: Url,
    axe: Check,
    screenshot: Shot,
    council_services: dict[str, Service],
    officer: Officer,
) -> None:
    page = any_page
    visit = Visit(page, axe, screenshot)
    case = acknowledged(submitted(council_services["waste"]), officer)
    sign_in(page, site_url, case)

    page.get_by_role("link", name="Withdraw your complaint").click()
    visit.heading("Are you sure you want to withdraw your complaint?")
    visit.check("withdraw")
    press(page, "Withdraw complaint")

    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "You have withdrawn your complaint"
    )
    visit.check("case-withdrawn")
    case.refresh_from_db()
    assert (case.status, case.closed_on, case.next_deadline_on) == (
        "withdrawn",
        clock.today(),
        None,
    )
    event = TimelineEvent.objects.get(case=case, action="withdraw")
    assert (event.actor_label, event.after["channel"]) == ("The person, online", "web")
    # Acknowledged in writing: the letter is kept on the case and emailed with its PDF.
    letter = IssuedLetter.objects.get(case=case)
    assert (letter.kind, letter.to_address) == ("withdrawal_acknowledgement", "ada@example.org")
    assert OutboxMessage.objects.filter(
        kind="letter:withdrawal_acknowledgement", case_reference=case.reference
    ).exists()
    expect(page.locator("main")).to_contain_text("Withdrawal acknowledgement")


def test_add_information_to_the_complaint(
    any_page: Page,
    site_url: Url,
    axe: Check,
    screenshot: Shot,
    council_services: dict[str, Service],
    officer: Officer,
) -> None:
    page = any_page
    visit = Visit(page, axe, screenshot)
    case = acknowledged(submitted(council_services["waste"]), officer)
    sign_in(page, site_url, case)

    page.get_by_role("link", name="Tell us something more").click()
    visit.heading("Tell us something more")
    visit.check("add-information")
    press(page, "Send")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter what you want to tell us")
    expect(summary).to_contain_text("Select whether it is about the same problem")
    visit.check("add-information-errors")
    fill(page, "What do you want to tell us?", "The crew also blocked my drive")
    choose(page, "Yes, it is about the same problem")
    press(page, "Send")

    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "We have added this to your complaint"
    )
    expect(page.locator("main")).to_contain_text("The crew also blocked my drive")
    visit.check("case-after-information")
    issue = ComplaintIssue.objects.get(definition__case=case, number=3)
    assert issue.text == "The crew also blocked my drive"
    joined = CaseLink.objects.get(to_case=case)
    assert joined.kind == "related"
    new = Case.objects.get(pk=joined.from_case_id)
    assert (new.status, new.person_id) == ("closed", case.person_id)
    assert Contact.objects.filter(case=case, text="The crew also blocked my drive").exists()


def test_download_a_letter_and_an_own_file(
    page: Page,
    site_url: Url,
    council_services: dict[str, Service],
    officer: Officer,
    tmp_path: Path,
) -> None:
    from putright.cases.services import SYSTEM
    from putright.letters.workflows import acknowledge_and_issue

    case = submitted(council_services["waste"], with_file=True)
    issued = acknowledge_and_issue(
        case=case,
        actor=SYSTEM,
        issues=["The bin was missed"],
        outcomes_sought="Collect it",
        officer=officer,
    )
    letter_sent(case, "Acknowledgement letter")
    sign_in(page, site_url, case)
    with page.expect_download() as issued_pdf:
        page.get_by_role("link", name=f"Download {issued.filename} (PDF)").click()
    assert issued_pdf.value.suggested_filename == issued.filename

    with page.expect_download() as letter:
        page.get_by_role("link", name="Download stage-1-response.pdf").click()
    with page.expect_download() as own:
        page.get_by_role("link", name="photo.pdf", exact=True).click()

    assert letter.value.suggested_filename == "stage-1-response.pdf"
    assert own.value.suggested_filename == "photo.pdf"
    saved = tmp_path / "letter.pdf"
    letter.value.save_as(saved)
    assert saved.read_bytes() == PDF
