"""The API's human docs page (Redoc from our own static files), checked with axe."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_docs_render_from_our_own_files_with_no_axe_violations(
    page: Page,
    site_url: Callable[[str], str],
    axe: Callable[[Page], None],
) -> None:
    page.goto(site_url("/api/v1/docs"))
    page.locator("h1").first.wait_for(timeout=60_000)
    axe(page)
