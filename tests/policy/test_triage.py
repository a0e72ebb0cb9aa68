"""Triage: complaint, service request, comment, compliment, survey, MP enquiry, excluded."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from putright.policy.errors import PolicyConfigError
from putright.policy.lifecycle import CaseStatus, UnknownExclusion
from putright.policy.triage import (
    BUILT_IN_KINDS,
    ExclusionNotChosen,
    Placement,
    UnknownContactKind,
    classify,
    contact_kind,
    contact_kinds,
    join_or_new,
    raise_complaint_from_service_request,
)
from tests.policy.personas import CONFIG, at_stage2, case, responded


class TestVocabulary:
    def test_the_kinds_come_from_configuration_in_order(self) -> None:
        assert [k.code for k in contact_kinds(CONFIG)] == list(CONFIG.contact_kinds)

    def test_every_built_in_kind_is_configured(self) -> None:
        assert set(BUILT_IN_KINDS) <= set(CONFIG.contact_kinds)

    def test_an_unknown_kind_is_refused_in_plain_english(self) -> None:
        with pytest.raises(UnknownContactKind) as caught:
            contact_kind(CONFIG, "petition")
        assert caught.value.message == (
            'There is no kind of contact called "petition". Choose one from the list.'
        )

    def test_a_configuration_missing_a_built_in_kind_is_a_configuration_error(self) -> None:
        kinds = {k: v for k, v in CONFIG.contact_kinds.items() if k != "complaint"}
        with pytest.raises(PolicyConfigError, match=r"contact_kinds\.complaint"):
            classify(replace(CONFIG, contact_kinds=kinds), kind=None, process="corporate")


class TestIfInDoubtRecordAComplaint:
    def test_a_contact_with_no_kind_chosen_is_a_complaint(self) -> None:
        decided = classify(CONFIG, kind=None, process="corporate")
        assert decided.kind.code == "complaint"
        assert decided.is_complaint and decided.opens_case and decided.in_doubt

    def test_a_doubtful_comment_is_recorded_as_a_complaint(self) -> None:
        decided = classify(CONFIG, kind="comment", process="corporate", in_doubt=True)
        assert decided.kind.code == "complaint" and decided.in_doubt


class TestComplaint:
    def test_a_complaint_opens_a_stage1_case_and_names_its_ombudsman(self) -> None:
        decided = classify(
            CONFIG,
            kind="complaint",
            process="housing",
            landlord_matter=True,
            person_is_tenant_or_leaseholder=True,
        )
        assert decided.opens_case and decided.is_complaint and not decided.in_doubt
        assert decided.ombudsman is CONFIG.ombudsmen["housing_ombudsman"]

    def test_a_complaint_more_than_12_months_after_awareness_is_flagged_not_excluded(
        self,
    ) -> None:
        decided = classify(
            CONFIG,
            kind="complaint",
            process="corporate",
            received_on=date(2026, 11, 30),
            aware_since=date(2025, 11, 29),
        )
        assert decided.out_of_time and decided.is_complaint and decided.exclusion is None

    def test_a_complaint_within_12_months_is_in_time(self) -> None:
        decided = classify(
            CONFIG,
            kind="complaint",
            process="corporate",
            received_on=date(2026, 11, 30),
            aware_since=date(2025, 11, 30),
        )
        assert not decided.out_of_time


class TestMpOrCouncillorEnquiry:
    def test_an_mp_enquiry_is_handled_as_a_stage1_complaint_answered_to_the_mp(self) -> None:
        decided = classify(CONFIG, kind="mp_councillor_enquiry", process="corporate")
        assert decided.is_complaint and decided.opens_case
        assert decided.respond_to_representative


class TestSurveyDissatisfaction:
    def test_survey_dissatisfaction_is_not_a_complaint_but_the_person_is_told_how(self) -> None:
        decided = classify(CONFIG, kind="survey_dissatisfaction", process="housing")
        assert not decided.is_complaint and not decided.opens_case
        assert decided.tell_how_to_complain


class TestCommentsAndCompliments:
    @pytest.mark.parametrize("kind", ["comment", "compliment"])
    def test_comments_and_compliments_are_recorded_not_complaints(self, kind: str) -> None:
        decided = classify(CONFIG, kind=kind, process="corporate")
        assert decided.kind.code == kind
        assert not decided.is_complaint and not decided.opens_case
        assert not decided.tell_how_to_complain


class TestServiceRequest:
    def test_a_service_request_is_recorded_but_is_not_a_complaint(self) -> None:
        decided = classify(CONFIG, kind="service_request", process="housing")
        assert not decided.is_complaint and not decided.opens_case

    def test_a_complaint_raised_from_a_service_request_keeps_the_request_open(self) -> None:
        decided = raise_complaint_from_service_request(
            CONFIG, process="housing", landlord_matter=True, person_is_tenant_or_leaseholder=True
        )
        assert decided.kind.code == "complaint" and decided.opens_case
        assert decided.keeps_service_request_open
        assert decided.ombudsman is CONFIG.ombudsmen["housing_ombudsman"]


class TestExcluded:
    def test_an_exclusion_returns_its_explanation_route_and_ombudsman(self) -> None:
        decided = classify(
            CONFIG,
            kind="excluded",
            process="housing",
            landlord_matter=True,
            person_is_tenant_or_leaseholder=True,
            exclusion_code="financial_claim",
        )
        assert decided.exclusion is CONFIG.exclusions["financial_claim"]
        assert decided.exclusion.route == "Our insurance claims team."
        assert decided.ombudsman is CONFIG.ombudsmen["housing_ombudsman"]
        assert not decided.opens_case and not decided.is_complaint

    def test_a_hold_exclusion_is_logged_as_a_case_and_paused(self) -> None:
        decided = classify(
            CONFIG,
            kind="excluded",
            process="corporate",
            exclusion_code="under_council_investigation",
        )
        assert decided.exclusion is not None and decided.exclusion.outcome == "hold"
        assert decided.opens_case
        assert decided.ombudsman is CONFIG.ombudsmen["lgsco"]

    def test_excluding_without_choosing_an_exclusion_is_refused(self) -> None:
        with pytest.raises(ExclusionNotChosen) as caught:
            classify(CONFIG, kind="excluded", process="corporate")
        assert caught.value.rule == "exclusion_not_chosen"

    def test_an_exclusion_outside_the_catalogue_is_refused(self) -> None:
        with pytest.raises(UnknownExclusion):
            classify(CONFIG, kind="excluded", process="corporate", exclusion_code="vexatious")

    def test_an_exclusion_code_on_a_complaint_is_a_callers_mistake(self) -> None:
        with pytest.raises(ValueError, match="exclusion code"):
            classify(
                CONFIG, kind="complaint", process="corporate", exclusion_code="financial_claim"
            )

    def test_in_doubt_an_excluded_matter_is_recorded_as_a_complaint(self) -> None:
        decided = classify(CONFIG, kind="excluded", process="corporate", in_doubt=True)
        assert decided.is_complaint and decided.exclusion is None


class TestJoinOrNew:
    def test_a_related_issue_before_the_stage1_response_joins_the_open_case(self) -> None:
        assert join_or_new(case(), related=True) is Placement.JOIN

    def test_a_related_issue_before_acknowledgement_joins_the_open_case(self) -> None:
        assert join_or_new(case(status=CaseStatus.RECEIVED), related=True) is Placement.JOIN

    def test_an_unrelated_issue_is_a_new_stage1_complaint(self) -> None:
        assert join_or_new(case(), related=False) is Placement.NEW

    def test_a_related_issue_after_the_stage1_response_is_a_new_complaint(self) -> None:
        assert join_or_new(responded(), related=True) is Placement.NEW

    def test_a_related_issue_at_stage2_is_a_new_complaint(self) -> None:
        assert join_or_new(at_stage2(), related=True) is Placement.NEW

    def test_an_issue_that_would_unreasonably_delay_the_response_is_new(self) -> None:
        assert join_or_new(case(), related=True, would_unreasonably_delay=True) is Placement.NEW
