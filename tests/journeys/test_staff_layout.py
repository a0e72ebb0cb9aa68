"""The back office uses MOJ's full-width layout: at 1920px the work queue shows every
column without scrolling (screenshot kept), and the inbox lists oldest received first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from putright.core import clock
from tests.journeys.test_staff_journeys import council, sign_in, tab  # noqa: F401
from tests.staff.personas import Council, complaint_at_stage1, complaint_new

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_at_1920px_the_queue_shows_every_column_without_scrolling(
    tab: Callable[[], Page],  # noqa: F811
    site_url: Callable[[str], str],
    council: Council,  # noqa: F811
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    for n in range(5):
        complaint_at_stage1(
            council, text=f"Black mould in the bedroom and the hallway, report number {n}."
        )
    page = tab()
    page.set_viewport_size({"width": 1920, "height": 1080})
    sign_in(page, site_url, council, "complaints")

    page.goto(site_url("/staff/cases/?queue=all"))

    owner = page.get_by_role("columnheader", name="Owner")
    expect(owner).to_be_in_viewport()
    box = owner.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 1920
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth,"
        " document.querySelector('main').getBoundingClientRect().width]"
    )
    assert widths[0] <= widths[1], "the page scrolls sideways"
    assert widths[2] > 1200, "the staff pages use the full width"
    screenshot(page, "queue-1920")
    axe(page)


def test_the_inbox_reads_oldest_received_first(
    tab: Callable[[], Page],  # noqa: F811
    site_url: Callable[[str], str],
    council: Council,  # noqa: F811
    axe: Callable[[Page], None],
) -> None:
    today = clock.today()
    for days in (3, 9, 1, 6):
        complaint_new(council, received=today - dt.timedelta(days=days))
    page = tab()
    sign_in(page, site_url, council, "complaints")

    page.goto(site_url("/staff/inbox/"))

    expect(page.locator("#inbox-count")).to_contain_text("4 new contacts")
    received = page.locator("[data-received]").evaluate_all(
        "cells => cells.map(c => c.dataset.received)"
    )
    assert received == sorted(received)
    axe(page)
