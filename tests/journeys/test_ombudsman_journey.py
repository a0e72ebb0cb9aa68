"""A housing complaint taken to the Housing Ombudsman, end to end in the browser: the case
reopened for the enquiry (which opens the Ombudsman record), information sent, the
determination with two orders, one complied with evidence, the other reminded and flagged
overdue; the case's timeline and the Ombudsman record agree. axe checks each new page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from putright.cases import services
from putright.cases.models import Case, LetterContact, OmbudsmanCase, OmbudsmanOrder, TimelineEvent
from putright.core import clock
from putright.core.policy import working_calendar
from putright.notifications.models import OutboxMessage, SentReminder
from putright.notifications.scheduler import scheduler_run
from putright.policy.lifecycle import Decision, IssueDecision, ResponseContent
from tests.journeys.test_staff_journeys import _escalated, council, sign_in, tab  # noqa: F401
from tests.staff.personas import Council

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def closed_housing_case(council: Council) -> Case:  # noqa: F811
    """Answered at stage 1 by Priya and at stage 2 by Tom, final response, closed."""
    case = _escalated(council)
    case = services.escalation_acknowledge(
        case=case, actor=council["complaints"].actor, officer=council["tom"].officer
    )
    case = services.stage_respond(
        case=case,
        actor=council["tom"].actor,
        content=ResponseContent(
            stage=2,
            complaint_definition="Black mould; nobody came to inspect",
            decision=Decision.NOT_UPHELD,
            issues=tuple(
                IssueDecision(text, Decision.NOT_UPHELD, "No fault found")
                for text in ("Black mould in the bedroom", "Nobody came to inspect")
            ),
            reasons="The inspection found condensation.",
            no_remedy_reason="No fault was found.",
            no_outstanding_actions=True,
            how_to_escalate="You can ask the Housing Ombudsman to look at your complaint.",
            ombudsman="housing_ombudsman",
        ),
    )
    return services.case_close(case=case, actor=council["complaints"].actor)


def fill_date(page: Page, legend: str, day: dt.date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def panel(page: Page, name: str) -> None:
    page.locator("#actions-panel").get_by_role("link", name=name).click()


def test_a_housing_complaint_taken_to_the_housing_ombudsman_end_to_end(
    council: Council,  # noqa: F811
    tab: Callable[[], Page],  # noqa: F811
    site_url: Callable[[str], str],
    axe: Callable[[Page], None],
) -> None:
    # Reminders go to the officer, else the complaints team's address on letters.
    LetterContact.objects.create(
        name="Customer Feedback Team", address="Civic Offices", email="feedback@example.gov.uk"
    )
    case = closed_housing_case(council)
    today = clock.today()
    enquiry_on = today - dt.timedelta(days=28)
    determined_on = today - dt.timedelta(days=14)
    complied_due = working_calendar().add_working_days(today, 5)
    overdue_due = working_calendar().add_working_days(today, -2)
    page = tab()
    sign_in(page, site_url, council, "complaints")
    page.goto(site_url(f"/staff/cases/{case.reference}/"))

    # Reopening for the Ombudsman opens the Ombudsman record.
    panel(page, "Reopen for an Ombudsman enquiry")
    page.get_by_role("button", name="Reopen").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe(page)
    page.get_by_label("Housing Ombudsman Service").check()
    page.get_by_label("The Ombudsman's reference").fill("202412345")
    fill_date(page, "Date of the enquiry", enquiry_on)
    fill_date(page, "Response due date", enquiry_on + dt.timedelta(days=21))
    page.get_by_role("button", name="Reopen").click()
    expect(page.locator("#records")).to_be_visible()
    expect(page.get_by_text("Housing Ombudsman Service, reference 202412345")).to_be_visible()
    axe(page)

    panel(page, "Record information sent")
    axe(page)
    fill_date(page, "Date sent", enquiry_on + dt.timedelta(days=7))
    page.get_by_label("What was sent").fill("The complaint file, both responses and photos.")
    page.get_by_role("button", name="Record it").click()
    expect(page.get_by_text("Information sent recorded.")).to_be_visible()

    panel(page, "Record the determination")
    page.get_by_role("button", name="Record the determination").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe(page)
    fill_date(page, "Date of the determination", determined_on)
    page.get_by_label("Summary of the determination").fill("Failings in the handling of mould.")
    page.get_by_label("Issue 1", exact=True).fill("Black mould in the bedroom")
    page.get_by_label("Finding on issue 1").select_option("maladministration")
    page.get_by_label("Issue 2", exact=True).fill("Nobody came to inspect")
    page.get_by_label("Finding on issue 2").select_option("service_failure")
    page.get_by_role("button", name="Record the determination").click()
    expect(page.get_by_text("Determination recorded.")).to_be_visible()

    for text, due in (("Pay £300 compensation", complied_due), ("Inspect the home", overdue_due)):
        panel(page, "Add an order or recommendation")
        axe(page)
        page.get_by_label("Order", exact=True).check()
        page.get_by_label("What the Ombudsman ordered or recommended").fill(text)
        fill_date(page, "Due date", due)
        page.get_by_role("button", name="Add it").click()
        expect(page.get_by_text("Order added")).to_be_visible()

    paid = OmbudsmanOrder.objects.get(order="Pay £300 compensation")
    inspect = OmbudsmanOrder.objects.get(order="Inspect the home")
    page.locator(f"#ombudsman-order-{paid.pk}").get_by_role(
        "link", name="Record compliance"
    ).click()
    page.get_by_role("button", name="Record compliance").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe(page)
    page.get_by_label("What was done to comply").fill("Paid by BACS.")
    page.get_by_label("Evidence of compliance").set_input_files(
        {"name": "remittance.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 paid"}
    )
    page.get_by_role("button", name="Record compliance").click()
    expect(page.get_by_text("Compliance recorded.")).to_be_visible()

    # The other order is reminded before it was due and once when overdue.
    job = ["ombudsman_order_reminders"]
    scheduler_run(on=working_calendar().add_working_days(overdue_due, -1), jobs=job)
    first_working_day = working_calendar().next_working_day(today)
    scheduler_run(on=first_working_day, jobs=job)
    scheduler_run(on=first_working_day, jobs=job)
    jobs = sorted(
        SentReminder.objects.filter(subject_key=f"ombudsman_order:{inspect.pk}").values_list(
            "job", flat=True
        )
    )
    assert jobs == ["ombudsman_order_due", "ombudsman_order_overdue"]
    assert OutboxMessage.objects.filter(subject__contains="OVERDUE: Ombudsman order").count() == 1
    assert not SentReminder.objects.filter(subject_key=f"ombudsman_order:{paid.pk}").exists()

    page.reload()
    banner = page.get_by_role("region", name="Ombudsman orders")
    expect(banner).to_contain_text("Ombudsman order overdue")
    expect(page.locator(f"#ombudsman-order-{inspect.pk}")).to_contain_text("Overdue")
    expect(page.locator(f"#ombudsman-order-{paid.pk}")).to_contain_text("Complied")
    expect(page.get_by_role("link", name="remittance.pdf")).to_be_visible()
    axe(page)
    page.goto(site_url("/staff/cases/?queue=all"))
    row = page.get_by_role("row").filter(has_text=case.reference)
    expect(row).to_contain_text("Ombudsman order overdue")

    # The timeline and the Ombudsman record agree.
    record = OmbudsmanCase.objects.get(case=case)
    assert (record.ombudsman, record.their_reference) == ("housing_ombudsman", "202412345")
    assert record.maladministration_found is True
    events = {e.action: e for e in TimelineEvent.objects.filter(case=case)}
    assert events["reopen_for_ombudsman"] is not None
    opened = events["ombudsman_enquiry"].after
    assert opened["ombudsman_case"] == record.pk
    assert opened["enquiry_received_on"] == record.enquiry_received_on.isoformat()
    assert opened["response_due_on"] == str(record.response_due_on)
    sent = events["ombudsman_information_sent"].after
    assert sent["sent_on"] == str(record.information_sent_on)
    findings = events["ombudsman_determination"].after["findings"]
    assert findings == [[f.issue, f.finding] for f in record.findings.all()]
    added = {
        e.after["order"]: e.after["due_on"]
        for e in TimelineEvent.objects.filter(case=case, action="ombudsman_order_added")
    }
    assert added == {o.pk: o.due_on.isoformat() for o in record.orders.all()}
    complied = events["ombudsman_order_complied"].after
    paid.refresh_from_db()
    assert (complied["order"], complied["complied_on"]) == (paid.pk, str(paid.complied_on))
    assert complied["state"] == paid.state == "complied"
    assert paid.files.count() == 1
