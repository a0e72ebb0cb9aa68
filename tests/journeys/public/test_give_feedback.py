"""Give feedback in a real browser, with JavaScript on and off, and with the keyboard
only; then find what was sent in the database, field by field. Every page and every
error state is checked with axe (WCAG 2.2 AA) and photographed."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings

from putright.cases.models import (
    Attachment,
    Case,
    Contact,
    EqualityMonitoring,
    Person,
    ReasonableAdjustment,
    Representative,
    Service,
    TimelineEvent,
)
from putright.core import clock
from putright.notifications.models import OutboxMessage
from tests.journeys.conftest import Keyboard
from tests.journeys.public.pages import Visit, choose, cont, fill, payload, press
from tests.public.journey_data import EXE, PDF, PNG

pytestmark = pytest.mark.browser
DASH = "\N{EN DASH}"
Url = Callable[[str], str]
Check = Callable[[Page], None]
Shot = Callable[[Page, str], Path]


def title(text: str) -> re.Pattern[str]:
    return re.compile(f"^{re.escape(text)} {DASH} Give feedback {DASH} Northfield Council$")


def test_give_feedback_for_myself_and_find_it_field_by_field(
    any_page: Page,
    site_url: Url,
    axe: Check,
    screenshot: Shot,
    council_services: dict[str, Service],
    media: Path,
) -> None:
    page = any_page
    visit = Visit(page, axe, screenshot)
    page.goto(site_url("/"))
    visit.check("start")
    page.get_by_role("button", name="Start now").click()

    expect(page).to_have_title(title("What do you want to do?"))
    visit.heading("What do you want to do?")
    visit.check("what-do-you-want-to-do")
    choose(page, "Make a complaint")
    cont(page)

    visit.heading("Which service is it about?")
    visit.check("service")
    choose(page, "Waste and recycling")
    cont(page)

    visit.heading("What happened?")
    visit.check("what-happened")
    fill(page, "What happened?", "The bin was missed three weeks running.")
    cont(page)

    visit.heading("When did you find out about the problem?")
    visit.check("when")
    fill(page, "Day", "2")
    fill(page, "Month", "11")
    fill(page, "Year", "2026")
    cont(page)

    visit.heading("What would you like us to do to put things right?")
    visit.check("outcome")
    fill(page, "What would you like us to do to put things right?", "Collect it and say sorry")
    cont(page)

    visit.heading("Are you giving feedback for someone else?")
    visit.check("someone-else")
    choose(page, "No")
    cont(page)

    visit.heading("Do you need us to do anything differently when we contact you?")
    visit.check("adjustments")
    choose(page, "Large print")
    choose(page, "An interpreter for another language")
    fill(page, "If you need an interpreter, which language?", "Polish")
    cont(page)

    visit.heading("How should we contact you?")
    visit.check("contact-method")
    choose(page, "Email")
    cont(page)

    visit.heading("How often would you like an update from us?")
    visit.check("contact-frequency")
    choose(page, "Every 2 weeks")
    cont(page)

    visit.heading("Your details")
    visit.check("your-details")
    fill(page, "Full name", "Ada Lovelace")
    fill(page, "Email address", "ada@example.org")
    fill(page, "Phone number (optional)", "07700 900123")
    fill(page, "Address (optional)", "1 High Street\nNorthfield")
    fill(page, "Postcode (optional)", "nf1 1aa")
    cont(page)

    visit.heading("Do you want to send us any files?")
    visit.check("attachments")
    page.get_by_label("Upload a file").set_input_files(payload("bin.pdf", PDF, "application/pdf"))
    press(page, "Upload file")
    expect(page.get_by_text("You have added 1 file")).to_be_visible()
    visit.check("attachments-one-file")
    cont(page)

    visit.heading("Check your answers before sending your feedback")
    visit.check("check-your-answers")
    answers = page.locator(".govuk-summary-list")
    for shown in (
        "Make a complaint",
        "Waste and recycling",
        "The bin was missed three weeks running.",
        "2 November 2026",
        "Collect it and say sorry",
        "Large print",
        "An interpreter for another language: Polish",
        "Every 2 weeks",
        "ada@example.org",
        "bin.pdf",
    ):
        expect(answers).to_contain_text(shown)
    press(page, "Send feedback")

    expect(page.locator(".govuk-panel__title")).to_have_text("Feedback sent")
    reference = page.locator(".govuk-panel__body strong").inner_text()
    visit.check("sent")

    # Field by field: what the browser sent is what the case record holds.
    case = Case.objects.get(reference=reference)
    assert (case.kind, case.channel, case.status, case.stage) == (
        "complaint",
        "web",
        "received",
        1,
    )
    assert case.service == council_services["waste"]
    assert case.received_on == clock.today()
    assert case.aware_on == dt.date(2026, 11, 2)
    assert case.summary == "The bin was missed three weeks running."
    person = Person.objects.get(pk=case.person_id)
    assert person.name == "Ada Lovelace"
    assert person.email == "ada@example.org"
    assert person.phone == "07700 900123"
    assert person.address == "1 High Street\nNorthfield"
    assert person.postcode == "NF1 1AA"
    assert person.preferred_contact_method == "email"
    assert person.contact_frequency == "Every 2 weeks"
    assert person.is_tenant_or_leaseholder is False
    contact = Contact.objects.get(case=case)
    assert contact.text == "The bin was missed three weeks running."
    assert contact.outcomes_sought == "Collect it and say sorry"
    assert contact.aware_on == dt.date(2026, 11, 2)
    assert (contact.channel, contact.kind) == ("web", "complaint")
    assert sorted(
        ReasonableAdjustment.objects.filter(person=person).values_list("kind", "detail")
    ) == [("interpreter", "Polish"), ("large_print", "")]
    assert not Representative.objects.filter(case=case).exists()
    (attachment,) = Attachment.objects.filter(correspondence__case=case)
    assert (attachment.original_name, attachment.content_type, attachment.size) == (
        "bin.pdf",
        "application/pdf",
        len(PDF),
    )
    assert Path(attachment.file.path).read_bytes() == PDF
    assert Path(attachment.file.path).is_relative_to(media)
    assert [e.action for e in TimelineEvent.objects.filter(case=case)] == [
        "contact_recorded",
        "adjustment_added",
        "adjustment_added",
    ]
    receipt = OutboxMessage.objects.get(case_reference=reference)
    assert (receipt.to_address, receipt.kind, receipt.state) == (
        "ada@example.org",
        "public_receipt",
        "sent",
    )
    assert any(reference in m.body for m in mail.outbox)

    # The optional equality questions, stored apart.
    page.get_by_role("button", name="Answer the equality questions").click()
    visit.heading("Equality questions")
    visit.check("equality")
    choose(page, "25 to 34")
    page.get_by_role("group", name="What is your ethnic group?").get_by_label(
        "Prefer not to say"
    ).check()
    press(page, "Send answers")
    visit.heading("Thank you")
    visit.check("thank-you")
    monitoring = EqualityMonitoring.objects.get(case=case)
    assert (monitoring.age_band, monitoring.ethnicity, monitoring.sex) == (
        "25_34",
        "prefer_not_to_say",
        "",
    )


def test_give_feedback_for_someone_else_with_their_consent_uploaded(
    page: Page,
    site_url: Url,
    axe: Check,
    screenshot: Shot,
    council_services: dict[str, Service],
) -> None:
    visit = Visit(page, axe, screenshot)

    def refused_empty(name: str, message: str) -> None:
        cont(page)
        expect(page.locator(".govuk-error-summary")).to_contain_text(message)
        visit.check(f"error-{name}")

    page.goto(site_url("/feedback/"))
    choose(page, "Make a complaint")
    cont(page)
    choose(page, "Housing repairs")
    cont(page)
    fill(page, "What happened?", "Damp in my mother's flat since March.")
    cont(page)
    fill(page, "Day", "1")
    fill(page, "Month", "3")
    fill(page, "Year", "2026")
    cont(page)
    fill(page, "What would you like us to do to put things right?", "Fix the damp")
    cont(page)
    choose(page, "Yes")
    cont(page)

    visit.heading("How are you connected to the person?")
    visit.check("relationship")
    refused_empty("relationship", "Select how you are connected to the person")
    choose(page, "Their carer")
    cont(page)

    visit.heading("How can you show that they agree to you acting for them?")
    visit.check("consent")
    refused_empty("consent", "Select how you can show that they agree")
    choose(page, "I will upload their signed consent")
    cont(page)

    visit.heading("Upload their signed consent")
    visit.check("consent-upload")
    refused_empty("consent-upload", "Select their signed consent")
    page.get_by_label("Upload their signed consent").set_input_files(
        payload("consent.png", PNG, "image/png")
    )
    cont(page)

    visit.heading("Are they a council tenant or leaseholder?")
    visit.check("tenant")
    refused_empty("tenant", "Select yes if they are a council tenant or leaseholder")
    choose(page, "Yes")
    cont(page)

    visit.heading("Does the person you are helping need us to do anything differently?")
    expect(page.get_by_label("No, they do not need anything different")).to_be_visible()
    visit.check("adjustments-for-them")
    choose(page, "A British Sign Language (BSL) interpreter")
    cont(page)
    visit.heading("How should we contact the person you are helping?")
    choose(page, "Letter")
    cont(page)
    choose(page, "Every month")
    cont(page)

    visit.heading("Their details")
    visit.check("their-details")
    refused_empty("their-details", "Enter their full name")
    fill(page, "Full name", "Edith Brown")
    fill(page, "Address", "Flat 2, Tower Court\nNorthfield")
    fill(page, "Postcode (optional)", "NF2 2BB")
    cont(page)

    visit.heading("Your details")
    visit.check("representative-details")
    refused_empty("representative-details", "Enter your email address")
    fill(page, "Your full name", "Bob Carer")
    fill(page, "Organisation (optional)", "Carers Together")
    fill(page, "Email address", "bob@example.org")
    cont(page)
    cont(page)  # no other files

    visit.check("check-your-answers")
    expect(page.locator(".govuk-summary-list")).to_contain_text("consent.png")
    press(page, "Send feedback")
    reference = page.locator(".govuk-panel__body strong").inner_text()

    case = Case.objects.get(reference=reference)
    person = Person.objects.get(pk=case.person_id)
    assert (person.name, person.email, person.postcode) == ("Edith Brown", "", "NF2 2BB")
    assert person.address == "Flat 2, Tower Court\nNorthfield"
    assert person.preferred_contact_method == "letter"
    assert person.contact_frequency == "Every month"
    assert person.is_tenant_or_leaseholder is True
    assert case.ombudsman == "housing_ombudsman"
    rep = Representative.objects.get(case=case)
    assert (rep.name, rep.organisation, rep.email, rep.relationship) == (
        "Bob Carer",
        "Carers Together",
        "bob@example.org",
        "carer",
    )
    assert rep.consent_state == "to_check"  # an officer accepts it on the case page
    assert rep.consent_evidence == "Signed consent uploaded with the online form (consent.png)"
    consent = Attachment.objects.get(correspondence__case=case)
    assert (consent.original_name, consent.content_type) == ("consent.png", "image/png")
    assert consent.correspondence.subject == "Consent to act for the person"
    assert list(ReasonableAdjustment.objects.filter(person=person).values_list("kind")) == [
        ("bsl",)
    ]
    assert OutboxMessage.objects.get(case_reference=reference).to_address == "bob@example.org"


def test_the_feedback_journey_with_the_keyboard_only(
    page: Page,
    site_url: Url,
    keyboard: Keyboard,
    screenshot: Shot,
    council_services: dict[str, Service],
) -> None:
    """No mouse: every control reached with Tab, chosen with the arrow keys and Space,
    typed into, and every button pressed with Enter; focus always visible."""

    def tab_and_type(label: str, text: str) -> None:
        field = page.get_by_label(label, exact=True)
        keyboard.tab_to(page, field)
        keyboard.assert_visible_focus(page, field)
        page.keyboard.type(text)

    def radio(wanted: str) -> None:
        # Tab reaches a group of radios once, at its first; the arrow keys move and choose.
        target = page.get_by_label(wanted, exact=True)
        group = target.evaluate("element => element.name")
        keyboard.tab_to(page, page.locator(f'input[name="{group}"]').first)
        for _ in range(12):
            if target.evaluate("element => element === document.activeElement"):
                break
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Space")
        expect(target).to_be_checked()

    def tick(label: str) -> None:
        box = page.get_by_label(label, exact=True)
        keyboard.tab_to(page, box)
        keyboard.assert_visible_focus(page, box)
        page.keyboard.press("Space")
        expect(box).to_be_checked()

    def button(name: str) -> None:
        target = page.get_by_role("button", name=name, exact=True)
        keyboard.tab_to(page, target)
        keyboard.assert_visible_focus(page, target)
        page.keyboard.press("Enter")

    page.goto(site_url("/feedback/"))
    radio("Make a complaint")
    button("Continue")
    radio("Waste and recycling")
    button("Continue")
    tab_and_type("What happened?", "Missed bin, reported with the keyboard.")
    button("Continue")
    tab_and_type("Day", "5")
    tab_and_type("Month", "11")
    tab_and_type("Year", "2026")
    button("Continue")
    tab_and_type("What would you like us to do to put things right?", "Collect it")
    button("Continue")
    radio("No")
    button("Continue")
    tick("Easy read")
    button("Continue")
    radio("Phone")
    button("Continue")
    radio("Every week")
    button("Continue")
    tab_and_type("Full name", "Kay Board")
    tab_and_type("Phone number", "01632 960002")
    button("Continue")
    # The file chooser opens from the keyboard too.
    upload = page.get_by_label("Upload a file")
    # Let the page finish loading first: a late load moves focus back to the top.
    page.wait_for_load_state("load")
    expect(upload).to_be_visible()
    keyboard.tab_to(page, upload)
    expect(upload).to_be_focused()
    with page.expect_file_chooser(timeout=30_000) as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(payload("notes.txt", b"Dates the bin was missed: 2, 9, 16 November"))
    button("Upload file")
    button("Continue")
    screenshot(page, "keyboard-check-your-answers")
    button("Send feedback")

    expect(page.locator(".govuk-panel__title")).to_have_text("Feedback sent")
    reference = page.locator(".govuk-panel__body strong").inner_text()
    case = Case.objects.get(reference=reference)
    person = Person.objects.get(pk=case.person_id)
    assert (person.name, person.phone, person.email) == ("Kay Board", "01632 960002", "")
    assert person.preferred_contact_method == "phone"
    assert person.contact_frequency == "Every week"
    assert case.aware_on == dt.date(2026, 11, 5)
    assert Contact.objects.get(case=case).outcomes_sought == "Collect it"
    assert list(ReasonableAdjustment.objects.filter(person=person).values_list("kind")) == [
        ("easy_read",)
    ]
    (attachment,) = Attachment.objects.filter(correspondence__case=case)
    assert (attachment.original_name, attachment.content_type) == ("notes.txt", "text/plain")


def test_every_error_state_of_the_journey_is_accessible_and_keeps_the_answers(
    any_page: Page,
    site_url: Url,
    axe: Check,
    screenshot: Shot,
    council_services: dict[str, Service],
    tmp_path: Path,
) -> None:
    page = any_page
    visit = Visit(page, axe, screenshot)

    def empty(heading: str, name: str, first_error: str) -> None:
        cont(page)
        expect(page).to_have_title(re.compile("^Error: "))
        summary = page.locator(".govuk-error-summary")
        expect(summary).to_contain_text(first_error)
        visit.check(f"error-{name}")
        # The summary's link takes the person to the field at fault.
        summary.get_by_role("link").first.click()
        visit.heading(heading)

    page.goto(site_url("/feedback/"))
    empty("What do you want to do?", "kind", "Select what you want to do")
    choose(page, "Make a complaint")
    cont(page)
    empty("Which service is it about?", "service", "Select the service it is about")
    choose(page, "Waste and recycling")
    cont(page)
    fill(page, "What happened?", "x" * 5001)
    cont(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text("5000 characters or fewer")
    visit.check("error-details-too-long")
    fill(page, "What happened?", "The bin was missed.")
    cont(page)
    fill(page, "Day", "31")
    fill(page, "Month", "2")
    fill(page, "Year", "2026")
    cont(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text("must be a real date")
    expect(page.get_by_label("Day")).to_have_value("31")  # what was typed is kept
    visit.check("error-when")
    fill(page, "Day", "2")
    cont(page)
    empty(
        "What would you like us to do to put things right?",
        "outcome",
        "Enter what you would like us to do",
    )
    fill(page, "What would you like us to do to put things right?", "Collect it")
    cont(page)
    empty(
        "Are you giving feedback for someone else?",
        "someone-else",
        "Select yes if you are giving feedback for someone else",
    )
    choose(page, "No")
    cont(page)
    choose(page, "An interpreter for another language")
    cont(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter the language you need an interpreter for"
    )
    visit.check("error-adjustments")
    choose(page, "No, I do not need anything different")
    page.get_by_label("An interpreter for another language").uncheck()
    cont(page)
    empty("How should we contact you?", "contact-method", "Select how we should contact you")
    choose(page, "Email")
    cont(page)
    empty(
        "How often would you like an update from us?",
        "contact-frequency",
        "Select how often you would like an update",
    )
    choose(page, "Only when there is news")
    cont(page)
    fill(page, "Email address", "ada@")
    cont(page)
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter your full name")
    expect(summary).to_contain_text("Enter an email address in the correct format")
    expect(page.get_by_label("Email address")).to_have_value("ada@")
    visit.check("error-your-details")
    fill(page, "Full name", "Ada Lovelace")
    fill(page, "Email address", "ada@example.org")
    cont(page)

    # Files: too big, not what it says it is, one too many. Nothing else is lost.
    huge = tmp_path / "huge.pdf"
    huge.write_bytes(PDF + b"0" * (30 * 1024 * 1024))
    page.get_by_label("Upload a file").set_input_files(huge, timeout=60_000)
    press(page, "Upload file")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "huge.pdf must be smaller than 10 MB"
    )
    visit.check("error-file-too-big")
    page.get_by_label("Upload a file").set_input_files(payload("invoice.pdf", EXE))
    press(page, "Upload file")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "invoice.pdf must be a PDF, JPG, PNG, DOCX, ODT or TXT"
    )
    visit.check("error-file-not-allowed")
    for n in range(5):
        page.get_by_label("Upload a file").set_input_files(payload(f"letter-{n}.pdf", PDF))
        press(page, "Upload file")
    page.get_by_label("Upload a file").set_input_files(payload("letter-5.pdf", PDF))
    press(page, "Upload file")
    expect(page.locator(".govuk-error-summary")).to_contain_text("You can only send 5 files")
    visit.check("error-too-many-files")
    cont(page)

    answers = page.locator(".govuk-summary-list")
    for kept in ("Waste and recycling", "The bin was missed.", "Collect it", "ada@example.org"):
        expect(answers).to_contain_text(kept)
    for n in range(5):
        expect(answers).to_contain_text(f"letter-{n}.pdf")
    expect(answers).not_to_contain_text("huge.pdf")
    expect(answers).not_to_contain_text("invoice.pdf")
    press(page, "Send feedback")
    reference = page.locator(".govuk-panel__body strong").inner_text()
    assert Attachment.objects.filter(correspondence__case__reference=reference).count() == 5


def test_the_single_page_complaint_form(
    any_page: Page,
    site_url: Url,
    axe: Check,
    screenshot: Shot,
    council_services: dict[str, Service],
) -> None:
    page = any_page
    visit = Visit(page, axe, screenshot)
    page.goto(site_url("/complaints/new/"))
    visit.heading("Make a complaint")
    visit.check("complaint-form")
    fill(page, "Summarise your complaint in a sentence", "Missed bin again")
    press(page, "Send complaint")
    summary = page.locator(".govuk-error-summary")
    for message in (
        "Select the service it is about",
        "Enter what happened",
        "Enter your full name",
        "Enter your email address",
    ):
        expect(summary).to_contain_text(message)
    expect(page.get_by_label("Summarise your complaint in a sentence")).to_have_value(
        "Missed bin again"
    )
    visit.check("complaint-form-errors")
    choose(page, "Council tax")
    fill(page, "What happened?", "The bill is wrong.")
    fill(page, "Full name", "Ada Lovelace")
    fill(page, "Email address", "ada@example.org")
    press(page, "Send complaint")

    expect(page).to_have_url(re.compile(r"/complaints/sent/"))
    reference = page.locator(".govuk-panel__body strong").inner_text()
    visit.check("complaint-sent")
    case = Case.objects.get(reference=reference)
    assert (case.kind, case.service.code, case.summary) == (
        "complaint",
        "council-tax",
        "Missed bin again",
    )
    assert Contact.objects.get(case=case).text == "The bill is wrong."
    person = Person.objects.get(pk=case.person_id)
    assert (person.name, person.email) == ("Ada Lovelace", "ada@example.org")


def test_an_old_problem_is_explained_and_never_blocked_and_a_request_is_told_so(
    page: Page,
    site_url: Url,
    axe: Check,
    screenshot: Shot,
    council_services: dict[str, Service],
) -> None:
    visit = Visit(page, axe, screenshot)
    page.goto(site_url("/feedback/"))
    choose(page, "Ask for a service")
    cont(page)
    choose(page, "Council tax")
    cont(page)
    visit.heading("What is your request about?")
    fill(page, "What is your request about?", "My single person discount")
    cont(page)
    fill(page, "Day", "1")
    fill(page, "Month", "1")
    fill(page, "Year", str(clock.today().year - 2))
    cont(page)

    visit.heading("You found out about this more than 12 months ago")
    visit.check("more-than-12-months-ago")
    expect(page.locator("main")).to_contain_text("You can still tell us about it.")
    fill(page, "Is there a reason you could not tell us sooner? (optional)", "I was abroad")
    cont(page)
    visit.heading("What do you want us to do?")
    fill(page, "What do you want us to do?", "Put the discount back")
    cont(page)
    choose(page, "No")
    cont(page)
    choose(page, "No, I do not need anything different")
    cont(page)
    choose(page, "Email")
    cont(page)
    choose(page, "Only when there is news")
    cont(page)
    fill(page, "Full name", "Ada Lovelace")
    fill(page, "Email address", "ada@example.org")
    cont(page)
    cont(page)
    press(page, "Send feedback")

    expect(page.locator(".govuk-panel__title")).to_have_text("Request sent")
    expect(page.locator("main")).to_contain_text(
        "We have recorded this as a request for a service, not a complaint"
    )
    visit.check("request-sent")
    reference = page.locator(".govuk-panel__body strong").inner_text()
    case = Case.objects.get(reference=reference)
    assert (case.kind, case.next_deadline_on) == ("service_request", None)
    assert Contact.objects.get(case=case).text == (
        "My single person discount\n\nWhy I am telling you now: I was abroad"
    )


def test_the_rate_limit_refusals_are_accessible_and_keep_the_answers(
    page: Page,
    site_url: Url,
    axe: Check,
    screenshot: Shot,
    council_services: dict[str, Service],
    settings: Settings,
) -> None:
    visit = Visit(page, axe, screenshot)
    # The live server runs in this process, so it sees the same settings.
    settings.PUTRIGHT_RATE_LIMITS = {"submit-ip": (0, 3600), "link-ip": (0, 3600)}
    page.goto(site_url("/complaints/new/"))
    choose(page, "Council tax")
    fill(page, "Summarise your complaint in a sentence", "Wrong bill")
    fill(page, "What happened?", "The bill is wrong.")
    fill(page, "Full name", "Ada Lovelace")
    fill(page, "Email address", "ada@example.org")
    press(page, "Send complaint")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "You have sent a lot of feedback in a short time"
    )
    expect(page.get_by_label("What happened?")).to_have_value("The bill is wrong.")
    visit.check("complaint-rate-limited")

    page.goto(site_url("/follow/"))
    fill(page, "Reference number", "CU12345671")
    fill(page, "Email address", "ada@example.org")
    press(page, "Send me a link")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "You have asked for a lot of links"
    )
    visit.check("follow-rate-limited")
    assert not Case.objects.exists()
