"""The outside probe's findings in the back office, each fixed and kept fixed: no 500 on
far dates or huge numbers, and no move that skips the "someone else changed this" check."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from putright.cases.models import Contact, Extension, StageRecord
from tests.staff.personas import Council, complaint_at_stage1, complaint_new

pytestmark = pytest.mark.django_db


class TestFarDatesAndHugeNumbers:
    def test_extending_to_31_12_9999_is_a_clear_error_not_a_500(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_at_stage1(council)

        response = client_for("priya").post(
            f"/staff/cases/{case.reference}/extend/",
            {
                "version": case.version,
                "new_due_day": "31",
                "new_due_month": "12",
                "new_due_year": "9999",
                "reason": "Waiting for a damp survey",
                "good_reason": "The survey firm has no date yet",
            },
        )

        assert response.status_code == 400
        assert "outside the working-day calendar" in response.content.decode()
        assert not Extension.objects.exists()

    def test_a_25_digit_service_filter_is_ignored_not_a_500(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        response = client_for("complaints").get(f"/staff/cases/?service={'9' * 25}")

        assert response.status_code == 200

    def test_a_25_digit_record_id_is_not_found(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_at_stage1(council)

        response = client_for("priya").get(
            f"/staff/cases/{case.reference}/records/remedy-update/{'9' * 25}/"
        )

        assert response.status_code == 404


class TestTheConflictCheckIsNeverSkipped:
    @pytest.mark.parametrize("version", [None, "0", ""])
    def test_a_move_with_a_missing_or_0_version_is_refused(
        self, council: Council, client_for: Callable[[str], Client], version: str | None
    ) -> None:
        case = complaint_at_stage1(council)
        data = {"officer": council["tom"].officer.pk}
        if version is not None:
            data["version"] = version

        response = client_for("complaints").post(f"/staff/cases/{case.reference}/allocate/", data)

        assert response.status_code == 400
        assert "Someone else has just changed case" in response.content.decode()
        assert StageRecord.objects.get(case=case, number=1).officer == council["priya"].officer

    @pytest.mark.parametrize("version", [None, "0"])
    def test_triage_with_a_missing_or_0_version_is_refused(
        self, council: Council, client_for: Callable[[str], Client], version: str | None
    ) -> None:
        case = complaint_new(council, kind="complaint")
        data = {"classify-kind": "compliment", "classify-reason": "Thanks the repairs team"}
        if version is not None:
            data["classify-version"] = version

        response = client_for("complaints").post(f"/staff/inbox/{case.reference}/classify/", data)

        assert "Someone else has just changed case" in response.content.decode()
        case.refresh_from_db()
        assert case.kind == "complaint"
        assert Contact.objects.filter(case=case, triaged_at__isnull=True).exists()

    def test_the_version_the_page_showed_still_works(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_at_stage1(council)

        response = client_for("complaints").post(
            f"/staff/cases/{case.reference}/allocate/",
            {"version": case.version, "officer": council["tom"].officer.pk},
        )

        assert response.status_code == 302
        assert StageRecord.objects.get(case=case, number=1).officer == council["tom"].officer


class TestEqualityReport:
    def test_counts_below_five_are_suppressed(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        from putright.cases import services

        cases = [complaint_new(council, text=f"Complaint {n}") for n in range(6)]
        for case in cases[:5]:
            services.equality_answers_record(case=case, answers={"religion": "Buddhist"})
        services.equality_answers_record(case=cases[5], answers={"religion": "Zoroastrian"})

        content = client_for("insight").get("/staff/reports/equality/").content.decode()

        assert '<td class="govuk-table__cell govuk-table__cell--numeric">5</td>' in content
        assert "Fewer than 5" in content
        assert '<td class="govuk-table__cell govuk-table__cell--numeric">1</td>' not in content
