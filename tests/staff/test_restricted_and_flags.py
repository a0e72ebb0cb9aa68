"""Restricted cases: the complaints team sees one exists in the triage inbox ("Restricted",
never its content) and names who may work on it; that person and no one else opens it.
Triage flags: vulnerability (with the reason) and complexity, set at triage; vulnerable
people first in the inbox; the work queues filter and sort by them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from putright.accounts.models import CaseAccess
from putright.cases import services
from putright.cases.models import Case, TimelineEvent
from putright.cases.services import PersonDetails
from tests.staff.personas import Council, complaint_at_stage1, complaint_new
from tests.staff.test_query_counts import queries_for

pytestmark = pytest.mark.django_db
ROLES = ["complaints", "priya", "tom", "sam", "manager", "insight", "governance"]
OK, REDIRECT, BAD, REFUSED, HIDDEN = 200, 302, 400, 403, 404
STAFF = PersonDetails(
    name="Alex Staffmember", email="alex@northfield.example.gov.uk", is_staff_member=True
)


@pytest.fixture
def restricted(council: Council) -> Case:
    case = complaint_new(council, person=STAFF, text="My manager keeps shouting at me")
    assert case.restricted
    return case


class TestRestrictedCaseInTheInbox:
    def test_the_complaints_team_sees_it_exists_as_restricted_and_not_its_content(
        self, restricted: Case, client_for: Callable[[str], Client]
    ) -> None:
        content = client_for("complaints").get("/staff/inbox/").content.decode()
        row = content.split(f'data-case-id="{restricted.pk}"', 1)[1].split("</tr>", 1)[0]
        assert restricted.reference in row and "Restricted" in row
        assert f"/staff/restricted/{restricted.reference}/" in row
        assert "Alex Staffmember" not in content and "shouting" not in content

    def test_the_naming_page_shows_no_content_either(
        self, restricted: Case, client_for: Callable[[str], Client]
    ) -> None:
        content = client_for("complaints").get(f"/staff/restricted/{restricted.reference}/")
        text = content.content.decode()
        assert content.status_code == OK
        assert "Alex Staffmember" not in text and "shouting" not in text


@pytest.mark.parametrize("role", ROLES)
def test_only_the_complaints_team_opens_the_naming_page(
    role: str, restricted: Case, client_for: Callable[[str], Client]
) -> None:
    url = f"/staff/restricted/{restricted.reference}/"
    expected = OK if role == "complaints" else REFUSED
    assert client_for(role).get(url).status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_only_the_complaints_team_names_someone(
    role: str, restricted: Case, council: Council, client_for: Callable[[str], Client]
) -> None:
    reply = client_for(role).post(
        f"/staff/restricted/{restricted.reference}/",
        {"user": council["tom"].user.pk, "reason": "Investigating"},
    )
    assert reply.status_code == (REDIRECT if role == "complaints" else REFUSED)
    assert CaseAccess.objects.filter(case=restricted).exists() == (role == "complaints")


def test_naming_an_officer_lets_that_officer_and_no_one_else_open_it(
    restricted: Case, council: Council, client_for: Callable[[str], Client]
) -> None:
    url = f"/staff/cases/{restricted.reference}/"
    before = {role: client_for(role).get(url).status_code for role in ROLES}

    reply = client_for("complaints").post(
        f"/staff/restricted/{restricted.reference}/",
        {"user": council["tom"].user.pk, "reason": "Independent of the team involved"},
    )

    after = {role: client_for(role).get(url).status_code for role in ROLES}
    assert reply.status_code == REDIRECT
    assert OK not in before.values()
    assert after == {**before, "tom": OK}
    assert {r: s for r, s in after.items() if s == OK} == {"tom": OK}
    entry = TimelineEvent.objects.get(case=restricted, action="restricted_case_named")
    assert entry.summary.startswith("Tom Okafor named to work on this restricted case")


def test_naming_without_a_reason_is_refused_and_changes_nothing(
    restricted: Case, council: Council, client_for: Callable[[str], Client]
) -> None:
    reply = client_for("complaints").post(
        f"/staff/restricted/{restricted.reference}/", {"user": council["tom"].user.pk}
    )
    assert reply.status_code == BAD
    assert "Say why this person needs to see the case" in reply.content.decode()
    assert not CaseAccess.objects.exists()


def test_the_naming_page_runs_a_fixed_number_of_queries(
    restricted: Case, council: Council, client_for: Callable[[str], Client]
) -> None:
    from putright.accounts.services import case_access_grant

    client = client_for("complaints")
    url = f"/staff/restricted/{restricted.reference}/"
    case_access_grant(case=restricted, user=council["tom"].user, granted_by=None, reason="a")
    one = queries_for(client, url)
    for key in ("priya", "sam", "manager"):
        case_access_grant(case=restricted, user=council[key].user, granted_by=None, reason="b")
    assert queries_for(client, url) == one


def flags(client: Client, case: Case, **data: str) -> int:
    return client.post(f"/staff/cases/{case.reference}/flags/", data).status_code


class TestTriageFlags:
    def test_vulnerability_and_complexity_set_at_triage_show_on_the_triage_page(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_new(council)
        client = client_for("complaints")
        assert "/flags/" in client.get(f"/staff/inbox/{case.reference}/").content.decode()

        status = flags(
            client,
            case,
            vulnerable="yes",
            vulnerability_reason="Recently bereaved; call before writing",
            complexity="complex",
        )

        case.refresh_from_db()
        assert status == REDIRECT
        assert (case.vulnerable, case.complexity) == (True, "complex")
        page = client.get(f"/staff/inbox/{case.reference}/").content.decode()
        assert "Recently bereaved" in page
        entry = TimelineEvent.objects.get(case=case, action="triage_flags")
        assert "bereaved" not in entry.summary

    def test_vulnerable_without_a_reason_is_refused_with_a_clear_message(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_new(council)
        reply = client_for("complaints").post(
            f"/staff/cases/{case.reference}/flags/", {"vulnerable": "yes", "complexity": "simple"}
        )
        case.refresh_from_db()
        assert reply.status_code == BAD
        assert "Say why the person is vulnerable" in reply.content.decode()
        assert not case.vulnerable and case.complexity == ""

    def test_vulnerable_peoples_cases_show_first_in_the_inbox(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        older = complaint_new(council, text="Older contact")
        newer = complaint_new(council, text="Newer contact")
        client = client_for("complaints")
        flags(client, newer, vulnerable="yes", vulnerability_reason="Carer", complexity="simple")

        content = client.get("/staff/inbox/").content.decode()

        assert content.index(newer.reference) < content.index(older.reference)
        row = content.split(f'data-case-id="{newer.pk}"', 1)[1].split("</tr>", 1)[0]
        assert "Vulnerable" in row

    def test_the_work_queue_filters_and_sorts_by_the_flags(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        plain = complaint_at_stage1(council)
        vulnerable = complaint_at_stage1(council)
        client = client_for("complaints")
        flags(client, vulnerable, vulnerable="yes", vulnerability_reason="x", complexity="complex")
        flags(client, plain, vulnerable="no", complexity="simple")

        only = client.get("/staff/cases/?queue=all&flag=vulnerable").content.decode()
        simple = client.get("/staff/cases/?queue=all&flag=simple").content.decode()
        first = client.get("/staff/cases/?queue=all&sort=vulnerable").content.decode()
        last = client.get("/staff/cases/?queue=all&sort=-vulnerable").content.decode()

        assert vulnerable.reference in only and plain.reference not in only
        assert plain.reference in simple and vulnerable.reference not in simple
        assert first.index(vulnerable.reference) < first.index(plain.reference)
        assert last.index(plain.reference) < last.index(vulnerable.reference)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_is_allowed_or_refused_on_the_flags_page(
    role: str, council: Council, client_for: Callable[[str], Client]
) -> None:
    case = complaint_at_stage1(council, officer="priya")
    expected = {
        "complaints": OK,
        "priya": OK,
        "manager": OK,
        "tom": REFUSED,
        "sam": HIDDEN,
        "insight": REFUSED,
        "governance": REFUSED,
    }
    assert (
        client_for(role).get(f"/staff/cases/{case.reference}/flags/").status_code
        == (expected[role])
    )


def test_the_flags_page_runs_a_fixed_number_of_queries(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    case = complaint_at_stage1(council)
    client = client_for("complaints")
    one = queries_for(client, f"/staff/cases/{case.reference}/flags/")
    for _ in range(5):
        complaint_at_stage1(council)
    services.case_flags_set(
        case=Case.objects.get(pk=case.pk),
        actor=council["complaints"].actor,
        vulnerable=True,
        vulnerability_reason="Hard of hearing",
        complexity="standard",
    )
    assert queries_for(client, f"/staff/cases/{case.reference}/flags/") == one
