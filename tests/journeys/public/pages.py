"""Filling in the public site's pages in a browser, as a person does: by label."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import FilePayload, Page, expect

Check = Callable[[Page], None]
Shot = Callable[[Page, str], Path]


class Visit:
    """Checks every page it is shown: WCAG 2.2 AA with axe, and a screenshot."""

    def __init__(self, page: Page, axe: Check, screenshot: Shot) -> None:
        self.page = page
        self.axe = axe
        self.screenshot = screenshot
        self.count = 0

    def check(self, name: str) -> None:
        self.count += 1
        self.screenshot(self.page, f"{self.count:02d}-{name}")
        self.axe(self.page)

    def heading(self, text: str) -> None:
        expect(self.page.get_by_role("heading", level=1)).to_have_text(text)


def choose(page: Page, label: str) -> None:
    page.get_by_label(label, exact=True).check()


def fill(page: Page, label: str, text: str) -> None:
    page.get_by_label(label, exact=True).fill(text)


def press(page: Page, button: str) -> None:
    page.get_by_role("button", name=button, exact=True).click()


def cont(page: Page) -> None:
    press(page, "Continue")


def payload(name: str, content: bytes, mime: str = "application/octet-stream") -> FilePayload:
    return {"name": name, "mimeType": mime, "buffer": content}


def error_summary(page: Page) -> Any:
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    return summary
