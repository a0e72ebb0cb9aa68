"""Case work in a real browser, each journey ending with a check in the database, and axe
(WCAG 2.2 AA) on every case work page and its error state."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from putright.cases.models import (
    Attachment,
    Case,
    Correspondence,
    Representative,
    TimelineEvent,
)
from putright.cases.services import PersonDetails
from putright.core import clock
from putright.letters import workflows
from putright.letters.models import IssuedLetter, LetterPosting
from tests.journeys.test_staff_accessibility import World, staff_page, world
from tests.journeys.test_staff_journeys import (
    action,
    council,
    open_case,
    sign_in,
    tab,
    write_response,
)
from tests.staff.personas import Council, complaint_new

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# Fixtures shared with the accessibility tests and the staff journeys.
__all__ = ["council", "staff_page", "tab", "world"]

PDF = b"%PDF-1.4\n% notes of the call\n"


def test_a_phone_call_logged_with_a_file_is_seen_and_downloaded_on_the_case_page(
    world: World,
    staff_page: Callable[[str], Page],
    site_url: Callable[[str], str],
    tmp_path: Path,
) -> None:
    case = world.stage1
    today = clock.today()
    notes = tmp_path / "call-notes.pdf"
    notes.write_bytes(PDF)
    page = staff_page("priya")
    page.goto(site_url(f"/staff/cases/{case.reference}/"))

    page.locator("#actions-panel").get_by_role(
        "link", name="Log a call, email, letter or note"
    ).click()
    page.get_by_label("Phone call").check()
    page.get_by_label("Received from the person or someone for them").check()
    page.get_by_role("textbox", name="Day").fill(str(today.day))
    page.get_by_role("textbox", name="Month").fill(str(today.month))
    page.get_by_role("textbox", name="Year").fill(str(today.year))
    page.get_by_label("Summary").fill("Ms Taylor rang: the mould is spreading")
    page.get_by_label("Files (optional)").set_input_files(str(notes))
    page.get_by_role("button", name="Save to the case").click()

    expect(page.get_by_text("Logged on the case.")).to_be_visible()
    row = page.locator("#correspondence + table")
    expect(row).to_contain_text("Phone call: Ms Taylor rang: the mould is spreading")
    with page.expect_download() as download:
        row.get_by_role("link", name="call-notes.pdf").click()
    assert Path(download.value.path()).read_bytes() == PDF

    call = Correspondence.objects.get(case=case, channel="phone")
    assert call.direction == "in"
    assert Attachment.objects.get(correspondence=call).original_name == "call-notes.pdf"


def test_the_case_work_pages_have_no_accessibility_violations(
    world: World,
    staff_page: Callable[[str], Page],
    site_url: Callable[[str], str],
    axe: Callable[[Page], None],
) -> None:
    case = world.stage1.reference
    rep = Representative.objects.get(case=world.stage1)
    page = staff_page("priya")
    for path, button in [
        (f"/staff/cases/{case}/correspondence/", "Save to the case"),
        (f"/staff/cases/{case}/representatives/add/", "Add the representative"),
        (f"/staff/cases/{case}/representatives/{rep.pk}/consent/", "Record consent"),
        (f"/staff/cases/{case}/representatives/{rep.pk}/end/", "End the representation"),
    ]:
        page.goto(site_url(path))
        axe(page)
        page.get_by_role("button", name=button).click()
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        axe(page)
    page.goto(site_url(f"/staff/cases/{case}/representatives/{rep.pk}/change/"))
    axe(page)


def test_the_intake_form_its_errors_and_its_matches_have_no_accessibility_violations(
    world: World,
    staff_page: Callable[[str], Page],
    site_url: Callable[[str], str],
    axe: Callable[[Page], None],
) -> None:
    page = staff_page("complaints")
    page.goto(site_url("/staff/inbox/"))
    page.get_by_role("button", name="Log the contact").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe(page)

    form = page.locator("form[action='/staff/inbox/#log']")
    form.get_by_role("group", name="How did the contact come in?").get_by_label(
        "Phone", exact=True
    ).check()
    form.get_by_label("Which service is it about?").select_option(label="Housing repairs")
    form.get_by_label("What happened, in the person's own words").fill("The boiler is broken")
    form.get_by_label("Person's full name").fill(world.stage1.person.name)
    form.get_by_label("Email address (optional)", exact=True).fill(world.stage1.person.email)
    form.get_by_role("button", name="Log the contact").click()
    expect(page.get_by_role("group", name="Is this someone we already know?")).to_be_visible()
    axe(page)

    page.goto(site_url(f"/staff/cases/{world.new.reference}/acknowledge/"))
    page.get_by_role("button", name="Preview the letter").click()
    expect(page.locator("#letter-preview")).to_be_visible()
    axe(page)

    page.goto(site_url(f"/staff/inbox/{world.new.reference}/"))
    page.get_by_role("button", name="Change the service").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe(page)


def log_contact(page: Page, site_url: Callable[[str], str], **fields: str) -> None:
    """The complaints team logs a phone contact from the triage inbox."""
    page.goto(site_url("/staff/inbox/"))
    form = page.locator("form[action='/staff/inbox/#log']")
    form.get_by_role("group", name="How did the contact come in?").get_by_label(
        fields.get("channel", "Phone"), exact=True
    ).check()
    form.get_by_role("group", name="What kind of feedback is it?").get_by_label(
        fields.get("kind", "Complaint"), exact=True
    ).check()
    form.get_by_label("Which service is it about?").select_option(label="Housing repairs")
    form.get_by_label("What happened, in the person's own words").fill(
        "The boiler has been broken for three weeks and nobody has come."
    )
    form.get_by_label("What they want to happen (optional)").fill("Fix the boiler")
    form.get_by_label("Person's full name").fill("Dorothy Evans")
    form.get_by_label("Email address (optional)", exact=True).fill("dorothy@example.org")
    form.get_by_label("Representative's or MP's or councillor's name (optional)").fill(
        fields["rep_name"]
    )
    form.get_by_label("Who are they to the person?").select_option(label=fields["relationship"])
    form.get_by_label("Their email address (optional)").fill(fields["rep_email"])
    form.get_by_role("group", name="The person's consent for them to act").get_by_label(
        fields["consent"]
    ).check()
    form.get_by_role("button", name="Log the contact").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("New contact")


def classify_and_acknowledge(page: Page, kind: str = "Complaint") -> None:
    page.get_by_role("group", name="Classify as").get_by_label(kind, exact=True).check()
    page.get_by_label("Reason for the classification").fill("Unhappy the boiler is not fixed")
    page.get_by_role("button", name="Classify").click()
    action(page, "Acknowledge and define the complaint")
    page.get_by_label("Investigating officer (optional)").select_option(
        label="Priya Shah, Manager, Housing repairs"
    )
    page.get_by_role("button", name="Acknowledge the complaint").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()


def test_a_representatives_complaint_waits_for_consent_then_the_response_goes_to_them(
    tab: Callable[[], Page],
    site_url: Callable[[str], str],
    council: Council,
    tmp_path: Path,
) -> None:
    team = tab()
    sign_in(team, site_url, council, "complaints")
    log_contact(
        team,
        site_url,
        rep_name="Sue Advocate",
        relationship="Advocate",
        rep_email="sue@advice.example",
        consent="Not received yet",
    )
    classify_and_acknowledge(team)
    case = Case.objects.get(person__name="Dorothy Evans")

    priya = tab()
    sign_in(priya, site_url, council, "priya")
    open_case(priya, site_url, case)
    banner = priya.get_by_role("region", name="Representative 1")
    expect(banner).to_contain_text("Consent outstanding: nothing may be disclosed to Sue Advocate")
    expect(priya.locator("#moves")).not_to_contain_text("Write and issue the response")

    form = tmp_path / "signed-consent.pdf"
    form.write_bytes(PDF)
    priya.locator("#actions-panel").get_by_role(
        "link", name="Record consent for Sue Advocate"
    ).click()
    priya.get_by_label("Yes, consent received").check()
    today = clock.today()
    priya.get_by_role("textbox", name="Day").fill(str(today.day))
    priya.get_by_role("textbox", name="Month").fill(str(today.month))
    priya.get_by_role("textbox", name="Year").fill(str(today.year))
    priya.get_by_label("Evidence").fill("Consent form signed by Ms Evans, posted to us")
    priya.get_by_label("The signed consent (optional)").set_input_files(str(form))
    priya.get_by_role("button", name="Record consent").click()
    expect(priya.get_by_role("region", name="Representative 1")).to_contain_text(
        "Letters and responses go to Sue Advocate, with a copy to Dorothy Evans"
    )

    action(priya, "Write and issue the response")
    write_response(priya, issues=1)
    expect(priya.locator(".govuk-notification-banner--success")).to_be_visible()

    rep = Representative.objects.get(case=case)
    assert rep.consent_state == "received"
    assert Attachment.objects.filter(
        correspondence__case=case, original_name="signed-consent.pdf"
    ).exists()
    response = list(IssuedLetter.objects.filter(case=case, kind="stage1_response").order_by("id"))
    assert [(x.recipient_name, x.to_address) for x in response] == [
        ("Sue Advocate", "sue@advice.example"),
        ("Dorothy Evans", "dorothy@example.org"),
    ]
    assert response[0].body_text.count("Dear Sue Advocate,") == 1
    assert "A copy of this letter goes to Dorothy Evans." in response[0].body_text


def test_an_mp_enquiry_is_answered_to_the_mp(
    tab: Callable[[], Page], site_url: Callable[[str], str], council: Council
) -> None:
    team = tab()
    sign_in(team, site_url, council, "complaints")
    log_contact(
        team,
        site_url,
        channel="MP or councillor",
        kind="MP or councillor enquiry",
        rep_name="Jane Member MP",
        relationship="MP",
        rep_email="jane.member@parliament.example",
        consent="Not needed: an MP or councillor acting for a constituent",
    )
    classify_and_acknowledge(team, kind="MP or councillor enquiry")
    case = Case.objects.get(person__name="Dorothy Evans")

    priya = tab()
    sign_in(priya, site_url, council, "priya")
    open_case(priya, site_url, case)
    expect(priya.get_by_role("region", name="Representative 1")).to_contain_text(
        "Letters and responses go to Jane Member MP."
    )
    action(priya, "Write and issue the response")
    write_response(priya, issues=1)
    expect(priya.locator(".govuk-notification-banner--success")).to_be_visible()

    letters = IssuedLetter.objects.filter(case=case).order_by("id")
    assert {x.recipient_name for x in letters} == {"Jane Member MP"}
    response = letters.get(kind="stage1_response")
    assert response.to_address == "jane.member@parliament.example"
    assert "Dear Jane Member MP," in response.body_text


def test_a_letter_is_printed_from_the_post_queue_and_marked_posted(
    world: World,
    staff_page: Callable[[str], Page],
    site_url: Callable[[str], str],
    axe: Callable[[Page], None],
) -> None:
    council = world.council
    case = complaint_new(
        council,
        person=PersonDetails(
            name="Harold Price", phone="01632 960 777", address="9 Mill Lane, NF2 4DD"
        ),
    )
    letter = workflows.acknowledge_and_issue(
        case=case, actor=council["complaints"].actor, issues=["Boiler"], outcomes_sought="Fix it"
    )
    page = staff_page("complaints")
    page.goto(site_url("/staff/cases/"))
    page.get_by_role("link", name="Letters to post").click()
    axe(page)
    choice = page.get_by_label(f"{case.reference}: {letter.subject}", exact=False)
    choice.uncheck()
    page.get_by_role("button", name="Mark the chosen letters posted").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe(page)

    choice.check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the chosen letters").click()
    with zipfile.ZipFile(download.value.path()) as archive:
        assert len(archive.namelist()) >= 1
    today = clock.today()
    page.get_by_role("textbox", name="Day").fill(str(today.day))
    page.get_by_role("textbox", name="Month").fill(str(today.month))
    page.get_by_role("textbox", name="Year").fill(str(today.year))
    page.get_by_role("button", name="Mark the chosen letters posted").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("marked posted")

    posted = LetterPosting.objects.get(letter=letter)
    assert posted.posted_on == today
    assert TimelineEvent.objects.filter(case=case, action="letter_posted").exists()
