"""The subject access page in a real browser: reached from the case page by the complaints
team, axe (WCAG 2.2 AA) on the page, and the archive downloaded."""

from __future__ import annotations

import zipfile
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from putright.cases.models import TimelineEvent
from tests.journeys.test_staff_journeys import council, sign_in, tab  # noqa: F401
from tests.staff.personas import Council, complaint_at_stage1

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_complaints_team_downloads_a_persons_archive_from_the_case_page(
    council: Council,  # noqa: F811
    tab: Callable[[], Page],  # noqa: F811
    site_url: Callable[[str], str],
    axe: Callable[[Page], None],
) -> None:
    case = complaint_at_stage1(council)
    page = tab()
    sign_in(page, site_url, council, "complaints")
    page.goto(site_url(f"/staff/cases/{case.reference}/"))

    page.get_by_role("link", name="Export the person's record").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Subject access archive")
    expect(page.get_by_text(case.reference).first).to_be_visible()
    axe(page)

    with page.expect_download() as download:
        page.get_by_role("button", name="Download the archive").click()
    with zipfile.ZipFile(download.value.path()) as archive:
        assert "summary.pdf" in archive.namelist()
        assert f"cases/{case.reference}/timeline.json" in archive.namelist()
    assert TimelineEvent.objects.filter(case=case, action="subject_access_export").count() == 1
