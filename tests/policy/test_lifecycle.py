"""Case states, allowed moves and guards: one class per rule, named after the rule."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest

from putright.policy.lifecycle import (
    ALLOWED_MOVES,
    CaseFacts,
    CaseStatus,
    ClockNotStarted,
    ComplaintOutOfTime,
    ComplaintStatementNotAgreed,
    DateOutOfOrder,
    EscalationBeforeResponse,
    EscalationLongStopPassed,
    EscalationRefusalGroundNotAllowed,
    EscalationWindowClosed,
    ExtensionBeyondMaximum,
    ExtensionNotLater,
    ExtensionReasonMissing,
    HoldGroundNotAllowed,
    InvalidCaseFacts,
    IssueMustBeNewComplaint,
    Letter,
    Move,
    MoveNotAllowed,
    MoveNotAvailable,
    NoThirdStage,
    OfficerNotIndependent,
    ReasonMissing,
    RepresentativeConsentOutstanding,
    ResponseContent,
    ResponseIncomplete,
    ResubmissionOutOfTime,
    RuleBroken,
    StatutoryBackstopPassed,
    Transition,
    UnknownExclusion,
    add_months,
    allowed_moves,
    decide_acknowledge,
    decide_acknowledge_escalation,
    decide_add_related_issue,
    decide_agree_complaint_statement,
    decide_agree_response_plan,
    decide_allocate,
    decide_close,
    decide_exclude,
    decide_extend,
    decide_hold,
    decide_record_contractor_feedback,
    decide_record_findings,
    decide_record_panel_held,
    decide_refuse_escalation,
    decide_reinstate,
    decide_reopen_for_ombudsman,
    decide_request_escalation,
    decide_respond,
    decide_resume,
    decide_withdraw,
    response_gaps,
    why_not,
)
from tests.policy.personas import (
    ACKNOWLEDGED,
    CALENDAR,
    CATALOGUE,
    INDEPENDENT_INVESTIGATOR,
    LAST_DAY_OF_WINDOW,
    PANEL_CHAIR,
    RECEIVED,
    RESPONDED,
    STAGE1_COVER,
    STAGE1_OFFICER,
    STAGE2_OFFICER,
    TODAY,
    at_stage2,
    case,
    childrens_stage3,
    complete_response,
    responded,
    without,
)

S = CaseStatus


def assert_plain_english(message: str) -> None:
    """A sentence for a person: no code names, no snake_case, no class names."""
    assert message[0].isupper(), message
    assert message.endswith("."), message
    assert "_" not in message, message
    assert not re.search(r"\b[A-Z][a-z]+[A-Z]\w*", message), message


# ---------------------------------------------------------------------------------------
# The status table: what each status offers, and that offers and refusals agree.

SAMPLES: dict[str, CaseFacts] = {
    "received": case(status=S.RECEIVED),
    "housing stage 1 in progress": case(),
    "housing stage 2 in progress": at_stage2(),
    "children's stage 2 before the statement": at_stage2(
        "childrens_social_care", officers={1: STAGE1_OFFICER, 2: INDEPENDENT_INVESTIGATOR}
    ),
    "children's stage 2 with the statement agreed": at_stage2(
        "childrens_social_care",
        officers={1: STAGE1_OFFICER, 2: INDEPENDENT_INVESTIGATOR},
        complaint_statement_agreed_on=date(2026, 12, 22),
    ),
    "children's review panel being arranged": childrens_stage3(),
    "children's review panel held": childrens_stage3(
        S.PANEL_HELD, panel_held_on=date(2026, 12, 30)
    ),
    "children's panel findings issued": childrens_stage3(
        S.FINDINGS_ISSUED, panel_held_on=date(2026, 12, 30), findings_issued_on=date(2026, 12, 31)
    ),
    "adult social care in progress": case("adult_social_care"),
    "consent outstanding": case(representative_consent_outstanding=True),
    "stage 1 responded": responded(),
    "final stage responded": at_stage2(
        "housing", S.RESPONDED, response_issued_on=date(2026, 12, 30)
    ),
    "stage 2 requested": responded(
        status=S.ESCALATION_REQUESTED, escalation_requested_on=date(2026, 12, 18)
    ),
    "review panel requested": at_stage2(
        "childrens_social_care",
        S.ESCALATION_REQUESTED,
        officers={1: STAGE1_OFFICER, 2: INDEPENDENT_INVESTIGATOR},
        response_issued_on=date(2026, 12, 22),
        escalation_requested_on=date(2026, 12, 23),
    ),
    "on hold during stage 1": case(
        status=S.ON_HOLD, status_before_hold=S.IN_PROGRESS, hold_ground="concurrent_proceedings"
    ),
    "withdrawn": case(status=S.WITHDRAWN),
    "excluded": case(status=S.EXCLUDED, status_before_exclusion=S.RECEIVED),
    "closed after stage 1": responded(status=S.CLOSED),
    "closed after the final stage": at_stage2(
        "housing", S.CLOSED, response_issued_on=date(2026, 12, 30)
    ),
    "with the Ombudsman": at_stage2(
        "housing", S.WITH_OMBUDSMAN, response_issued_on=date(2026, 12, 30)
    ),
    "with the Ombudsman after an exclusion": case(
        status=S.WITH_OMBUDSMAN, status_before_exclusion=S.RECEIVED
    ),
}

M = Move
EXPECTED_MOVES: dict[str, frozenset[Move]] = {
    "received": frozenset(
        {M.ACKNOWLEDGE, M.ALLOCATE, M.ADD_RELATED_ISSUE, M.HOLD, M.WITHDRAW, M.EXCLUDE}
    ),
    "housing stage 1 in progress": frozenset(
        {
            M.ALLOCATE,
            M.ADD_RELATED_ISSUE,
            M.EXTEND,
            M.RECORD_CONTRACTOR_FEEDBACK,
            M.RESPOND,
            M.HOLD,
            M.WITHDRAW,
            M.EXCLUDE,
        }
    ),
    "housing stage 2 in progress": frozenset(
        {
            M.ALLOCATE,
            M.EXTEND,
            M.RECORD_CONTRACTOR_FEEDBACK,
            M.RESPOND,
            M.HOLD,
            M.WITHDRAW,
            M.EXCLUDE,
        }
    ),
    "children's stage 2 before the statement": frozenset(
        {
            M.ALLOCATE,
            M.AGREE_COMPLAINT_STATEMENT,
            M.RECORD_CONTRACTOR_FEEDBACK,
            M.HOLD,
            M.WITHDRAW,
            M.EXCLUDE,
        }
    ),
    "children's stage 2 with the statement agreed": frozenset(
        {
            M.ALLOCATE,
            M.EXTEND,
            M.RECORD_CONTRACTOR_FEEDBACK,
            M.RESPOND,
            M.HOLD,
            M.WITHDRAW,
            M.EXCLUDE,
        }
    ),
    "children's review panel being arranged": frozenset(
        {
            M.ALLOCATE,
            M.RECORD_CONTRACTOR_FEEDBACK,
            M.RECORD_PANEL_HELD,
            M.HOLD,
            M.WITHDRAW,
            M.EXCLUDE,
        }
    ),
    "children's review panel held": frozenset({M.RECORD_FINDINGS, M.HOLD, M.WITHDRAW}),
    "children's panel findings issued": frozenset({M.RESPOND, M.HOLD, M.WITHDRAW}),
    "adult social care in progress": frozenset(
        {
            M.ALLOCATE,
            M.ADD_RELATED_ISSUE,
            M.EXTEND,
            M.RECORD_CONTRACTOR_FEEDBACK,
            M.AGREE_RESPONSE_PLAN,
            M.RESPOND,
            M.HOLD,
            M.WITHDRAW,
            M.EXCLUDE,
        }
    ),
    "consent outstanding": frozenset(
        {
            M.ALLOCATE,
            M.ADD_RELATED_ISSUE,
            M.EXTEND,
            M.RECORD_CONTRACTOR_FEEDBACK,
            M.HOLD,
            M.WITHDRAW,
            M.EXCLUDE,
        }
    ),
    "stage 1 responded": frozenset({M.REQUEST_ESCALATION, M.CLOSE, M.REOPEN_FOR_OMBUDSMAN}),
    "final stage responded": frozenset({M.CLOSE, M.REOPEN_FOR_OMBUDSMAN}),
    "stage 2 requested": frozenset(
        {M.ACKNOWLEDGE_ESCALATION, M.REFUSE_ESCALATION, M.HOLD, M.WITHDRAW}
    ),
    "review panel requested": frozenset(
        {M.ACKNOWLEDGE_ESCALATION, M.REFUSE_ESCALATION, M.HOLD, M.WITHDRAW}
    ),
    "on hold during stage 1": frozenset(
        {M.RESUME, M.ALLOCATE, M.ADD_RELATED_ISSUE, M.WITHDRAW, M.CLOSE}
    ),
    "withdrawn": frozenset(),
    "excluded": frozenset({M.REINSTATE, M.REOPEN_FOR_OMBUDSMAN}),
    "closed after stage 1": frozenset({M.REQUEST_ESCALATION, M.REOPEN_FOR_OMBUDSMAN}),
    "closed after the final stage": frozenset({M.REOPEN_FOR_OMBUDSMAN}),
    "with the Ombudsman": frozenset({M.CLOSE}),
    "with the Ombudsman after an exclusion": frozenset({M.REINSTATE, M.CLOSE}),
}

LATER = date(2027, 2, 1)

# One valid attempt at every move, with whatever input each needs.
ATTEMPTS: dict[Move, Callable[[CaseFacts], Transition]] = {
    M.ACKNOWLEDGE: lambda f: decide_acknowledge(f, on=TODAY, late_complaint_discretion="Ill"),
    M.ALLOCATE: lambda f: decide_allocate(
        f, on=TODAY, officer="officer-new", officer_is_independent=True
    ),
    M.ADD_RELATED_ISSUE: lambda f: decide_add_related_issue(f, on=TODAY, related=True),
    M.EXTEND: lambda f: decide_extend(
        f,
        on=TODAY,
        new_due=LATER,
        reason="Waiting for a survey",
        calendar=CALENDAR,
        good_reason="Specialist report",
        longer_period_agreed=True,
    ),
    M.RECORD_CONTRACTOR_FEEDBACK: lambda f: decide_record_contractor_feedback(
        f, on=TODAY, asked_on=TODAY, calendar=CALENDAR
    ),
    M.AGREE_COMPLAINT_STATEMENT: lambda f: decide_agree_complaint_statement(f, on=TODAY),
    M.AGREE_RESPONSE_PLAN: lambda f: decide_agree_response_plan(
        f, on=TODAY, respond_by=LATER, calendar=CALENDAR
    ),
    M.RESPOND: lambda f: decide_respond(f, on=TODAY, content=complete_response(f)),
    M.REQUEST_ESCALATION: lambda f: decide_request_escalation(
        f, on=TODAY, calendar=CALENDAR, discretion="Was in hospital", compelling_reason="Ill"
    ),
    M.ACKNOWLEDGE_ESCALATION: lambda f: decide_acknowledge_escalation(
        f, on=TODAY, officer="officer-new", officer_is_independent=True
    ),
    M.REFUSE_ESCALATION: lambda f: decide_refuse_escalation(
        f, on=TODAY, ground="decided_by_court", reasons="County court order", catalogue=CATALOGUE
    ),
    M.RECORD_PANEL_HELD: lambda f: decide_record_panel_held(f, on=TODAY),
    M.RECORD_FINDINGS: lambda f: decide_record_findings(f, on=TODAY),
    M.HOLD: lambda f: decide_hold(
        f, on=TODAY, ground="concurrent_proceedings", catalogue=CATALOGUE
    ),
    M.RESUME: lambda f: decide_resume(f, on=TODAY),
    M.WITHDRAW: lambda f: decide_withdraw(f, on=TODAY, channel="phone"),
    M.EXCLUDE: lambda f: decide_exclude(
        f, on=TODAY, code="financial_claim", reasons="Insurance claim made", catalogue=CATALOGUE
    ),
    M.REINSTATE: lambda f: decide_reinstate(f, on=TODAY, reason="Ombudsman asked us to"),
    M.CLOSE: lambda f: decide_close(f, on=TODAY),
    M.REOPEN_FOR_OMBUDSMAN: lambda f: decide_reopen_for_ombudsman(f, on=TODAY),
}


class TestAllowedMoves:
    def test_every_status_has_a_row_in_the_table(self) -> None:
        assert set(ALLOWED_MOVES) == set(CaseStatus)

    def test_every_move_has_a_decide_function_under_test(self) -> None:
        assert set(ATTEMPTS) == set(Move)

    def test_the_samples_cover_every_status(self) -> None:
        assert {f.status for f in SAMPLES.values()} == set(CaseStatus)

    @pytest.mark.parametrize("name", SAMPLES)
    def test_each_status_offers_exactly_its_moves(self, name: str) -> None:
        assert allowed_moves(SAMPLES[name]) == EXPECTED_MOVES[name]

    @pytest.mark.parametrize("name", SAMPLES)
    def test_every_offered_move_is_accepted(self, name: str) -> None:
        facts = SAMPLES[name]
        for move in allowed_moves(facts):
            assert ATTEMPTS[move](facts).move is move

    @pytest.mark.parametrize("name", SAMPLES)
    def test_every_move_not_offered_is_refused_in_plain_english(self, name: str) -> None:
        facts = SAMPLES[name]
        for move in set(Move) - allowed_moves(facts):
            with pytest.raises(RuleBroken) as caught:
                ATTEMPTS[move](facts)
            assert_plain_english(caught.value.message)
            assert why_not(facts, move) is not None


class TestMoveNotAllowed:
    def test_a_withdrawn_case_cannot_be_escalated(self) -> None:
        with pytest.raises(MoveNotAllowed) as caught:
            ATTEMPTS[M.REQUEST_ESCALATION](case(status=S.WITHDRAWN))
        assert caught.value.message == "This case has been withdrawn, so it cannot be escalated."
        assert caught.value.rule == "move_not_allowed"

    def test_a_closed_case_cannot_be_put_on_hold(self) -> None:
        with pytest.raises(MoveNotAllowed, match="This case is closed, so it cannot be put on"):
            ATTEMPTS[M.HOLD](responded(status=S.CLOSED))

    def test_a_case_waiting_for_acknowledgement_cannot_be_answered(self) -> None:
        with pytest.raises(MoveNotAllowed, match="waiting to be acknowledged"):
            ATTEMPTS[M.RESPOND](case(status=S.RECEIVED))


# ---------------------------------------------------------------------------------------
# Escalation


class TestEscalationBeforeResponse:
    def test_escalation_before_the_stage1_response_is_refused(self) -> None:
        with pytest.raises(EscalationBeforeResponse) as caught:
            decide_request_escalation(case(), on=TODAY, calendar=CALENDAR)
        assert caught.value.rule == "escalation_before_response"
        assert "stage 1 response has not been issued" in caught.value.message

    def test_escalation_before_acknowledgement_is_refused(self) -> None:
        with pytest.raises(EscalationBeforeResponse):
            decide_request_escalation(case(status=S.RECEIVED), on=TODAY, calendar=CALENDAR)

    def test_escalation_while_on_hold_before_the_response_is_refused(self) -> None:
        with pytest.raises(EscalationBeforeResponse):
            ATTEMPTS[M.REQUEST_ESCALATION](SAMPLES["on hold during stage 1"])

    def test_escalation_after_the_stage1_response_is_accepted(self) -> None:
        moved = decide_request_escalation(responded(), on=TODAY, calendar=CALENDAR)
        assert (moved.status, moved.stage) == (S.ESCALATION_REQUESTED, 1)
        assert not moved.late_escalation and not moved.discretion_used


class TestEscalationNeedsNoReasons:
    """Housing Ombudsman Code 6.12: the person is never required to give reasons."""

    def test_a_request_with_no_reasons_at_all_is_accepted(self) -> None:
        moved = decide_request_escalation(responded(), on=RESPONDED, calendar=CALENDAR)
        assert moved.status is S.ESCALATION_REQUESTED


class TestNoThirdStage:
    def test_a_third_stage_is_refused_for_housing_complaints(self) -> None:
        final = at_stage2("housing", S.RESPONDED, response_issued_on=date(2026, 12, 30))
        with pytest.raises(NoThirdStage) as caught:
            decide_request_escalation(final, on=TODAY, calendar=CALENDAR)
        assert "Housing Ombudsman Service" in caught.value.message
        assert caught.value.rule == "no_third_stage"

    def test_a_third_stage_is_refused_for_corporate_complaints(self) -> None:
        final = at_stage2("corporate", S.RESPONDED, response_issued_on=date(2026, 12, 30))
        with pytest.raises(NoThirdStage, match="Local Government and Social Care Ombudsman"):
            decide_request_escalation(final, on=TODAY, calendar=CALENDAR)

    def test_adult_social_care_has_no_second_stage(self) -> None:
        with pytest.raises(NoThirdStage, match="Stage 1 is the final stage"):
            decide_request_escalation(responded("adult_social_care"), on=TODAY, calendar=CALENDAR)

    def test_a_fourth_stage_is_refused_for_childrens_social_care(self) -> None:
        facts = childrens_stage3(S.RESPONDED, response_issued_on=date(2026, 12, 31))
        with pytest.raises(NoThirdStage):
            decide_request_escalation(facts, on=TODAY, calendar=CALENDAR)

    def test_the_review_panel_stage_points_to_the_ombudsman_not_a_fourth_stage(self) -> None:
        facts = childrens_stage3(S.PANEL_HELD, panel_held_on=date(2026, 12, 30))
        with pytest.raises(NoThirdStage, match="Local Government and Social Care Ombudsman"):
            decide_request_escalation(facts, on=TODAY, calendar=CALENDAR)

    def test_childrens_social_care_has_a_review_panel_stage(self) -> None:
        facts = at_stage2(
            "childrens_social_care",
            S.RESPONDED,
            officers={1: STAGE1_OFFICER, 2: INDEPENDENT_INVESTIGATOR},
            complaint_statement_agreed_on=date(2026, 12, 22),
            response_issued_on=date(2026, 12, 23),
        )
        moved = decide_request_escalation(facts, on=TODAY, calendar=CALENDAR)
        assert moved.status is S.ESCALATION_REQUESTED


class TestEscalationWindowClosed:
    def test_a_request_on_the_last_day_counted_across_christmas_is_in_time(self) -> None:
        # 20 weekdays after 17 December 2026 is 14 January; the three bank holidays
        # (Christmas, Boxing Day's substitute, New Year's Day) push it to 19 January.
        moved = decide_request_escalation(responded(), on=LAST_DAY_OF_WINDOW, calendar=CALENDAR)
        assert not moved.late_escalation

    def test_a_request_the_day_after_the_window_is_warned(self) -> None:
        with pytest.raises(EscalationWindowClosed) as caught:
            decide_request_escalation(responded(), on=date(2027, 1, 20), calendar=CALENDAR)
        assert caught.value.window_end == LAST_DAY_OF_WINDOW
        assert caught.value.override == "discretion"
        assert "does not have to give reasons" in caught.value.message

    def test_a_late_request_with_a_discretion_decision_is_accepted_and_flagged(self) -> None:
        moved = decide_request_escalation(
            responded(), on=date(2027, 1, 20), calendar=CALENDAR, discretion="Was in hospital"
        )
        assert moved.status is S.ESCALATION_REQUESTED
        assert moved.late_escalation and moved.discretion_used
        assert moved.discretion_reason == "Was in hospital"

    def test_a_blank_discretion_decision_does_not_count(self) -> None:
        with pytest.raises(EscalationWindowClosed):
            decide_request_escalation(
                responded(), on=date(2027, 1, 20), calendar=CALENDAR, discretion="  "
            )

    def test_a_late_request_on_a_closed_stage1_case_is_accepted_at_discretion(self) -> None:
        moved = decide_request_escalation(
            responded(status=S.CLOSED), on=date(2027, 3, 1), calendar=CALENDAR, discretion="Ill"
        )
        assert moved.status is S.ESCALATION_REQUESTED and moved.discretion_used

    def test_housing_window_runs_from_completion_of_agreed_works(self) -> None:
        facts = responded(works_completed_on=date(2027, 2, 1))
        moved = decide_request_escalation(facts, on=date(2027, 2, 26), calendar=CALENDAR)
        assert not moved.late_escalation

    def test_the_works_rule_is_for_housing_only(self) -> None:
        facts = responded("corporate", works_completed_on=date(2027, 2, 1))
        with pytest.raises(EscalationWindowClosed):
            decide_request_escalation(facts, on=date(2027, 2, 26), calendar=CALENDAR)


class TestEscalationLongStopPassed:
    def test_a_request_more_than_12_months_after_the_response_is_refused(self) -> None:
        with pytest.raises(EscalationLongStopPassed) as caught:
            decide_request_escalation(
                responded(), on=date(2027, 12, 20), calendar=CALENDAR, discretion="Ill"
            )
        assert caught.value.long_stop == date(2027, 12, 17)
        assert caught.value.override == "compelling_reason"

    def test_a_request_on_the_anniversary_needs_only_discretion(self) -> None:
        moved = decide_request_escalation(
            responded(), on=date(2027, 12, 17), calendar=CALENDAR, discretion="Ill"
        )
        assert moved.discretion_used and not moved.compelling_reason

    def test_a_request_after_12_months_with_a_compelling_reason_is_accepted(self) -> None:
        moved = decide_request_escalation(
            responded(),
            on=date(2028, 2, 1),
            calendar=CALENDAR,
            compelling_reason="New evidence of a gas leak",
        )
        assert moved.late_escalation and moved.discretion_used
        assert moved.compelling_reason == "New evidence of a gas leak"


class TestOfficerNotIndependent:
    def test_stage2_officer_who_handled_stage1_is_refused(self) -> None:
        facts = SAMPLES["stage 2 requested"]
        with pytest.raises(OfficerNotIndependent) as caught:
            decide_acknowledge_escalation(facts, on=TODAY, officer=STAGE1_OFFICER)
        assert caught.value.rule == "officer_not_independent"
        assert "dealt with the complaint at stage 1" in caught.value.message

    def test_a_different_stage2_officer_is_accepted(self) -> None:
        moved = decide_acknowledge_escalation(
            SAMPLES["stage 2 requested"], on=TODAY, officer=STAGE2_OFFICER
        )
        assert (moved.status, moved.stage, moved.officer) == (S.IN_PROGRESS, 2, STAGE2_OFFICER)
        assert moved.letter is Letter.ESCALATION_ACKNOWLEDGEMENT

    def test_an_officer_who_covered_part_of_stage1_is_refused_at_stage2(self) -> None:
        facts = responded(
            status=S.ESCALATION_REQUESTED,
            officers={1: (STAGE1_COVER, STAGE1_OFFICER)},
            escalation_requested_on=date(2026, 12, 18),
        )
        with pytest.raises(OfficerNotIndependent):
            decide_acknowledge_escalation(facts, on=TODAY, officer=STAGE1_COVER)

    def test_reallocating_stage2_to_the_stage1_officer_is_refused(self) -> None:
        with pytest.raises(OfficerNotIndependent):
            decide_allocate(at_stage2(), on=TODAY, officer=STAGE1_OFFICER)

    def test_stage1_can_be_reallocated_to_anyone(self) -> None:
        moved = decide_allocate(case(), on=TODAY, officer=STAGE1_COVER)
        assert moved.officer == STAGE1_COVER and moved.status is S.IN_PROGRESS

    def test_childrens_stage2_needs_an_independent_investigator(self) -> None:
        facts = responded("childrens_social_care", status=S.ESCALATION_REQUESTED)
        with pytest.raises(OfficerNotIndependent, match="independent investigating officer"):
            decide_acknowledge_escalation(facts, on=TODAY, officer=INDEPENDENT_INVESTIGATOR)

    def test_childrens_stage2_independent_investigator_is_accepted(self) -> None:
        facts = responded("childrens_social_care", status=S.ESCALATION_REQUESTED)
        moved = decide_acknowledge_escalation(
            facts, on=TODAY, officer=INDEPENDENT_INVESTIGATOR, officer_is_independent=True
        )
        assert moved.stage == 2

    def test_review_panel_chair_who_investigated_stage2_is_refused(self) -> None:
        facts = SAMPLES["review panel requested"]
        with pytest.raises(OfficerNotIndependent, match="at stage 2"):
            decide_acknowledge_escalation(
                facts, on=TODAY, officer=INDEPENDENT_INVESTIGATOR, officer_is_independent=True
            )

    def test_an_independent_review_panel_chair_is_accepted(self) -> None:
        moved = decide_acknowledge_escalation(
            SAMPLES["review panel requested"],
            on=TODAY,
            officer=PANEL_CHAIR,
            officer_is_independent=True,
        )
        assert (moved.status, moved.stage) == (S.IN_PROGRESS, 3)


class TestEscalationRefusalGroundNotAllowed:
    def test_refusing_because_the_outcome_would_be_the_same_is_refused(self) -> None:
        with pytest.raises(EscalationRefusalGroundNotAllowed) as caught:
            decide_refuse_escalation(
                SAMPLES["stage 2 requested"],
                on=TODAY,
                ground="outcome_would_be_the_same",
                reasons="Stage 1 answered every point",
                catalogue=CATALOGUE,
            )
        assert caught.value.rule == "escalation_refusal_ground_not_allowed"
        assert "outcome would be the same" in caught.value.message

    def test_refusing_on_an_exclusion_ground_is_accepted_with_the_ombudsman(self) -> None:
        moved = decide_refuse_escalation(
            SAMPLES["stage 2 requested"],
            on=TODAY,
            ground="decided_by_court",
            reasons="The county court decided the disrepair claim in November.",
            catalogue=CATALOGUE,
        )
        assert moved.status is S.EXCLUDED
        assert moved.status_before_exclusion is S.ESCALATION_REQUESTED
        assert moved.letter is Letter.ESCALATION_REFUSED
        assert moved.ombudsman == "housing_ombudsman"

    def test_a_refusal_needs_reasons(self) -> None:
        with pytest.raises(ReasonMissing):
            decide_refuse_escalation(
                SAMPLES["stage 2 requested"],
                on=TODAY,
                ground="decided_by_court",
                reasons=" ",
                catalogue=CATALOGUE,
            )

    def test_a_hold_ground_pauses_the_request_instead(self) -> None:
        moved = decide_refuse_escalation(
            SAMPLES["stage 2 requested"],
            on=TODAY,
            ground="under_council_investigation",
            reasons="Tenancy fraud investigation under way",
            catalogue=CATALOGUE,
        )
        assert moved.status is S.ON_HOLD
        assert moved.status_before_hold is S.ESCALATION_REQUESTED


# ---------------------------------------------------------------------------------------
# Responses


class TestResponseIncomplete:
    def test_an_empty_response_lists_all_seven_items(self) -> None:
        with pytest.raises(ResponseIncomplete) as caught:
            decide_respond(case(), on=TODAY, content=ResponseContent())
        assert [item[:3] for item in caught.value.missing] == [
            "(a)",
            "(b)",
            "(c)",
            "(d)",
            "(e)",
            "(f)",
            "(g)",
        ]
        assert caught.value.rule == "response_incomplete"

    @pytest.mark.parametrize(
        ("item", "gap"),
        [
            ("(a)", {"stage": None}),
            ("(b)", {"complaint_definition": ""}),
            ("(c)", {"decision": None}),
            ("(c)", {"issues": ()}),
            ("(d)", {"reasons": "  "}),
            ("(e)", {"remedies": ()}),
            ("(f)", {"outstanding_actions": ()}),
            ("(g)", {"how_to_escalate": ""}),
        ],
    )
    def test_each_missing_item_is_named_in_words(self, item: str, gap: dict[str, object]) -> None:
        facts = case()
        content = without(complete_response(facts), **gap)
        with pytest.raises(ResponseIncomplete) as caught:
            decide_respond(facts, on=TODAY, content=content)
        assert len(caught.value.missing) == 1
        assert caught.value.missing[0].startswith(item)
        assert_plain_english(caught.value.message)

    def test_a_response_for_the_wrong_stage_is_incomplete(self) -> None:
        facts = at_stage2()
        content = without(complete_response(facts), stage=1)
        assert response_gaps(facts, content) == (
            "(a) the right stage (it says stage 1; this is 2)",
        )

    def test_an_explicit_no_remedy_statement_addresses_the_remedy(self) -> None:
        content = without(
            complete_response(case()),
            remedies=(),
            no_remedy_reason="We found no fault, so no remedy is due.",
        )
        assert response_gaps(case(), content) == ()

    def test_explicitly_no_outstanding_actions_addresses_them(self) -> None:
        content = without(
            complete_response(case()), outstanding_actions=(), no_outstanding_actions=True
        )
        assert response_gaps(case(), content) == ()

    def test_the_final_response_must_name_the_right_ombudsman(self) -> None:
        facts = at_stage2()
        content = without(complete_response(facts), ombudsman="lgsco")
        assert response_gaps(facts, content) == (
            "(g) how to take the complaint to the Housing Ombudsman Service",
        )

    def test_a_complete_stage1_response_is_issued(self) -> None:
        moved = decide_respond(case(), on=TODAY, content=complete_response(case()))
        assert (moved.status, moved.stage, moved.final_response) == (S.RESPONDED, 1, False)
        assert moved.letter is Letter.STAGE_RESPONSE
        assert moved.response == complete_response(case())

    def test_a_complete_stage2_response_is_final(self) -> None:
        facts = at_stage2()
        moved = decide_respond(facts, on=TODAY, content=complete_response(facts))
        assert moved.final_response and moved.ombudsman == "housing_ombudsman"


class TestRepresentativeConsentOutstanding:
    def test_response_while_consent_is_outstanding_is_refused(self) -> None:
        facts = case(representative_consent_outstanding=True)
        with pytest.raises(RepresentativeConsentOutstanding) as caught:
            decide_respond(facts, on=TODAY, content=complete_response(facts))
        assert caught.value.rule == "representative_consent_outstanding"

    def test_the_investigation_goes_on_while_consent_is_gathered(self) -> None:
        facts = case(representative_consent_outstanding=True)
        moved = decide_extend(
            facts,
            on=date(2026, 12, 10),
            new_due=date(2026, 12, 31),
            reason="Survey",
            calendar=CALENDAR,
        )
        assert moved.status is S.IN_PROGRESS

    def test_response_once_consent_is_given_is_issued(self) -> None:
        facts = case(representative_consent_outstanding=False)
        moved = decide_respond(facts, on=TODAY, content=complete_response(facts))
        assert moved.status is S.RESPONDED


class TestComplaintStatementNotAgreed:
    def test_childrens_stage2_response_before_the_statement_is_agreed_is_refused(self) -> None:
        facts = SAMPLES["children's stage 2 before the statement"]
        with pytest.raises(ComplaintStatementNotAgreed):
            decide_respond(facts, on=TODAY, content=complete_response(facts))

    def test_agreeing_the_statement_starts_the_stage2_clock(self) -> None:
        facts = SAMPLES["children's stage 2 before the statement"]
        moved = decide_agree_complaint_statement(facts, on=date(2026, 12, 23))
        assert moved.clock_started_on == date(2026, 12, 23)
        assert moved.status is S.IN_PROGRESS

    def test_the_statement_is_agreed_only_once(self) -> None:
        with pytest.raises(MoveNotAvailable, match="already agreed"):
            decide_agree_complaint_statement(
                SAMPLES["children's stage 2 with the statement agreed"], on=TODAY
            )

    def test_only_childrens_stage2_has_a_complaint_statement(self) -> None:
        with pytest.raises(MoveNotAvailable):
            decide_agree_complaint_statement(at_stage2(), on=TODAY)


# ---------------------------------------------------------------------------------------
# Extensions and the response plan


class TestExtensionReasonMissing:
    def test_an_extension_without_a_reason_is_refused(self) -> None:
        with pytest.raises(ExtensionReasonMissing) as caught:
            decide_extend(case(), on=TODAY, new_due=date(2027, 1, 5), reason=" ", calendar=CALENDAR)
        assert caught.value.rule == "extension_reason_missing"

    def test_an_extension_with_a_reason_is_told_to_the_person_with_the_ombudsman(self) -> None:
        moved = decide_extend(
            case(),
            on=date(2026, 12, 10),
            new_due=date(2026, 12, 31),
            reason="Survey due",
            calendar=CALENDAR,
        )
        assert moved.due == date(2026, 12, 31) and moved.reason == "Survey due"
        assert moved.letter is Letter.EXTENSION_NOTICE
        assert moved.ombudsman == "housing_ombudsman"


class TestExtensionBeyondMaximum:
    # Stage 1 acknowledged on 2 December 2026: 20 weekdays would end on 30 December;
    # Christmas, Boxing Day (substitute Monday 28th) and New Year's Day make it 4 January.
    MAXIMUM = date(2027, 1, 4)

    def test_an_extension_to_the_stage_maximum_is_accepted(self) -> None:
        moved = decide_extend(
            case(), on=TODAY, new_due=self.MAXIMUM, reason="Survey", calendar=CALENDAR
        )
        assert not moved.beyond_maximum

    def test_an_extension_past_the_stage_maximum_is_refused(self) -> None:
        with pytest.raises(ExtensionBeyondMaximum) as caught:
            decide_extend(
                case(), on=TODAY, new_due=date(2027, 1, 5), reason="Survey", calendar=CALENDAR
            )
        assert caught.value.maximum == self.MAXIMUM
        assert caught.value.override == "good_reason"

    def test_past_the_maximum_with_a_good_reason_is_accepted_and_flagged(self) -> None:
        moved = decide_extend(
            case(),
            on=TODAY,
            new_due=date(2027, 1, 20),
            reason="Survey",
            good_reason="The structural engineer cannot visit before 15 January",
            calendar=CALENDAR,
        )
        assert moved.beyond_maximum
        assert moved.good_reason.startswith("The structural engineer")

    def test_stage2_maximum_is_30_working_days_from_its_acknowledgement(self) -> None:
        # Acknowledged 21 December 2026: 30 working days, across the three Christmas
        # and New Year bank holidays, end on 4 February 2027.
        moved = decide_extend(
            at_stage2(), on=TODAY, new_due=date(2027, 2, 4), reason="Survey", calendar=CALENDAR
        )
        assert not moved.beyond_maximum
        with pytest.raises(ExtensionBeyondMaximum):
            decide_extend(
                at_stage2(), on=TODAY, new_due=date(2027, 2, 5), reason="Survey", calendar=CALENDAR
            )


class TestExtensionNotLater:
    def test_a_date_no_later_than_the_current_one_is_not_an_extension(self) -> None:
        facts = case(due_on=date(2026, 12, 16))
        with pytest.raises(ExtensionNotLater):
            decide_extend(
                facts,
                on=date(2026, 12, 10),
                new_due=date(2026, 12, 16),
                reason="x",
                calendar=CALENDAR,
            )


class TestClockNotStarted:
    def test_childrens_stage2_cannot_be_extended_before_the_statement_is_agreed(self) -> None:
        with pytest.raises(ClockNotStarted):
            ATTEMPTS[M.EXTEND](SAMPLES["children's stage 2 before the statement"])

    def test_the_review_panel_stage_has_no_extension(self) -> None:
        with pytest.raises(MoveNotAvailable, match="fixed steps"):
            ATTEMPTS[M.EXTEND](childrens_stage3())


class TestStatutoryBackstopPassed:
    """Adult social care: response plan; ceiling 60 working days; 6 months from receipt."""

    ADULT = case("adult_social_care")

    def test_a_plan_within_the_ceiling_is_agreed(self) -> None:
        moved = decide_agree_response_plan(
            self.ADULT, on=TODAY, respond_by=date(2027, 2, 1), calendar=CALENDAR
        )
        assert moved.due == date(2027, 2, 1) and not moved.beyond_maximum

    def test_a_plan_past_the_ceiling_needs_a_good_reason(self) -> None:
        with pytest.raises(ExtensionBeyondMaximum):
            decide_agree_response_plan(
                self.ADULT, on=TODAY, respond_by=date(2027, 4, 1), calendar=CALENDAR
            )

    def test_a_plan_past_six_months_from_receipt_is_refused(self) -> None:
        with pytest.raises(StatutoryBackstopPassed) as caught:
            decide_agree_response_plan(
                self.ADULT,
                on=TODAY,
                respond_by=date(2027, 6, 1),
                good_reason="Care provider inquiry",
                calendar=CALENDAR,
            )
        assert caught.value.rule == "statutory_backstop_passed"

    def test_a_plan_past_six_months_agreed_with_the_person_is_accepted(self) -> None:
        moved = decide_agree_response_plan(
            self.ADULT,
            on=TODAY,
            respond_by=date(2027, 6, 1),
            good_reason="Care provider inquiry",
            longer_period_agreed=True,
            calendar=CALENDAR,
        )
        assert moved.longer_period_agreed and moved.beyond_maximum

    def test_the_backstop_applies_to_extensions_too(self) -> None:
        with pytest.raises(StatutoryBackstopPassed):
            decide_extend(
                self.ADULT,
                on=TODAY,
                new_due=date(2027, 6, 1),
                reason="Waiting for records",
                good_reason="Records held by a closed provider",
                calendar=CALENDAR,
            )


# ---------------------------------------------------------------------------------------
# Acknowledgement and the time limit to complain


class TestComplaintOutOfTime:
    def test_a_complaint_more_than_12_months_after_awareness_needs_discretion(self) -> None:
        facts = case(status=S.RECEIVED, aware_since=date(2025, 11, 29))
        with pytest.raises(ComplaintOutOfTime) as caught:
            decide_acknowledge(facts, on=ACKNOWLEDGED)
        assert caught.value.override == "discretion"

    def test_a_late_complaint_accepted_at_discretion_is_flagged(self) -> None:
        facts = case(status=S.RECEIVED, aware_since=date(2025, 11, 29))
        moved = decide_acknowledge(
            facts, on=ACKNOWLEDGED, late_complaint_discretion="Was abroad caring for a parent"
        )
        assert moved.late_complaint and moved.discretion_used
        assert moved.discretion_reason == "Was abroad caring for a parent"

    def test_a_complaint_12_months_to_the_day_is_in_time(self) -> None:
        facts = case(status=S.RECEIVED, aware_since=date(2025, 11, 30))
        moved = decide_acknowledge(facts, on=ACKNOWLEDGED)
        assert not moved.late_complaint and not moved.discretion_used

    def test_acknowledgement_starts_stage1(self) -> None:
        moved = decide_acknowledge(case(status=S.RECEIVED), on=ACKNOWLEDGED)
        assert (moved.status, moved.stage, moved.letter) == (
            S.IN_PROGRESS,
            1,
            Letter.ACKNOWLEDGEMENT,
        )


class TestDateOutOfOrder:
    def test_an_acknowledgement_before_receipt_is_refused(self) -> None:
        with pytest.raises(DateOutOfOrder):
            decide_acknowledge(case(status=S.RECEIVED), on=RECEIVED - (ACKNOWLEDGED - RECEIVED))

    def test_an_escalation_request_before_the_response_is_refused(self) -> None:
        with pytest.raises(DateOutOfOrder):
            decide_request_escalation(responded(), on=date(2026, 12, 16), calendar=CALENDAR)


# ---------------------------------------------------------------------------------------
# Related issues, holds, exclusions, withdrawal, closure


class TestIssueMustBeNewComplaint:
    def test_a_related_issue_before_the_stage1_response_joins_the_case(self) -> None:
        moved = decide_add_related_issue(case(), on=TODAY, related=True)
        assert moved.status is S.IN_PROGRESS

    def test_an_unrelated_issue_is_a_new_complaint(self) -> None:
        with pytest.raises(IssueMustBeNewComplaint, match="not related"):
            decide_add_related_issue(case(), on=TODAY, related=False)

    def test_a_related_issue_after_the_stage1_response_is_a_new_complaint(self) -> None:
        with pytest.raises(IssueMustBeNewComplaint, match="has had its response"):
            decide_add_related_issue(responded(), on=TODAY, related=True)

    def test_a_related_issue_at_stage2_is_a_new_complaint(self) -> None:
        with pytest.raises(IssueMustBeNewComplaint, match="at stage 2"):
            decide_add_related_issue(at_stage2(), on=TODAY, related=True)

    def test_an_issue_that_would_unreasonably_delay_the_response_is_a_new_complaint(
        self,
    ) -> None:
        with pytest.raises(IssueMustBeNewComplaint, match="unreasonably delay"):
            decide_add_related_issue(case(), on=TODAY, related=True, would_unreasonably_delay=True)


class TestHoldGroundNotAllowed:
    @pytest.mark.parametrize("ground", ["concurrent_proceedings", "under_council_investigation"])
    def test_proceedings_or_a_council_investigation_hold_the_case(self, ground: str) -> None:
        moved = decide_hold(case(), on=TODAY, ground=ground, catalogue=CATALOGUE)
        assert moved.status is S.ON_HOLD and moved.status_before_hold is S.IN_PROGRESS
        assert moved.letter is Letter.HOLD_NOTICE

    def test_any_other_exclusion_is_not_a_reason_to_hold(self) -> None:
        with pytest.raises(HoldGroundNotAllowed) as caught:
            decide_hold(case(), on=TODAY, ground="financial_claim", catalogue=CATALOGUE)
        assert caught.value.rule == "hold_ground_not_allowed"

    def test_a_ground_outside_the_catalogue_is_unknown(self) -> None:
        with pytest.raises(UnknownExclusion):
            decide_hold(case(), on=TODAY, ground="officer_on_leave", catalogue=CATALOGUE)


class TestResume:
    @pytest.mark.parametrize(
        "before", [S.RECEIVED, S.IN_PROGRESS, S.ESCALATION_REQUESTED, S.PANEL_HELD]
    )
    def test_resume_restores_the_status_before_the_hold(self, before: CaseStatus) -> None:
        facts = case(status=S.ON_HOLD, status_before_hold=before)
        moved = decide_resume(facts, on=TODAY)
        assert moved.status is before and moved.restart_clock

    def test_on_hold_without_the_status_before_is_a_broken_snapshot(self) -> None:
        with pytest.raises(InvalidCaseFacts):
            case(status=S.ON_HOLD)


class TestResubmissionOutOfTime:
    HELD = case(
        status=S.ON_HOLD, status_before_hold=S.IN_PROGRESS, hold_ground="concurrent_proceedings"
    )

    def test_resuming_within_a_year_of_the_proceedings_ending_is_accepted(self) -> None:
        moved = decide_resume(self.HELD, on=date(2027, 6, 1), proceedings_ended_on=date(2026, 6, 1))
        assert moved.status is S.IN_PROGRESS

    def test_resuming_more_than_a_year_after_the_proceedings_ended_is_refused(self) -> None:
        with pytest.raises(ResubmissionOutOfTime):
            decide_resume(self.HELD, on=date(2027, 6, 2), proceedings_ended_on=date(2026, 6, 1))


class TestExclusion:
    def test_an_exclusion_from_the_catalogue_closes_the_complaint_with_the_ombudsman(self) -> None:
        moved = decide_exclude(
            case(status=S.RECEIVED),
            on=ACKNOWLEDGED,
            code="alternative_redress",
            reasons="This is a Housing Benefit decision; the appeal goes to the tribunal.",
            catalogue=CATALOGUE,
        )
        assert moved.status is S.EXCLUDED and moved.status_before_exclusion is S.RECEIVED
        assert moved.exclusion is CATALOGUE["alternative_redress"]
        assert moved.letter is Letter.EXCLUSION_NOTICE and moved.ombudsman == "housing_ombudsman"

    def test_a_hold_exclusion_logs_and_pauses_the_complaint(self) -> None:
        moved = decide_exclude(
            case(status=S.RECEIVED),
            on=ACKNOWLEDGED,
            code="under_council_investigation",
            reasons="Prosecution for fly-tipping under way",
            catalogue=CATALOGUE,
        )
        assert moved.status is S.ON_HOLD and moved.status_before_hold is S.RECEIVED

    def test_an_exclusion_needs_reasons_for_this_case(self) -> None:
        with pytest.raises(ReasonMissing):
            decide_exclude(
                case(), on=TODAY, code="financial_claim", reasons="", catalogue=CATALOGUE
            )


class TestUnknownExclusion:
    def test_an_exclusion_outside_the_catalogue_is_refused(self) -> None:
        with pytest.raises(UnknownExclusion) as caught:
            decide_exclude(
                case(), on=TODAY, code="vexatious", reasons="Too many emails", catalogue=CATALOGUE
            )
        assert caught.value.rule == "unknown_exclusion"
        assert '"vexatious"' in caught.value.message


class TestReinstate:
    def test_an_excluded_complaint_taken_back_on_resumes_where_it_was(self) -> None:
        moved = decide_reinstate(
            SAMPLES["excluded"], on=TODAY, reason="The Ombudsman found the exclusion unfair"
        )
        assert moved.status is S.RECEIVED and moved.restart_clock

    def test_taking_a_complaint_back_on_needs_a_reason(self) -> None:
        with pytest.raises(ReasonMissing):
            decide_reinstate(SAMPLES["excluded"], on=TODAY, reason="")


class TestWithdrawal:
    @pytest.mark.parametrize("channel", ["phone", "email", "letter", "in_person", "web"])
    def test_a_complaint_can_be_withdrawn_by_any_channel(self, channel: str) -> None:
        moved = decide_withdraw(case(), on=TODAY, channel=channel)
        assert moved.status is S.WITHDRAWN and moved.channel == channel
        assert moved.letter is Letter.WITHDRAWAL_ACKNOWLEDGEMENT

    @pytest.mark.parametrize(
        "name",
        [
            "received",
            "housing stage 1 in progress",
            "stage 2 requested",
            "children's review panel held",
            "on hold during stage 1",
        ],
    )
    def test_an_open_complaint_can_be_withdrawn_at_any_point(self, name: str) -> None:
        assert decide_withdraw(SAMPLES[name], on=TODAY, channel="phone").status is S.WITHDRAWN


class TestOmbudsmanEnquiry:
    def test_a_closed_case_is_reopened_for_the_ombudsman_and_closed_again(self) -> None:
        reopened = decide_reopen_for_ombudsman(SAMPLES["closed after the final stage"], on=TODAY)
        assert reopened.status is S.WITH_OMBUDSMAN
        closed = decide_close(SAMPLES["with the Ombudsman"], on=TODAY)
        assert closed.status is S.CLOSED


class TestChildrensReviewPanel:
    def test_the_council_responds_only_after_the_panels_findings(self) -> None:
        with pytest.raises(MoveNotAvailable, match="after the panel has been held"):
            decide_respond(
                childrens_stage3(), on=TODAY, content=complete_response(childrens_stage3())
            )

    def test_panel_held_then_findings_then_the_councils_final_response(self) -> None:
        held = decide_record_panel_held(childrens_stage3(), on=date(2026, 12, 30))
        assert held.status is S.PANEL_HELD
        findings = decide_record_findings(
            childrens_stage3(S.PANEL_HELD, panel_held_on=held.on), on=date(2027, 1, 6)
        )
        assert findings.status is S.FINDINGS_ISSUED
        facts = childrens_stage3(
            S.FINDINGS_ISSUED, panel_held_on=held.on, findings_issued_on=findings.on
        )
        response = decide_respond(facts, on=date(2027, 1, 27), content=complete_response(facts))
        assert (response.status, response.stage, response.final_response) == (
            S.RESPONDED,
            3,
            True,
        )

    def test_findings_cannot_be_dated_before_the_panel(self) -> None:
        facts = childrens_stage3(S.PANEL_HELD, panel_held_on=date(2026, 12, 30))
        with pytest.raises(DateOutOfOrder):
            decide_record_findings(facts, on=date(2026, 12, 29))


class TestContractorFeedback:
    def test_feedback_the_next_working_day_after_easter_is_on_time(self) -> None:
        # Asked on Maundy Thursday 2026; Good Friday and Easter Monday are bank holidays.
        facts = case(received_on=date(2026, 3, 30), stage_acknowledged_on=date(2026, 3, 31))
        moved = decide_record_contractor_feedback(
            facts, on=date(2026, 4, 7), asked_on=date(2026, 4, 2), calendar=CALENDAR
        )
        assert not moved.contractor_feedback_late

    def test_feedback_after_one_working_day_is_late(self) -> None:
        moved = decide_record_contractor_feedback(
            case(), on=date(2026, 12, 17), asked_on=date(2026, 12, 15), calendar=CALENDAR
        )
        assert moved.contractor_feedback_late


# ---------------------------------------------------------------------------------------
# The errors themselves


def _all_rule_classes() -> list[type[RuleBroken]]:
    found: list[type[RuleBroken]] = []
    pending = [RuleBroken]
    while pending:
        cls = pending.pop()
        found.append(cls)
        pending.extend(cls.__subclasses__())
    return found


class TestRuleCodes:
    def test_every_rule_has_its_own_snake_case_code(self) -> None:
        rules = [cls.rule for cls in _all_rule_classes()]
        assert len(rules) == len(set(rules))
        assert all(re.fullmatch(r"[a-z]+(_[a-z0-9]+)*", rule) for rule in rules)

    @pytest.mark.parametrize(
        "error",
        [
            EscalationBeforeResponse(1),
            NoThirdStage("Housing (landlord) complaints", 2, "the Housing Ombudsman Service"),
            ResponseIncomplete(("(a) the stage", "(d) the reasons for the decision")),
            RepresentativeConsentOutstanding(),
            ComplaintStatementNotAgreed(),
            ExtensionReasonMissing(),
            ExtensionNotLater(date(2027, 1, 5), date(2027, 1, 6)),
            ExtensionBeyondMaximum(date(2027, 1, 6), date(2027, 1, 5), 20),
            StatutoryBackstopPassed(date(2027, 6, 1), date(2027, 5, 30)),
            ClockNotStarted(),
            EscalationWindowClosed(date(2027, 1, 20), date(2027, 1, 19), 20),
            EscalationLongStopPassed(date(2027, 12, 20), date(2027, 12, 17), 12),
            ComplaintOutOfTime(date(2026, 11, 30), date(2025, 11, 29), 12),
            EscalationRefusalGroundNotAllowed("outcome_would_be_the_same"),
            UnknownExclusion("vexatious"),
            HoldGroundNotAllowed("A claim for compensation"),
            ResubmissionOutOfTime(date(2027, 6, 2), date(2027, 6, 1)),
            IssueMustBeNewComplaint("This issue is not related to the open complaint."),
            DateOutOfOrder(date(2026, 11, 1), date(2026, 11, 30), "the complaint was received"),
            ReasonMissing("excluding this complaint"),
        ],
        ids=lambda e: type(e).__name__,
    )
    def test_messages_are_plain_english(self, error: RuleBroken) -> None:
        assert_plain_english(error.message)
        assert str(error) == error.message


class TestAddMonths:
    def test_a_month_end_that_does_not_exist_falls_back_to_the_last_day(self) -> None:
        assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
        assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)

    def test_december_rolls_into_the_next_year(self) -> None:
        assert add_months(date(2026, 12, 17), 12) == date(2027, 12, 17)
        assert add_months(date(2026, 11, 30), 1) == date(2026, 12, 30)
