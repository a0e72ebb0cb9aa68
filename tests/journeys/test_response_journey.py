"""The response an officer writes, in a real browser: a stage 1 draft with two remedies and
one action, left and come back to, previewed as a PDF, sent for approval, returned by the
service manager with a comment, then approved; the letter and the ledger agree."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from putright.cases.models import OutstandingAction, Remedy
from putright.core import clock
from putright.letters.models import IssuedLetter
from tests.journeys.test_staff_journeys import council, open_case, sign_in, tab  # noqa: F401
from tests.staff.personas import Council, complaint_at_stage1
from tests.staff.test_response_composer import assert_clean_letter, pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def draft_the_response(page: Page) -> None:
    page.get_by_role("group", name="(c) The decision overall").get_by_label(
        "Upheld", exact=True
    ).check()
    for n in (1, 2):
        page.get_by_role("group", name=f"Decision on issue {n}").get_by_label(
            "Upheld", exact=True
        ).check()
        page.get_by_label(f"Reasons on issue {n}").fill(f"Finding {n}: the visit was missed.")
    page.get_by_label("(d) The reasons for the decision").fill(
        "The repairs policy promises an inspection within 5 working days."
    )
    page.get_by_label("Remedy 1: kind").select_option(label="Apology")
    page.get_by_label("Remedy 1: what is offered").fill("We apologise for the missed visit")
    page.get_by_label("Remedy 2: kind").select_option(label="Financial: time, trouble and distress")
    page.get_by_label("Remedy 2: what is offered").fill("A payment for your time and trouble")
    page.get_by_label("Remedy 2: amount in pounds (financial remedies)").fill("250")
    due = clock.today() + dt.timedelta(days=28)
    page.get_by_label("Action 1: what will be done").fill("Treat the mould and redecorate")
    page.get_by_label("Action 1: who owns it (a contractor or team; empty: the officer)").fill(
        "Northfield Repairs Ltd"
    )
    when = page.get_by_role("group", name="Action 1: due by")
    when.get_by_label("Day").fill(str(due.day))
    when.get_by_label("Month").fill(str(due.month))
    when.get_by_label("Year").fill(str(due.year))


def test_an_officer_drafts_a_manager_returns_then_approves_and_letter_and_ledger_agree(
    tab: Callable[[], Page],  # noqa: F811
    site_url: Callable[[str], str],
    council: Council,  # noqa: F811
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
    tmp_path: Path,
) -> None:
    council.housing.responses_need_approval = True
    council.housing.save(update_fields=["responses_need_approval"])
    case = complaint_at_stage1(council, officer="priya")
    composer = site_url(f"/staff/cases/{case.reference}/respond/")

    # Priya drafts the response, saves it and leaves.
    priya = tab()
    sign_in(priya, site_url, council, "priya")
    open_case(priya, site_url, case)
    priya.locator("#actions-panel").get_by_role("link", name="Write and issue the response").click()
    axe(priya)
    draft_the_response(priya)
    priya.get_by_role("button", name="Save as draft").click()
    expect(priya.locator(".govuk-notification-banner--success")).to_contain_text("Draft saved")
    open_case(priya, site_url, case)

    # She comes back to the draft: everything she wrote is there.
    priya.locator("#actions-panel").get_by_role("link", name="Continue the draft response").click()
    expect(priya.get_by_label("Remedy 2: amount in pounds (financial remedies)")).to_have_value(
        "250"
    )
    expect(priya.get_by_label("Action 1: what will be done")).to_have_value(
        "Treat the mould and redecorate"
    )

    # She previews the exact PDF (nothing is issued), then sends the draft for approval.
    preview = priya.request.get(site_url(f"/staff/cases/{case.reference}/response/preview/"))
    assert preview.headers["content-type"] == "application/pdf"
    previewed = " ".join(pdf_text(preview.body(), tmp_path).split())
    assert "A payment for your time and trouble (£250.00)" in previewed
    assert not IssuedLetter.objects.filter(case=case).exists()
    priya.get_by_role("button", name="Send for approval").click()
    expect(priya.locator(".govuk-notification-banner--success")).to_contain_text("approval")

    # The service manager sees it waiting in the queue and returns it with a comment.
    manager = tab()
    sign_in(manager, site_url, council, "manager")
    manager.goto(site_url("/staff/cases/?queue=service"))
    expect(manager.get_by_role("row", name=re.compile(case.reference))).to_contain_text(
        "Draft awaiting approval"
    )
    open_case(manager, site_url, case)
    expect(manager.get_by_role("region", name="Draft response awaiting approval")).to_be_visible()
    axe(manager)  # the case page with the approval banner, the person's words, the timeline
    manager.locator("#actions-panel").get_by_role(
        "link", name="Review the draft response for approval"
    ).click()
    axe(manager)
    manager.get_by_label("Comments for the officer").fill("Please say when the payment is made.")
    manager.get_by_role("button", name="Return to the officer with comments").click()
    expect(manager.locator(".govuk-notification-banner--success")).to_contain_text("Returned")

    # Priya reads the comment and sends it again.
    priya.goto(composer)
    expect(priya.locator("#returned-comment")).to_contain_text("Please say when the payment")
    axe(priya)
    priya.get_by_role("button", name="Send for approval").click()
    expect(priya.locator(".govuk-notification-banner--success")).to_contain_text("approval")

    # The manager approves: the response is issued.
    open_case(manager, site_url, case)
    manager.locator("#actions-panel").get_by_role(
        "link", name="Review the draft response for approval"
    ).click()
    manager.get_by_role("button", name="Approve and issue the response").click()
    expect(manager.locator(".govuk-notification-banner--success")).to_contain_text("issued")
    screenshot(manager, "approved")

    letter = IssuedLetter.objects.get(case=case, kind="stage1_response")
    text = pdf_text(bytes(letter.pdf), tmp_path)
    flat = " ".join(text.split())
    remedies = list(Remedy.objects.filter(case=case).order_by("id"))
    actions = list(OutstandingAction.objects.filter(case=case))
    assert [r.description for r in remedies] == [
        "We apologise for the missed visit",
        "A payment for your time and trouble",
    ]
    assert [a.description for a in actions] == ["Treat the mould and redecorate"]
    for item in [*(r.description for r in remedies), *(a.description for a in actions)]:
        assert item in flat
    assert "(£250.00)" in flat and remedies[1].amount == 250
    assert_clean_letter(text)
    assert re.search(r"Yours sincerely,\s+Priya Shah\s+Manager\s+Housing repairs", text)
