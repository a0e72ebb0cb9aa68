"""Restrictions on contact: added with a reason, scope, start and review date; the letter
issued with the right to ask for a review and the Ombudsman's details; reviewed; ended; and
applied to the same person's next contact. Permissions and bad input."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client

from putright.cases import services
from putright.cases.models import Case, Restriction, TimelineEvent
from putright.core import clock
from putright.letters.models import IssuedLetter
from tests.staff.personas import RESIDENT, Council, complaint_at_stage1

pytestmark = pytest.mark.django_db
ROLES = ["complaints", "priya", "tom", "sam", "manager", "insight", "governance"]
OK, REDIRECT, BAD, REFUSED, HIDDEN = 200, 302, 400, 403, 404


def dated(prefix: str, day: dt.date) -> dict[str, object]:
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def restriction_form(start: dt.date, review: dt.date) -> dict[str, object]:
    return {
        "scope": "phone",
        "restriction": "Please contact us by email only, to Jess Walker.",
        "reason": "Repeated abusive phone calls to staff on 2, 3 and 4 November.",
        **dated("starts_on", start),
        **dated("review_on", review),
    }


@pytest.fixture
def case(council: Council) -> Case:
    return complaint_at_stage1(council, officer="priya")


class TestARestriction:
    def test_added_its_letter_issued_reviewed_and_applied_to_the_next_contact(
        self, case: Case, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        today = clock.today()
        client = client_for("complaints")

        added = client.post(
            f"/staff/cases/{case.reference}/restrictions/add/",
            restriction_form(today, today + dt.timedelta(days=90)),
        )

        assert added.status_code == REDIRECT
        restriction = Restriction.objects.get(person_id=case.person_id)
        assert restriction.get_scope_display() == "Phone calls"
        letter = IssuedLetter.objects.get(case=case, kind="restriction_notice")
        assert "ask us to review" in letter.body_text
        assert "Housing Ombudsman Service" in letter.body_text
        assert "Repeated abusive phone calls" in letter.body_text
        assert TimelineEvent.objects.filter(case=case, action="restriction_added").exists()

        next_review = today + dt.timedelta(days=180)
        reviewed = client.post(
            f"/staff/cases/{case.reference}/restrictions/review/{restriction.pk}/",
            {**dated("next_review_on", next_review), "note": "Calls continued in December"},
        )
        restriction.refresh_from_db()
        assert reviewed.status_code == REDIRECT
        assert (restriction.review_on, restriction.last_reviewed_on) == (next_review, today)

        later = services.contact_record(
            channel="phone",
            person=RESIDENT,
            service=council.housing,
            text="The mould is back in the kitchen now.",
            actor=council["complaints"].actor,
            known_person=case.person,
        )
        triage = client.get(f"/staff/inbox/{later.reference}/").content.decode()
        page = client.get(f"/staff/cases/{later.reference}/").content.decode()
        assert "Contact restriction on this person (phone calls)" in triage
        assert "It applies to all of this person's cases" in page

        ended = client.post(
            f"/staff/cases/{later.reference}/restrictions/end/{restriction.pk}/",
            {"note": "Behaviour has improved"},
        )
        restriction.refresh_from_db()
        assert ended.status_code == REDIRECT and restriction.ended_on == today
        page = client.get(f"/staff/cases/{case.reference}/").content.decode()
        assert 'aria-label="Contact restriction 1"' not in page

    def test_a_review_date_before_the_start_is_refused_and_changes_nothing(
        self, case: Case, client_for: Callable[[str], Client]
    ) -> None:
        today = clock.today()
        reply = client_for("complaints").post(
            f"/staff/cases/{case.reference}/restrictions/add/", restriction_form(today, today)
        )
        assert reply.status_code == BAD
        assert "The review date must be after the restriction starts" in reply.content.decode()
        assert not Restriction.objects.exists()
        assert not IssuedLetter.objects.filter(kind="restriction_notice").exists()


@pytest.mark.parametrize("role", ROLES)
def test_each_role_is_allowed_or_refused_on_the_restriction_pages(
    role: str, case: Case, council: Council, client_for: Callable[[str], Client]
) -> None:
    today = clock.today()
    restriction = services.restriction_impose(
        case=case,
        actor=council["complaints"].actor,
        restriction="Email only",
        reason="Abusive calls",
        scope="phone",
        starts_on=today,
        review_on=today + dt.timedelta(days=30),
    )
    base = f"/staff/cases/{case.reference}/restrictions"
    expected = {
        "complaints": OK,
        "priya": OK,
        "manager": OK,
        "tom": REFUSED,
        "sam": HIDDEN,
        "insight": REFUSED,
        "governance": REFUSED,
    }[role]
    client = client_for(role)
    for url in (
        f"{base}/add/",
        f"{base}/review/{restriction.pk}/",
        f"{base}/end/{restriction.pk}/",
    ):
        assert client.get(url).status_code == expected, url


def test_each_restriction_page_runs_a_fixed_number_of_queries(
    case: Case, council: Council, client_for: Callable[[str], Client]
) -> None:
    from tests.staff.test_query_counts import queries_for

    today = clock.today()

    def restrict() -> Restriction:
        case.refresh_from_db()
        return services.restriction_impose(
            case=case,
            actor=council["complaints"].actor,
            restriction="Email only",
            reason="Abusive calls",
            scope="phone",
            starts_on=today,
            review_on=today + dt.timedelta(days=30),
        )

    first = restrict()
    base = f"/staff/cases/{case.reference}/restrictions"
    urls = [f"{base}/add/", f"{base}/review/{first.pk}/", f"{base}/end/{first.pk}/"]
    client = client_for("complaints")
    one = [queries_for(client, url) for url in urls]
    for _ in range(5):
        restrict()
    assert [queries_for(client, url) for url in urls] == one
