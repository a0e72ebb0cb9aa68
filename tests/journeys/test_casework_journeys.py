"""Case work in a real browser, each journey ending with a check in the database, and axe
(WCAG 2.2 AA) on every case work page and its error state."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from putright.cases.models import Attachment, Correspondence
from putright.core import clock
from tests.journeys.test_staff_accessibility import World, staff_page, world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["staff_page", "world"]  # fixtures shared with the accessibility tests

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
    page = staff_page("priya")
    page.goto(site_url(f"/staff/cases/{world.stage1.reference}/correspondence/"))
    axe(page)
    page.get_by_role("button", name="Save to the case").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe(page)
