"""The permission matrix: every role against every back-office page and action, allowed and
refused, including another service's case, another officer's case, a restricted case and
equality-monitoring answers.

The council (tests/staff/personas.py): Priya and Tom investigate housing repairs, Sam
investigates waste, the service manager runs housing repairs. Case A is a housing complaint
at stage 1 allocated to Priya; case B is a waste complaint allocated to Sam; case R is a
restricted housing complaint (a member of staff complaining); N is a new housing contact in
the triage inbox.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

from putright.accounts.services import case_access_grant
from putright.cases import services
from putright.cases.models import Case, Extension
from putright.cases.services import PersonDetails
from putright.core import clock
from putright.core.policy import working_calendar
from tests.staff.personas import Council, complaint_at_stage1, complaint_new

ROLES = ["complaints", "priya", "tom", "sam", "manager", "insight", "governance"]
OK, REFUSED, HIDDEN, REDIRECT = 200, 403, 404, 302


@dataclass
class Cases:
    a: Case  # housing, Priya's
    b: Case  # waste, Sam's
    r: Case  # restricted housing case, Priya's
    n: Case  # new housing contact, untriaged


@pytest.fixture
def cases(council: Council) -> Cases:
    a = complaint_at_stage1(council, officer="priya")
    b = complaint_new(council, council.waste, text="Bins not collected for three weeks.")
    b = services.complaint_acknowledge(
        case=b,
        actor=council["complaints"].actor,
        issues=["Bins not collected"],
        outcomes_sought="Collect the bins",
        officer=council["sam"].officer,
    )
    staff = PersonDetails(
        name="Alex Staff", email="alex@northfield.example.gov.uk", is_staff_member=True
    )
    r = complaint_at_stage1(council, officer="priya", person=staff)
    n = complaint_new(council, text="The repair man never came.")
    return Cases(a=a, b=b, r=r, n=n)


# (name, method, path with {a}/{b}/{r}/{n} references, expected status per role)
PAGES: list[tuple[str, str, str, dict[str, int]]] = [
    (
        "case list",
        "get",
        "/staff/cases/",
        {**dict.fromkeys(ROLES, OK), "governance": REFUSED},
    ),
    (
        "triage inbox",
        "get",
        "/staff/inbox/",
        {**dict.fromkeys(ROLES, REFUSED), "complaints": OK},
    ),
    (
        "triage a contact",
        "get",
        "/staff/inbox/{n}/",
        {**dict.fromkeys(ROLES, REFUSED), "complaints": OK},
    ),
    (
        "counts page",
        "get",
        "/staff/reports/service-status/",
        {
            "complaints": OK,
            "priya": REFUSED,
            "tom": REFUSED,
            "sam": REFUSED,
            "manager": OK,
            "insight": OK,
            "governance": OK,
        },
    ),
    (
        "equality monitoring in aggregate",
        "get",
        "/staff/reports/equality/",
        {**dict.fromkeys(ROLES, REFUSED), "insight": OK},
    ),
    (
        "own service's case (Priya's)",
        "get",
        "/staff/cases/{a}/",
        {
            "complaints": OK,
            "priya": OK,
            "tom": OK,
            "sam": HIDDEN,
            "manager": OK,
            "insight": OK,
            "governance": REFUSED,
        },
    ),
    (
        "another service's case (waste)",
        "get",
        "/staff/cases/{b}/",
        {
            "complaints": OK,
            "priya": HIDDEN,
            "tom": HIDDEN,
            "sam": OK,
            "manager": HIDDEN,
            "insight": OK,
            "governance": REFUSED,
        },
    ),
    (
        "restricted case, nobody named",
        "get",
        "/staff/cases/{r}/",
        {**dict.fromkeys(ROLES, HIDDEN), "governance": REFUSED},
    ),
    (
        "a move's form on Priya's case (extend)",
        "get",
        "/staff/cases/{a}/extend/",
        {
            "complaints": OK,
            "priya": OK,
            "tom": REFUSED,
            "sam": HIDDEN,
            "manager": OK,
            "insight": REFUSED,
            "governance": REFUSED,
        },
    ),
    (
        "a record form on Priya's case (offer a remedy)",
        "get",
        "/staff/cases/{a}/records/remedy/",
        {
            "complaints": OK,
            "priya": OK,
            "tom": REFUSED,
            "sam": HIDDEN,
            "manager": OK,
            "insight": REFUSED,
            "governance": REFUSED,
        },
    ),
    (
        "a move's form on the waste case",
        "get",
        "/staff/cases/{b}/extend/",
        {
            "complaints": OK,
            "priya": HIDDEN,
            "tom": HIDDEN,
            "sam": OK,
            "manager": HIDDEN,
            "insight": REFUSED,
            "governance": REFUSED,
        },
    ),
    (
        "log a contact",
        "post",
        "/staff/inbox/",
        {**dict.fromkeys(ROLES, REFUSED), "complaints": REDIRECT},
    ),
    (
        "classify a contact",
        "post",
        "/staff/inbox/{n}/classify/",
        {**dict.fromkeys(ROLES, REFUSED), "complaints": REDIRECT},
    ),
]
# A 403 for what a role may never do, a 404 for a case it may not see (its existence is
# not given away).

CASES = [(name, role) for name, *_ in PAGES for role in ROLES]


def _data(name: str) -> dict[str, str]:
    if name == "log a contact":
        return {
            "channel": "phone",
            "kind": "complaint",
            "service": "",
            "name": "Chloe Bennett",
            "phone": "01632 960 111",
            "text": "The streetlight outside my house has been out for weeks.",
        }
    if name == "classify a contact":
        return {"classify-kind": "complaint", "classify-reason": "Dissatisfaction with a repair"}
    return {}


@pytest.mark.parametrize(("page", "role"), CASES, ids=[f"{p}-{r}" for p, r in CASES])
def test_each_role_is_allowed_or_refused(
    page: str, role: str, cases: Cases, council: Council, client_for: Callable[[str], Client]
) -> None:
    name, method, path, expected = next(p for p in PAGES if p[0] == page)
    url = path.format(
        a=cases.a.reference, b=cases.b.reference, r=cases.r.reference, n=cases.n.reference
    )
    data = _data(name)
    if name == "log a contact":
        data["service"] = str(council.housing.pk)
    if name == "classify a contact":
        data["classify-version"] = str(cases.n.version)

    response = getattr(client_for(role), method)(url, data)

    assert response.status_code == expected[role], response.content.decode()[:2000]


def test_a_named_person_sees_a_restricted_case_whatever_the_service(
    cases: Cases, council: Council, client_for: Callable[[str], Client]
) -> None:
    case_access_grant(
        case=cases.r, user=council["sam"].user, granted_by=None, reason="Investigating the HR side"
    )

    assert client_for("sam").get(f"/staff/cases/{cases.r.reference}/").status_code == OK
    assert client_for("complaints").get(f"/staff/cases/{cases.r.reference}/").status_code == HIDDEN


@pytest.mark.parametrize("role", ["complaints", "priya", "tom", "sam", "manager", "insight"])
def test_lists_show_only_the_cases_a_role_may_see(
    role: str, cases: Cases, client_for: Callable[[str], Client]
) -> None:
    content = client_for(role).get("/staff/cases/?queue=all").content.decode()

    shown = {c.reference for c in (cases.a, cases.b, cases.r, cases.n) if c.reference in content}
    expected = {
        "complaints": {cases.a.reference, cases.b.reference, cases.n.reference},
        "insight": {cases.a.reference, cases.b.reference, cases.n.reference},
        "priya": {cases.a.reference, cases.n.reference},
        "tom": {cases.a.reference, cases.n.reference},
        "manager": {cases.a.reference, cases.n.reference},
        "sam": {cases.b.reference},
    }[role]
    assert shown == expected


def test_the_restricted_case_is_in_no_list_until_someone_is_named(
    cases: Cases, council: Council, client_for: Callable[[str], Client]
) -> None:
    before = client_for("complaints").get("/staff/cases/?queue=all").content.decode()
    case_access_grant(
        case=cases.r, user=council["complaints"].user, granted_by=None, reason="Triage"
    )
    after = client_for("complaints").get("/staff/cases/?queue=all").content.decode()

    assert cases.r.reference not in before
    assert cases.r.reference in after


class TestActing:
    def _extend(self, client: Client, case: Case) -> int:
        due = working_calendar().add_working_days(clock.today(), 12)
        response = client.post(
            f"/staff/cases/{case.reference}/extend/",
            {
                "version": case.version,
                "new_due_day": due.day,
                "new_due_month": due.month,
                "new_due_year": due.year,
                "reason": "Waiting for a damp survey",
            },
        )
        return response.status_code

    def test_the_case_officer_extends_their_own_case(
        self, cases: Cases, client_for: Callable[[str], Client]
    ) -> None:
        assert self._extend(client_for("priya"), cases.a) == REDIRECT
        assert Extension.objects.filter(stage__case=cases.a).count() == 1

    @pytest.mark.parametrize("role", ["tom", "insight", "governance"])
    def test_another_officer_or_a_read_only_role_changes_nothing(
        self, role: str, cases: Cases, client_for: Callable[[str], Client]
    ) -> None:
        assert self._extend(client_for(role), cases.a) == REFUSED
        assert not Extension.objects.filter(stage__case=cases.a).exists()

    def test_an_officer_of_another_service_cannot_even_see_it(
        self, cases: Cases, client_for: Callable[[str], Client]
    ) -> None:
        assert self._extend(client_for("sam"), cases.a) == HIDDEN
        assert not Extension.objects.filter(stage__case=cases.a).exists()

    def test_the_service_manager_acts_on_their_service_only(
        self, cases: Cases, client_for: Callable[[str], Client]
    ) -> None:
        assert self._extend(client_for("manager"), cases.a) == REDIRECT
        assert self._extend(client_for("manager"), cases.b) == HIDDEN

    def test_the_actions_panel_is_empty_for_someone_who_may_only_look(
        self, cases: Cases, client_for: Callable[[str], Client]
    ) -> None:
        content = client_for("tom").get(f"/staff/cases/{cases.a.reference}/").content.decode()

        assert "data-move=" not in content
        assert "You can see this case but not act on it." in content


class TestEqualityAnswers:
    ANSWER = "Zoroastrian"

    def test_they_are_never_shown_on_a_case(
        self, cases: Cases, client_for: Callable[[str], Client]
    ) -> None:
        services.equality_answers_record(case=cases.a, answers={"religion": self.ANSWER})

        for role in ("complaints", "priya", "manager", "insight"):
            content = client_for(role).get(f"/staff/cases/{cases.a.reference}/").content
            assert self.ANSWER.encode() not in content, role

    def test_the_insight_lead_sees_them_counted(
        self, cases: Cases, client_for: Callable[[str], Client], settings: Settings
    ) -> None:
        settings.PUTRIGHT_EQUALITY_FEWEST_SHOWN = 2
        services.equality_answers_record(case=cases.a, answers={"religion": self.ANSWER})
        services.equality_answers_record(case=cases.b, answers={"religion": self.ANSWER})

        content = client_for("insight").get("/staff/reports/equality/").content.decode()

        assert self.ANSWER in content
        assert cases.a.reference not in content
        assert '<td class="govuk-table__cell govuk-table__cell--numeric">2</td>' in content
