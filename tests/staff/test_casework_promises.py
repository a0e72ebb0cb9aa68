"""No screen promises a letter, an email or a reminder the database does not then hold.

Every persona walks every back-office page it can reach from its navigation and the case
pages (every link, every form). Each page is checked for the false promises the back
office used to make; each form that promises something in writing must be one of the
actions below, each of which is then made and the letter, email or reminder looked for.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client

from putright.cases import services
from putright.cases.models import Case, StageRecord
from putright.core import clock
from putright.core.policy import working_calendar
from putright.letters.models import IssuedLetter
from putright.notifications.models import OutboxMessage
from tests.staff.personas import Council, complaint_at_stage1, complaint_new

ROLES = ["complaints", "priya", "tom", "sam", "manager", "insight", "governance"]
FALSE_PROMISES = (
    "The exclusion letter follows",
    "Responses go to the representative",
    "it goes to the person",
    "you withdrew your complaint",
)
# A form promises something in writing when its text says so.
PROMISE = re.compile(
    r"\b(letter|email|written|in writing|is told|are told|reminded|reminder)\b", re.IGNORECASE
)
SKIP = re.compile(r"/(files|letters)/\d+/|/logout/|\?")


@dataclass
class World:
    new: Case
    stage1: Case
    request: Case


@pytest.fixture
def world(council: Council) -> World:
    actor = council["complaints"].actor
    stage1 = complaint_at_stage1(council)
    services.representative_add(
        case=stage1, actor=actor, name="Sue Advocate", relationship="advocate"
    )
    request = complaint_new(council, kind="service_request", text="Fix the gate")
    request = services.contact_triage(case=request, actor=actor, kind="service_request")
    return World(new=complaint_new(council), stage1=stage1, request=request)


def _links(html: str) -> set[str]:
    return {h for h in re.findall(r'href="(/staff/[^"#]*)"', html) if not SKIP.search(h)}


def walk(client: Client, starts: list[str]) -> dict[str, str]:
    """Every page reachable from `starts` (GET answering 200), by address."""
    seen: dict[str, str] = {}
    queue = list(starts)
    while queue and len(seen) < 200:
        url = queue.pop()
        if url in seen:
            continue
        response = client.get(url)
        # Downloads (PDF, Word, spreadsheets) make no promise on a page: only HTML is read.
        page = response.status_code == 200 and "text/html" in response["Content-Type"]
        seen[url] = response.content.decode() if page else ""
        if page:
            queue += sorted(_links(seen[url]) - set(seen))
    return {url: html for url, html in seen.items() if html}


def promising_forms(pages: dict[str, str]) -> set[str]:
    """Addresses of pages whose POST form promises a letter, email or reminder."""
    found = set()
    for url, html in pages.items():
        for form in re.findall(r"<form[^>]*method=\"post\".*?</form>", html, re.S | re.I):
            visible = re.sub(r"<[^>]+>", " ", form)
            if PROMISE.search(visible):
                found.add(re.sub(r"CU\d+", "{case}", url))
    return found


# Each form that promises something in writing, and the test below that keeps it.
KEPT = {
    "/staff/cases/{case}/acknowledge/": "acknowledge",
    "/staff/cases/{case}/extend/": "extend",
    "/staff/cases/{case}/exclude/": "exclude",
    "/staff/cases/{case}/hold/": "hold",
    "/staff/cases/{case}/respond/": "test_casework_representatives (response to whom)",
    "/staff/cases/{case}/withdraw/": "withdraw",
    "/staff/cases/{case}/contractor/ask/": "contractor",
    "/staff/cases/{case}/correspondence/": "logged only",
    "/staff/cases/{case}/representatives/add/": "logged only",
    "/staff/cases/{case}/representatives/{rep}/change/": "logged only",
    "/staff/cases/{case}/representatives/{rep}/end/": "logged only",
    "/staff/cases/{case}/representatives/{rep}/consent/": "logged only",
    "/staff/inbox/": "logged only",
    "/staff/inbox/{case}/": "exclude from the inbox",
    "/staff/letters/post/": "test_casework_post",
    "/staff/cases/{case}/records/action-update/{id}/": "test_casework_letters (action update)",
    "/staff/cases/{case}/records/action/": "logged only",
    "/staff/cases/{case}/flags/": "says the reason is never in a letter",
    "/staff/cases/{case}/restrictions/add/": "test_restriction_pages (letter issued)",
    "/staff/cases/{case}/adjustments/add/": "test_adjustment_reviews (reminded once)",
}


@pytest.mark.parametrize("role", ROLES)
def test_no_page_makes_a_false_promise_and_every_written_promise_is_kept_by_a_test(
    role: str, world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for(role)
    starts = ["/staff/", "/staff/inbox/", "/staff/cases/", "/staff/letters/post/"] + [
        f"/staff/cases/{c.reference}/" for c in (world.new, world.stage1, world.request)
    ]

    pages = walk(client, starts)

    for url, html in pages.items():
        for phrase in FALSE_PROMISES:
            assert phrase not in html, f"{url} says {phrase!r}"
    normalised = {re.sub(r"/\d+/", "/{id}/", u) for u in promising_forms(pages)}
    normalised = {
        u.replace("/representatives/{id}/", "/representatives/{rep}/") for u in normalised
    }
    assert normalised <= set(KEPT), sorted(normalised - set(KEPT))


# ---------------------------------------------------------------------------------------
# Each promise, made and looked for in the database.


def written(case: Case, kind: str) -> bool:
    letters = IssuedLetter.objects.filter(case=case, kind=kind)
    emailed = OutboxMessage.objects.filter(case_reference=case.reference).exists()
    return letters.exists() and (emailed or letters.filter(channel="post").exists())


def test_acknowledge_sends_the_acknowledgement(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    case = complaint_new(council)
    client_for("complaints").post(
        f"/staff/cases/{case.reference}/acknowledge/",
        {
            "version": case.version,
            "issues": "Mould",
            "outcomes_sought": "Fix it",
            "definition_state": "agreed",
        },
    )
    assert written(case, "acknowledgement")


def test_extend_sends_the_extension_notice(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    case = complaint_at_stage1(council)
    due = StageRecord.objects.get(case=case, number=1).respond_by
    new = working_calendar().add_working_days(due, 5)  # type: ignore[arg-type]
    client_for("priya").post(
        f"/staff/cases/{case.reference}/extend/",
        {
            "version": case.version,
            "new_due_day": new.day,
            "new_due_month": new.month,
            "new_due_year": new.year,
            "reason": "Waiting for a survey",
        },
    )
    assert written(case, "extension_notice")


@pytest.mark.parametrize("where", ["case page", "inbox"])
def test_exclude_sends_the_exclusion_letter(
    where: str, council: Council, client_for: Callable[[str], Client]
) -> None:
    case = complaint_new(council)
    if where == "inbox":
        client_for("complaints").post(
            f"/staff/inbox/{case.reference}/exclude/",
            {
                "exclude-version": case.version,
                "exclude-code": "decided_by_court",
                "exclude-reasons": "Decided in court",
            },
        )
    else:
        client_for("complaints").post(
            f"/staff/cases/{case.reference}/exclude/",
            {"version": case.version, "code": "decided_by_court", "reasons": "Decided in court"},
        )
    assert written(case, "exclusion_notice") or written(case, "hold_notice")


def test_withdraw_sends_the_acknowledgement_of_it(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    case = complaint_at_stage1(council)
    client_for("priya").post(
        f"/staff/cases/{case.reference}/withdraw/", {"version": case.version, "channel": "phone"}
    )
    assert written(case, "withdrawal_acknowledgement")


def test_asking_the_contractor_starts_the_clock_the_reminder_reads(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    from putright.cases import due

    case = complaint_at_stage1(council)
    client_for("priya").post(
        f"/staff/cases/{case.reference}/contractor/ask/",
        {"version": case.version, "contractor": "Northfield Plumbing"},
    )
    record = StageRecord.objects.get(case=case, number=1)
    assert record.contractor_asked_on == clock.today()
    assert record.contractor_feedback_on is None
    assert (
        hasattr(due, "contractor_feedback_awaited")
        or StageRecord.objects.filter(
            contractor_asked_on__isnull=False, contractor_feedback_on__isnull=True, case=case
        ).exists()
    )


def test_hold_sends_the_hold_notice(council: Council, client_for: Callable[[str], Client]) -> None:
    from putright.staff.forms import exclusion_choices

    case = complaint_at_stage1(council)
    ground = exclusion_choices(outcome="hold")[0][0]
    client_for("priya").post(
        f"/staff/cases/{case.reference}/hold/", {"version": case.version, "ground": ground}
    )
    assert written(case, "hold_notice")
