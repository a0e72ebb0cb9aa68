"""The back office's pages: work queues, the case page and its moves, triage, counts."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.test import Client

from putright.accounts.models import SavedView
from putright.cases import services
from putright.cases.models import Case, CaseLink, Contact, StageRecord
from putright.core import clock
from putright.core.policy import working_calendar
from putright.policy.lifecycle import Move
from putright.staff.moves import MOVES
from putright.staff.queries import PAGE_SIZE
from tests.staff.personas import Council, complaint_at_stage1, complaint_new
from tests.staff.test_query_counts import open_cases


def row_ids(content: bytes) -> list[int]:
    return [int(i) for i in re.findall(rb'data-case-id="(\d+)"', content)]


class TestWorkQueues:
    def test_rows_carry_their_case_id_in_deadline_order(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        cases = open_cases(council, 5)

        ids = row_ids(client_for("complaints").get("/staff/cases/").content)

        by_deadline = sorted(cases, key=lambda c: (c.next_deadline_on, c.pk))
        assert ids == [c.pk for c in by_deadline]

    def test_it_sorts_the_other_way(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        cases = open_cases(council, 5)

        ids = row_ids(client_for("complaints").get("/staff/cases/?sort=-deadline").content)

        assert ids == [c.pk for c in sorted(cases, key=lambda c: (c.next_deadline_on, c.pk))][::-1]

    def test_it_pages_with_previous_and_next_and_no_total(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        open_cases(council, PAGE_SIZE + 3)
        client = client_for("complaints")

        first = client.get("/staff/cases/").content
        second = client.get("/staff/cases/?page=2").content

        assert len(row_ids(first)) == PAGE_SIZE
        assert len(row_ids(second)) == 3
        assert not set(row_ids(first)) & set(row_ids(second))
        assert b'rel="next"' in first and b'rel="prev"' in second

    def test_mine_lists_the_officers_own_cases(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        priyas = complaint_at_stage1(council, officer="priya")
        toms = complaint_at_stage1(council, officer="tom")

        ids = row_ids(client_for("priya").get("/staff/cases/?queue=mine").content)

        assert priyas.pk in ids and toms.pk not in ids

    def test_it_shows_the_deadline_state_and_the_owner(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_at_stage1(council, officer="priya")
        Case.objects.filter(pk=case.pk).update(next_deadline_on=clock.today())

        content = client_for("complaints").get("/staff/cases/").content.decode()

        assert "Due within 2 working days" in content
        assert "Priya Shah" in content

    def test_it_filters_overdue_cases(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        late, _on_time = open_cases(council, 2)
        Case.objects.filter(pk=late.pk).update(
            next_deadline_on=working_calendar().add_working_days(clock.today(), -3)
        )

        ids = row_ids(client_for("complaints").get("/staff/cases/?due=overdue").content)

        assert ids == [late.pk]

    def test_it_searches_names_summaries_and_references(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        mould = complaint_at_stage1(council, text="Black mould in the bathroom")
        bins = complaint_new(council, council.waste, text="Bins missed again")
        client = client_for("complaints")

        by_word = row_ids(client.get("/staff/cases/?q=mould").content)
        by_reference = row_ids(client.get(f"/staff/cases/?q={bins.reference}").content)

        assert mould.pk in by_word and bins.pk not in by_word
        assert by_reference == [bins.pk]

    def test_a_saved_view_keeps_the_queue_and_comes_back(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        client = client_for("complaints")

        response = client.post(
            "/staff/cases/views/",
            {"name": "Overdue repairs", "query": "queue=all&due=overdue&page=3&x=1"},
        )

        view = SavedView.objects.get(user=council["complaints"].user)
        assert response.status_code == 302
        assert view.query == "queue=all&due=overdue"
        assert "Overdue repairs" in client.get("/staff/cases/").content.decode()
        client.post(f"/staff/cases/views/{view.pk}/delete/")
        assert not SavedView.objects.exists()

    def test_a_saved_view_needs_a_name(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        response = client_for("complaints").post("/staff/cases/views/", {"name": " "})

        assert response.status_code == 400
        assert "Enter a name for this view" in response.content.decode()


class TestCasePage:
    def test_it_offers_exactly_the_moves_the_policy_allows(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        from putright.cases import selectors

        for case in (complaint_new(council), complaint_at_stage1(council)):
            content = client_for("complaints").get(f"/staff/cases/{case.reference}/").content
            offered = {m.decode() for m in re.findall(rb'data-move="([a-z_]+)"', content)}
            assert offered == {str(m) for m in selectors.case_moves_allowed(case=case)}

    def test_it_refuses_a_move_the_policy_does_not_allow_now(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_new(council)

        response = client_for("complaints").get(f"/staff/cases/{case.reference}/respond/")

        assert response.status_code == 403

    def test_it_shows_the_banners_the_definition_and_the_deadlines(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_at_stage1(council)
        actor = council["complaints"].actor
        services.adjustment_add(case=case, actor=actor, kind="large_print")
        services.representative_add(
            case=case, actor=actor, name="Cllr Ann Jones", relationship="councillor"
        )

        content = client_for("priya").get(f"/staff/cases/{case.reference}/").content.decode()

        assert "Reasonable adjustment: Large print" in content
        assert "Representative: Cllr Ann Jones (Councillor)" in content
        assert "Nobody came to inspect" in content
        assert "Stage 1: response" in content
        assert 'class="moj-timeline"' in content

    def test_the_response_will_not_issue_without_items_a_to_g(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_at_stage1(council)

        response = client_for("priya").post(
            f"/staff/cases/{case.reference}/respond/",
            {"stage": 1, "version": case.version, "complaint_definition": "Mould"},
        )

        content = response.content.decode()
        assert response.status_code == 400
        for item in (
            "(c) the decision overall",
            "(d) the reasons",
            "(e) the remedies",
            "(f) the outstanding actions",
            "(g) how to escalate",
        ):
            assert item in content
        case.refresh_from_db()
        assert case.status == "in_progress"

    def test_a_stale_page_is_refused_with_a_conflict(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_at_stage1(council)
        stale = case.version
        services.case_allocate(
            case=case, actor=council["complaints"].actor, officer=council["tom"].officer
        )

        response = client_for("complaints").post(
            f"/staff/cases/{case.reference}/allocate/",
            {"version": stale, "officer": council["priya"].officer.pk},
        )

        assert response.status_code == 400
        assert "Someone else has just changed case" in response.content.decode()
        assert StageRecord.objects.get(case=case, number=1).officer == council["tom"].officer

    def test_every_move_has_a_form(self) -> None:
        assert set(MOVES) == set(Move)

    def test_remedies_and_actions_are_added_and_updated(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_at_stage1(council)
        client = client_for("priya")
        due = working_calendar().add_working_days(clock.today(), 10)

        client.post(
            f"/staff/cases/{case.reference}/records/remedy/",
            {"kind": "apology", "description": "An apology for the delay", "version": case.version},
        )
        case.refresh_from_db()
        client.post(
            f"/staff/cases/{case.reference}/records/action/",
            {
                "version": case.version,
                "description": "Treat the mould",
                "due_on_day": due.day,
                "due_on_month": due.month,
                "due_on_year": due.year,
                "update_every_days": 5,
            },
        )
        action = case.actions.get()
        case.refresh_from_db()
        client.post(
            f"/staff/cases/{case.reference}/records/action-update/{action.pk}/",
            {"text": "Contractor booked", "completed": "", "version": case.version},
        )

        content = client.get(f"/staff/cases/{case.reference}/").content.decode()
        assert "An apology for the delay" in content
        assert "Contractor booked" in content


class TestTriage:
    def test_the_inbox_lists_new_contacts_and_logs_one_by_phone(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        waiting = complaint_new(council)
        client = client_for("complaints")

        assert waiting.pk in row_ids(client.get("/staff/inbox/").content)
        response = client.post(
            "/staff/inbox/",
            {
                "channel": "mp_councillor",
                "kind": "mp_councillor_enquiry",
                "service": council.housing.pk,
                "name": "Ahmed Hussain",
                "email": "ahmed@example.org",
                "text": "My MP asked why the roof is still leaking.",
                "rep_name": "Jane Member MP",
                "rep_relationship": "mp",
                "rep_consent": "not_needed",
            },
        )

        logged = Case.objects.exclude(pk=waiting.pk).get()
        assert response["Location"] == f"/staff/inbox/{logged.reference}/"
        assert logged.channel == "mp_councillor"

    def test_logging_needs_a_way_to_contact_the_person(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        response = client_for("complaints").post(
            "/staff/inbox/",
            {
                "channel": "phone",
                "kind": "complaint",
                "service": council.housing.pk,
                "name": "Ahmed Hussain",
                "text": "The roof leaks.",
            },
        )

        assert response.status_code == 400
        assert "Enter at least one way to contact the person" in response.content.decode()

    def test_classify_takes_it_out_of_the_inbox(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_new(council, kind="complaint")

        client_for("complaints").post(
            f"/staff/inbox/{case.reference}/classify/",
            {
                "classify-kind": "compliment",
                "classify-reason": "Thanks the repairs team",
                "classify-version": case.version,
            },
        )

        case.refresh_from_db()
        assert case.kind == "compliment" and case.status == "closed"
        assert not Contact.objects.filter(case=case, triaged_at__isnull=True).exists()

    def test_exclude_needs_a_ground_from_the_catalogue(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_new(council)
        client = client_for("complaints")

        refused = client.post(
            f"/staff/inbox/{case.reference}/exclude/",
            {"exclude-code": "because", "exclude-reasons": "No", "exclude-version": case.version},
        )
        done = client.post(
            f"/staff/inbox/{case.reference}/exclude/",
            {
                "exclude-code": "alternative_redress",
                "exclude-reasons": "A planning appeal",
                "exclude-version": case.version,
            },
        )

        assert refused.status_code == 400
        assert done.status_code == 302
        case.refresh_from_db()
        assert case.status == "excluded"

    def test_join_adds_the_issue_to_the_open_case(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        open_case = complaint_at_stage1(council)
        new = complaint_new(council, text="And the extractor fan is broken")

        response = client_for("complaints").post(
            f"/staff/inbox/{new.reference}/join/",
            {"join-open_case": open_case.reference, "join-version": new.version},
        )

        assert response["Location"] == f"/staff/cases/{open_case.reference}/"
        assert CaseLink.objects.filter(from_case=new, to_case=open_case).exists()

    def test_a_service_request_becomes_a_complaint_and_stays_open(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        request = complaint_new(council, kind="service_request", text="Please fix the gate")

        response = client_for("complaints").post(
            f"/staff/inbox/{request.reference}/raise/",
            {"raise-text": "Nobody has come in six weeks"},
        )

        complaint = CaseLink.objects.get(to_case=request, kind="raised_from").from_case
        assert response["Location"] == f"/staff/cases/{complaint.reference}/"
        request.refresh_from_db()
        assert request.status == "received"

    def test_hints_show_the_same_persons_open_cases_and_similar_text(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        earlier = complaint_at_stage1(council, text="Damp and mould in the back bedroom")
        new = complaint_new(council, text="The mould in the bedroom is back")

        content = client_for("complaints").get(f"/staff/inbox/{new.reference}/").content.decode()

        hints = content.split('id="hints-same-person"', 1)[1]
        assert earlier.reference in hints
        assert earlier.reference in content.split('id="hints-similar"', 1)[1]


def test_the_counts_page_groups_open_cases_by_service_and_status(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    open_cases(council, 3)
    complaint_new(council, council.waste)

    content = client_for("governance").get("/staff/reports/service-status/").content.decode()

    assert "4 open cases" in content
    assert "Housing repairs" in content and "Waste and recycling" in content


def test_the_navigation_offers_only_what_the_role_can_open(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    def links(role: str) -> list[str]:
        content = client_for(role).get("/staff/reports/service-status/").content.decode()
        nav = content.split('id="navigation"', 1)[1].split("</ul>", 1)[0]
        return re.findall(r'href="(/staff/[^"]*)"', nav)

    # Issue 13's reports come last: one item, the hub listing every report the role may open.
    reports = ["/staff/reports/"]
    assert links("governance") == ["/staff/reports/service-status/", *reports]
    assert links("insight") == [
        "/staff/cases/",
        "/staff/reports/service-status/",
        "/staff/reports/equality/",
        "/staff/learning/",
        *reports,
    ]
    assert links("complaints") == [
        "/staff/cases/",
        "/staff/inbox/",
        "/staff/reports/service-status/",
        "/staff/letters/post/",
        "/staff/learning/",
        "/staff/calendar/",
        *reports,
    ]
