"""The category is chosen on the acknowledgement form and the root cause in the response
composer (the officer's screens), each in its own clearly marked block."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from putright.cases.models import Case, Category, RootCause, StageRecord
from tests.staff.personas import Council, complaint_at_stage1, complaint_new

pytestmark = pytest.mark.django_db


def classified(council: Council) -> Case:
    from putright.cases import services

    case = complaint_new(council)
    services.contact_triage(case=case, actor=council["complaints"].actor, kind="complaint")
    case.refresh_from_db()
    return case


class TestAcknowledgeForm:
    def test_it_offers_the_categories_and_files_the_case_under_the_one_chosen(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = classified(council)
        client = client_for("complaints")
        page = client.get(f"/staff/cases/{case.reference}/acknowledge/").content.decode()
        assert "Repairs: Damp and mould" in page
        damp = Category.objects.get(code="repairs-damp-mould")

        response = client.post(
            f"/staff/cases/{case.reference}/acknowledge/",
            {
                "version": case.version,
                "issues": "Mould in the bedroom",
                "outcomes_sought": "Fix it",
                "definition_state": "agreed",
                "category": damp.pk,
            },
        )

        assert response.status_code == 302
        case.refresh_from_db()
        assert (case.category_id, case.sub_category_id) == (damp.parent_id, damp.pk)

    def test_an_unknown_category_is_refused_with_a_message_and_changes_nothing(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = classified(council)
        response = client_for("complaints").post(
            f"/staff/cases/{case.reference}/acknowledge/",
            {
                "version": case.version,
                "issues": "Mould",
                "outcomes_sought": "Fix it",
                "definition_state": "agreed",
                "category": 999999,
            },
        )
        assert response.status_code == 400
        assert "Choose a category from the list" in response.content.decode()
        case.refresh_from_db()
        assert case.status == "received" and case.category_id is None


class TestRespondForm:
    def test_the_composer_records_the_root_cause(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_at_stage1(council)
        client = client_for("priya")
        assert (
            "Root cause (optional)"
            in client.get(f"/staff/cases/{case.reference}/respond/").content.decode()
        )
        cause = RootCause.objects.get(code="poor-communication")

        response = client.post(
            f"/staff/cases/{case.reference}/respond/",
            {
                "version": case.version,
                "stage": 1,
                "complaint_definition": "Mould",
                "decision": "upheld",
                "issue_1_decision": "upheld",
                "issue_1_reasons": "No survey",
                "issue_2_decision": "upheld",
                "issue_2_reasons": "Nobody came",
                "reasons": "Policy says 10 days",
                "remedy_1_kind": "apology",
                "remedy_1_description": "An apology",
                "no_outstanding_actions": "on",
                "how_to_escalate": "Reply within 20 working days",
                "root_cause": cause.pk,
                "action": "issue",
            },
        )

        assert response.status_code == 302, response.content.decode()[:2000]
        assert StageRecord.objects.get(case=case, number=1).root_cause_id == cause.pk
