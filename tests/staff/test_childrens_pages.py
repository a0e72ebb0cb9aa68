"""Children's social care on the case page: arranging the stage 3 review panel (a chair and
two independent persons chosen from the independent officers, a date inside the target from
the process configuration, invitations as letters) and frozen decisions. An officer who is
not independent is refused with a clear message and nothing changes. Permissions and query
counts for every page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client

from putright.cases import services
from putright.cases.models import (
    Case,
    ChildrensRepresentation,
    FrozenDecision,
    Officer,
    PanelReview,
    Service,
    StageRecord,
    TimelineEvent,
)
from putright.cases.services import Actor
from putright.core import clock
from putright.core.policy import working_calendar
from putright.letters.models import IssuedLetter
from tests.cases.test_journeys import response
from tests.staff.personas import Council, complaint_at_stage1, complaint_new
from tests.staff.test_query_counts import queries_for

pytestmark = pytest.mark.django_db
ROLES = ["complaints", "priya", "tom", "sam", "manager", "insight", "governance"]
OK, REDIRECT, BAD, REFUSED, HIDDEN = 200, 302, 400, 403, 404
ISSUES = ["Four social workers in a year"]
OUTCOMES = "A stable social worker"


def dated(prefix: str, day: dt.date) -> dict[str, object]:
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def childrens_at_stage3(council: Council) -> Case:
    """A children's complaint through stage 1 and the stage 2 investigation, a review panel
    requested and acknowledged today, with Ian Fletcher (independent) as its officer."""
    service, _ = Service.objects.get_or_create(
        code="childrens-social-care",
        defaults={"name": "Children's social care", "process": "childrens_social_care"},
    )
    team = council["complaints"].actor
    case = complaint_new(council, service, text="Four social workers in a year.")
    services.complaint_acknowledge(
        case=case,
        actor=team,
        issues=ISSUES,
        outcomes_sought=OUTCOMES,
        officer=council["complaints"].officer,
    )
    services.stage_respond(case=case, actor=team, content=response(1))
    services.escalation_request(case=case, actor=services.RESIDENT_ONLINE, channel="phone")
    investigator = Officer.objects.create(name="Peter Wood", is_independent=True)
    services.escalation_acknowledge(case=case, actor=team, officer=investigator)
    services.complaint_statement_agree(
        case=case, actor=Actor.of(investigator), issues=ISSUES, outcomes_sought=OUTCOMES
    )
    services.stage_respond(case=case, actor=Actor.of(investigator), content=response(2))
    services.escalation_request(case=case, actor=services.RESIDENT_ONLINE, channel="letter")
    chair = Officer.objects.create(name="Ian Fletcher", is_independent=True)
    services.escalation_acknowledge(case=case, actor=team, officer=chair)
    return case


def working_days_ahead(n: int) -> dt.date:
    return working_calendar().add_working_days(clock.today(), n)


@pytest.fixture
def case(council: Council) -> Case:
    return childrens_at_stage3(council)


@pytest.fixture
def panel_people(case: Case) -> dict[str, Officer]:
    return {
        "chair": Officer.objects.get(name="Ian Fletcher"),
        "one": Officer.objects.create(name="Asha Verma", is_independent=True),
        "two": Officer.objects.create(name="Colin Reid", is_independent=True),
    }


def panel_form(chair: Officer, one: Officer, two: Officer, day: dt.date) -> dict[str, object]:
    return {"chair": chair.pk, "person_one": one.pk, "person_two": two.pk, **dated("panel_on", day)}


class TestArrangingTheReviewPanel:
    def test_a_childrens_stage_3_panel_arranged_with_a_chair_and_two_independent_persons(
        self,
        case: Case,
        panel_people: dict[str, Officer],
        client_for: Callable[[str], Client],
    ) -> None:
        client = client_for("complaints")
        day = working_days_ahead(10)

        form_page = client.get(f"/staff/cases/{case.reference}/childrens/panel/")
        target = services.panel_target(case=case, today=clock.today())
        assert target is not None
        assert f"By {target:%-d %B %Y}, the target for this stage." in form_page.content.decode()

        sent = client.post(
            f"/staff/cases/{case.reference}/childrens/panel/",
            panel_form(panel_people["chair"], panel_people["one"], panel_people["two"], day),
        )

        assert sent.status_code == REDIRECT
        panel = PanelReview.objects.get(case=case)
        assert (panel.chair, panel.independent_person_one, panel.independent_person_two) == (
            panel_people["chair"],
            panel_people["one"],
            panel_people["two"],
        )
        assert panel.panel_date == day
        letter = IssuedLetter.objects.get(case=case, kind="panel_invitation")
        for words in (f"{day:%-d %B %Y}", "Ian Fletcher", "Asha Verma", "Colin Reid"):
            assert words in letter.body_text
        entry = TimelineEvent.objects.get(case=case, action="panel_arranged")
        assert "Ian Fletcher" in entry.summary
        page = client.get(f"/staff/cases/{case.reference}/").content.decode()
        assert "Asha Verma and Colin Reid" in page
        assert "Sent by letter on" in page

    def test_an_officer_who_is_not_independent_is_refused_as_chair_with_a_clear_message(
        self,
        case: Case,
        council: Council,
        panel_people: dict[str, Officer],
        client_for: Callable[[str], Client],
    ) -> None:
        client = client_for("complaints")
        priya = council["priya"].officer
        assert priya is not None and not priya.is_independent
        events = TimelineEvent.objects.filter(case=case).count()

        refused = client.post(
            f"/staff/cases/{case.reference}/childrens/panel/",
            panel_form(priya, panel_people["one"], panel_people["two"], working_days_ahead(5)),
        )

        assert refused.status_code == BAD
        assert "Stage 3 needs an independent chair" in refused.content.decode()
        panel = PanelReview.objects.get(case=case)
        assert (panel.chair_id, panel.panel_date, panel.arranged_on) == (None, None, None)
        assert not IssuedLetter.objects.filter(case=case, kind="panel_invitation").exists()
        assert TimelineEvent.objects.filter(case=case).count() == events

    def test_an_officer_who_is_not_independent_is_refused_as_a_panel_member(
        self,
        case: Case,
        council: Council,
        panel_people: dict[str, Officer],
        client_for: Callable[[str], Client],
    ) -> None:
        tom = council["tom"].officer
        assert tom is not None
        refused = client_for("complaints").post(
            f"/staff/cases/{case.reference}/childrens/panel/",
            panel_form(panel_people["chair"], panel_people["one"], tom, working_days_ahead(5)),
        )

        assert refused.status_code == BAD
        assert "needs independent persons on its panel" in refused.content.decode()
        assert PanelReview.objects.get(case=case).chair_id is None

    def test_the_stage_2_investigator_is_refused_on_the_panel_though_independent(
        self, case: Case, panel_people: dict[str, Officer], client_for: Callable[[str], Client]
    ) -> None:
        investigator = Officer.objects.get(name="Peter Wood")
        refused = client_for("complaints").post(
            f"/staff/cases/{case.reference}/childrens/panel/",
            panel_form(
                panel_people["chair"], investigator, panel_people["two"], working_days_ahead(5)
            ),
        )

        assert refused.status_code == BAD
        assert "dealt with the complaint at stage 2" in refused.content.decode()
        assert PanelReview.objects.get(case=case).chair_id is None

    def test_a_date_after_the_configured_target_is_refused(
        self, case: Case, panel_people: dict[str, Officer], client_for: Callable[[str], Client]
    ) -> None:
        target = services.panel_target(case=case, today=clock.today())
        assert target is not None
        late = working_calendar().add_working_days(target, 1)
        refused = client_for("complaints").post(
            f"/staff/cases/{case.reference}/childrens/panel/",
            panel_form(panel_people["chair"], panel_people["one"], panel_people["two"], late),
        )

        assert refused.status_code == BAD
        assert f"The panel must meet by {target:%-d %B %Y}" in refused.content.decode()
        assert PanelReview.objects.get(case=case).panel_date is None

    def test_the_same_person_twice_is_refused(
        self, case: Case, panel_people: dict[str, Officer], client_for: Callable[[str], Client]
    ) -> None:
        one = panel_people["one"]
        refused = client_for("complaints").post(
            f"/staff/cases/{case.reference}/childrens/panel/",
            panel_form(panel_people["chair"], one, one, working_days_ahead(5)),
        )

        assert refused.status_code == BAD
        assert "three different people" in refused.content.decode()


class TestFrozenDecisions:
    def test_a_decision_frozen_then_lifted_shows_on_the_case_page(
        self, case: Case, client_for: Callable[[str], Client]
    ) -> None:
        client = client_for("complaints")
        frozen = client.post(
            f"/staff/cases/{case.reference}/childrens/frozen/",
            {
                "decision": "Move to a new placement.",
                **dated("until", working_days_ahead(20)),
            },
        )
        assert frozen.status_code == REDIRECT
        row = FrozenDecision.objects.get(case=case)
        assert row.frozen_until == working_days_ahead(20)
        assert (
            f"until {working_days_ahead(20):%-d %b %Y}"
            in client.get(f"/staff/cases/{case.reference}/").content.decode()
        )
        assert (
            client.get(f"/staff/cases/{case.reference}/")
            .content.decode()
            .count(f"/childrens/lift/{row.pk}/")
        )

        lifted = client.post(
            f"/staff/cases/{case.reference}/childrens/lift/{row.pk}/",
            dated("lifted_on", clock.today()),
        )

        assert lifted.status_code == REDIRECT
        row.refresh_from_db()
        assert row.unfrozen_on == clock.today()
        assert TimelineEvent.objects.filter(case=case, action="decision_unfrozen").count() == 1
        page = client.get(f"/staff/cases/{case.reference}/").content.decode()
        assert f"lifted {clock.today():%-d %b %Y}" in page

    def test_an_empty_decision_is_refused_and_changes_nothing(
        self, case: Case, client_for: Callable[[str], Client]
    ) -> None:
        refused = client_for("complaints").post(
            f"/staff/cases/{case.reference}/childrens/frozen/", {"decision": ""}
        )
        assert refused.status_code == BAD
        assert "Enter the decision that is frozen" in refused.content.decode()
        assert not FrozenDecision.objects.exists()


class TestSomeoneActingForAChild:
    def test_sufficient_interest_with_reasons_the_childs_views_and_the_advocate_offer(
        self, case: Case, client_for: Callable[[str], Client]
    ) -> None:
        client = client_for("complaints")
        saved = client.post(
            f"/staff/cases/{case.reference}/childrens/representation/",
            {
                "sufficient_interest": "yes",
                "reasons": "Grandmother and the child's main carer since 2024.",
                "childs_views_sought": "yes",
                "childs_views": "Wants to stay at the same school.",
                **dated("advocate_offered_on", clock.today()),
                "advocate_taken_up": "yes",
            },
        )

        assert saved.status_code == REDIRECT
        row = ChildrensRepresentation.objects.get(case=case)
        assert (row.sufficient_interest, row.childs_views_sought, row.advocate_taken_up) == (
            True,
            True,
            True,
        )
        assert row.advocate_offered_on == clock.today()
        page = client.get(f"/staff/cases/{case.reference}/").content.decode()
        assert "Grandmother and the child" in page
        assert f"Offered {clock.today():%-d %b %Y}; taken up" in page

    def test_a_decision_without_reasons_is_refused_and_changes_nothing(
        self, case: Case, client_for: Callable[[str], Client]
    ) -> None:
        refused = client_for("complaints").post(
            f"/staff/cases/{case.reference}/childrens/representation/",
            {"sufficient_interest": "no", "reasons": ""},
        )
        assert refused.status_code == BAD
        assert "Give the reasons for the sufficient interest decision" in refused.content.decode()
        assert not ChildrensRepresentation.objects.exists()


class TestTheStage2IndependentPerson:
    def test_recorded_beside_the_independent_investigating_officer(
        self, case: Case, client_for: Callable[[str], Client]
    ) -> None:
        person = Officer.objects.create(name="Dana Morris", is_independent=True)
        client = client_for("complaints")
        saved = client.post(
            f"/staff/cases/{case.reference}/childrens/independent-person/", {"officer": person.pk}
        )

        assert saved.status_code == REDIRECT
        assert StageRecord.objects.get(case=case, number=2).independent_person == person
        page = client.get(f"/staff/cases/{case.reference}/").content.decode()
        assert "Peter Wood" in page and "Dana Morris" in page

    def test_an_officer_who_is_not_independent_is_refused_and_nothing_changes(
        self, case: Case, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        tom = council["tom"].officer
        assert tom is not None
        refused = client_for("complaints").post(
            f"/staff/cases/{case.reference}/childrens/independent-person/", {"officer": tom.pk}
        )
        assert refused.status_code == BAD
        assert "Stage 2 needs an independent person" in refused.content.decode()
        assert StageRecord.objects.get(case=case, number=2).independent_person is None


def test_the_childrens_pages_and_section_exist_only_on_childrens_cases(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    housing = complaint_at_stage1(council)
    client = client_for("complaints")
    for action in ("panel", "frozen", "representation", "independent-person"):
        url = f"/staff/cases/{housing.reference}/childrens/{action}/"
        assert client.get(url).status_code == HIDDEN, url
    assert (
        "Children's social care"
        not in client.get(f"/staff/cases/{housing.reference}/").content.decode()
    )


@pytest.mark.parametrize("role", ROLES)
def test_each_role_is_allowed_or_refused_on_the_childrens_pages(
    role: str, case: Case, council: Council, client_for: Callable[[str], Client]
) -> None:
    frozen = services.frozen_decision_add(
        case=case, actor=council["complaints"].actor, decision="A placement move"
    )
    base = f"/staff/cases/{case.reference}/childrens"
    # Only the complaints team acts on any case; the others' services are housing and waste.
    expected = (
        OK
        if role == "complaints"
        else (HIDDEN if role in ("priya", "tom", "sam", "manager") else REFUSED)
    )
    client = client_for(role)
    for url in (
        f"{base}/panel/",
        f"{base}/frozen/",
        f"{base}/lift/{frozen.pk}/",
        f"{base}/representation/",
        f"{base}/independent-person/",
    ):
        assert client.get(url).status_code == expected, url


def test_each_childrens_page_runs_a_fixed_number_of_queries(
    case: Case, council: Council, client_for: Callable[[str], Client]
) -> None:
    def freeze() -> FrozenDecision:
        case.refresh_from_db()
        return services.frozen_decision_add(
            case=case, actor=council["complaints"].actor, decision="A placement move"
        )

    first = freeze()
    base = f"/staff/cases/{case.reference}"
    urls = [
        f"{base}/childrens/panel/",
        f"{base}/childrens/frozen/",
        f"{base}/childrens/lift/{first.pk}/",
        f"{base}/childrens/representation/",
        f"{base}/childrens/independent-person/",
        f"{base}/",
    ]
    client = client_for("complaints")
    one = [queries_for(client, url) for url in urls]
    for n in range(5):
        freeze()
        Officer.objects.create(name=f"Independent {n}", is_independent=True)
    assert [queries_for(client, url) for url in urls] == one
