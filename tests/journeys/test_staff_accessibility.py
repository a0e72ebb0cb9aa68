"""axe-core (WCAG 2.2 AA) finds nothing on any back-office page: every page, each move's
form, the record forms, and pages showing errors."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, Page, expect

from putright.cases import services
from putright.core import clock
from putright.core.policy import working_calendar
from tests.journeys.conftest import VIEWPORT
from tests.journeys.test_staff_journeys import _escalated
from tests.staff.personas import (
    PASSWORD,
    complaint_at_stage1,
    complaint_new,
    council_create,
    signed_in,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class World:
    def __init__(self) -> None:
        self.council = council_create()
        council = self.council
        self.new = complaint_new(council, text="The mould in the bedroom is back")
        self.request = complaint_new(council, kind="service_request", text="Fix the gate")
        self.stage1 = complaint_at_stage1(council, officer="priya")
        actor = council["complaints"].actor
        services.adjustment_add(case=self.stage1, actor=actor, kind="large_print")
        services.representative_add(
            case=self.stage1,
            actor=actor,
            name="Cllr Ann Jones",
            relationship="councillor",
            consent_state="received",
            consent_evidence="Signed form",
        )
        due = working_calendar().add_working_days(clock.today(), 10)
        self.remedy = services.remedy_offer(
            case=self.stage1, actor=actor, kind="apology", description="An apology"
        )
        self.action = services.action_add(
            case=self.stage1,
            actor=actor,
            description="Treat the mould",
            owner=services.ActionOwner(kind="contractor", name="Northfield Damp Ltd"),
            due_on=due,
        )
        services.action_update(
            case=self.stage1, actor=actor, action=self.action, text="Contractor booked"
        )
        self.escalated = _escalated(council)
        self.on_hold = complaint_at_stage1(council, officer="priya")
        services.case_hold(case=self.on_hold, actor=actor, ground="under_council_investigation")


@pytest.fixture
def world(transactional_db: None) -> World:
    return World()


@pytest.fixture
def staff_page(browser: Browser, live_server: Any, world: World) -> Iterator[Callable[[str], Page]]:
    """`staff_page("complaints")`: a tab signed in as that persona (session cookie)."""
    contexts = []

    def open_as(key: str) -> Page:
        client = signed_in(Client(), world.council[key])
        context = browser.new_context(viewport=VIEWPORT, locale="en-GB")
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield open_as
    for context in contexts:
        context.close()


def _pages(w: World) -> list[tuple[str, str]]:
    s1, new, esc, hold = (
        w.stage1.reference,
        w.new.reference,
        w.escalated.reference,
        w.on_hold.reference,
    )
    return [
        ("complaints", "/staff/inbox/"),
        ("complaints", f"/staff/inbox/{new}/"),
        ("complaints", f"/staff/inbox/{w.request.reference}/"),
        ("complaints", "/staff/cases/"),
        ("complaints", "/staff/cases/?q=mould&due=on_track&status=in_progress"),
        ("complaints", f"/staff/cases/{s1}/"),
        ("complaints", f"/staff/cases/{new}/"),
        ("complaints", f"/staff/cases/{new}/acknowledge/"),
        ("complaints", f"/staff/cases/{new}/exclude/"),
        ("complaints", f"/staff/cases/{new}/withdraw/"),
        ("complaints", f"/staff/cases/{s1}/allocate/"),
        ("complaints", f"/staff/cases/{s1}/hold/"),
        ("complaints", f"/staff/cases/{s1}/join-contact/"),
        ("complaints", f"/staff/cases/{s1}/contractor-feedback/"),
        ("complaints", f"/staff/cases/{esc}/escalation-acknowledge/"),
        ("complaints", f"/staff/cases/{esc}/escalation-refuse/"),
        ("complaints", f"/staff/cases/{hold}/resume/"),
        ("priya", "/staff/cases/"),
        ("priya", f"/staff/cases/{s1}/respond/"),
        ("priya", f"/staff/cases/{s1}/extend/"),
        ("priya", f"/staff/cases/{s1}/records/remedy/"),
        ("priya", f"/staff/cases/{s1}/records/remedy-update/{w.remedy.pk}/"),
        ("priya", f"/staff/cases/{s1}/records/action/"),
        ("priya", f"/staff/cases/{s1}/records/action-update/{w.action.pk}/"),
        ("tom", f"/staff/cases/{s1}/"),
        ("tom", f"/staff/cases/{s1}/extend/"),
        ("sam", f"/staff/cases/{s1}/"),
        ("manager", "/staff/reports/service-status/"),
        ("insight", "/staff/reports/equality/"),
        ("governance", "/staff/reports/service-status/"),
    ]


ROLES = ["complaints", "priya", "tom", "sam", "manager", "insight", "governance"]


@pytest.mark.parametrize("role", ROLES)
def test_each_staff_page_has_no_accessibility_violations(
    role: str,
    world: World,
    staff_page: Callable[[str], Page],
    site_url: Callable[[str], str],
    axe: Callable[[Page], None],
) -> None:
    page = staff_page(role)
    paths = [path for who, path in _pages(world) if who == role]
    assert paths

    for path in paths:
        page.goto(site_url(path))
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        axe(page)


def test_forms_showing_errors_have_no_accessibility_violations(
    world: World,
    staff_page: Callable[[str], Page],
    site_url: Callable[[str], str],
    axe: Callable[[Page], None],
) -> None:
    page = staff_page("priya")
    for slug, button in [
        ("respond", "Issue the response"),
        ("extend", "Extend"),
        ("records/action", "Add the action"),
    ]:
        page.goto(site_url(f"/staff/cases/{world.stage1.reference}/{slug}/"))
        page.get_by_role("button", name=button).click()

        expect(page.locator(".govuk-error-summary")).to_be_visible()
        axe(page)


def test_the_sign_in_pages_have_no_accessibility_violations(
    page: Page, world: World, site_url: Callable[[str], str], axe: Callable[[Page], None]
) -> None:
    page.goto(site_url("/staff/login/"))
    axe(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe(page)
    page.get_by_label("Username").fill("priya.shah")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_label("Security code")).to_be_visible()
    axe(page)


def test_the_authenticator_set_up_page_has_no_accessibility_violations(
    page: Page, world: World, site_url: Callable[[str], str], axe: Callable[[Page], None]
) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user=world.council["tom"].user).delete()
    page.goto(site_url("/staff/login/"))
    page.get_by_label("Username").fill("tom.okafor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Set up your authenticator app")
    axe(page)


def test_the_refusal_and_not_found_pages_have_no_accessibility_violations(
    world: World,
    staff_page: Callable[[str], Page],
    site_url: Callable[[str], str],
    axe: Callable[[Page], None],
) -> None:
    page = staff_page("governance")
    page.goto(site_url("/staff/inbox/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot do this")
    axe(page)
    page = staff_page("sam")
    page.goto(site_url(f"/staff/cases/{world.stage1.reference}/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    axe(page)
