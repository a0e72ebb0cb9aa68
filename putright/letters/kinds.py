"""The kinds of letter PutRight sends (SPEC "Letters and responses", issue: every kind)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models


class LetterKind(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", "Acknowledgement"
    ACKNOWLEDGEMENT_DELAY = "acknowledgement_delay", "Acknowledgement with an expected delay"
    ESCALATION_ACKNOWLEDGEMENT = "escalation_acknowledgement", "Acknowledgement of a next stage"
    EXTENSION_NOTICE = "extension_notice", "Extension notice"
    STAGE1_RESPONSE = "stage1_response", "Stage 1 response"
    STAGE2_RESPONSE = "stage2_response", "Stage 2 (final) response"
    CHILDRENS_STAGE2_RESPONSE = (
        "childrens_stage2_response",
        "Children's social care: stage 2 response",
    )
    PANEL_REQUEST_ACKNOWLEDGEMENT = (
        "panel_request_acknowledgement",
        "Children's social care: review panel request acknowledged",
    )
    PANEL_FINDINGS = "panel_findings", "Children's social care: review panel findings"
    PANEL_RESPONSE = "panel_response", "Children's social care: council's response to the panel"
    ADULT_SOCIAL_CARE_RESPONSE = "adult_social_care_response", "Adult social care response"
    EXCLUSION_NOTICE = "exclusion_notice", "Exclusion notice"
    HOLD_NOTICE = "hold_notice", "Hold notice"
    ESCALATION_REFUSED = "escalation_refused", "Next stage refused"
    WITHDRAWAL_ACKNOWLEDGEMENT = "withdrawal_acknowledgement", "Withdrawal acknowledgement"
    COMMENT_THANKS = "comment_thanks", "Thanks for a comment"
    COMPLIMENT_THANKS = "compliment_thanks", "Thanks for a compliment"
    ACTION_UPDATE = "action_update", "Update on an action we agreed"
    RESTRICTION_NOTICE = "restriction_notice", "Restriction on contact"
    PANEL_INVITATION = "panel_invitation", "Children's social care: invitation to the review panel"


@dataclass(frozen=True, slots=True)
class KindRules:
    """What a kind of letter must say.

    `required`: paths into the letter's context whose values must all appear in the letter's
    text (a path ending in `[]` is a list: every element; `a.b` looks inside a mapping). A
    template that leaves one out cannot be saved, and a letter that leaves one out cannot be
    issued. Empty values are not required (no extension reason on a letter without one).
    `response_stage`: for a stage response, which stage it answers (None: not a response).
    `extras`: letter-only values the caller may pass (they are not on the case record).
    """

    required: tuple[str, ...]
    response_stage: int | None = None
    final: bool = False
    extras: tuple[str, ...] = ()


_OMBUDSMAN = ("ombudsman.name", "ombudsman.phone", "ombudsman.website")
# SPEC items (a)-(g): the stage, the definition, the decision overall and per issue, the
# reasons, the remedy (or why none), the outstanding actions, how to escalate.
_RESPONSE = (
    "stage_name",
    "response.complaint_definition",
    "issues[]",
    "response.decision_label",
    "response.issues[].text",
    "response.issues[].decision_label",
    "response.issues[].reasons",
    "response.reasons",
    "response.remedies[]",
    "response.no_remedy_reason",
    "response.outstanding_actions[]",
    "response.how_to_escalate",
)
_NEXT_STAGE = ("escalate_by", "next_stage_name")
_RESPONSE_EXTRAS = ("how_considered", "what_happened")

K = LetterKind

KIND_RULES: dict[str, KindRules] = {
    K.ACKNOWLEDGEMENT: KindRules(("reference", "issues[]", "respond_by")),
    K.ACKNOWLEDGEMENT_DELAY: KindRules(
        ("reference", "issues[]", "respond_by", "delay_reason"), extras=("delay_reason",)
    ),
    K.ESCALATION_ACKNOWLEDGEMENT: KindRules(("reference", "stage_name", "respond_by")),
    K.EXTENSION_NOTICE: KindRules(("reference", "new_respond_by", "extension_reason", *_OMBUDSMAN)),
    K.STAGE1_RESPONSE: KindRules(
        ("reference", *_RESPONSE, *_NEXT_STAGE), response_stage=1, extras=_RESPONSE_EXTRAS
    ),
    K.STAGE2_RESPONSE: KindRules(
        ("reference", *_RESPONSE, *_OMBUDSMAN),
        response_stage=2,
        final=True,
        extras=_RESPONSE_EXTRAS,
    ),
    K.CHILDRENS_STAGE2_RESPONSE: KindRules(
        ("reference", *_RESPONSE, *_NEXT_STAGE), response_stage=2, extras=_RESPONSE_EXTRAS
    ),
    K.PANEL_REQUEST_ACKNOWLEDGEMENT: KindRules(("reference", "requested_on", "panel_by")),
    K.PANEL_FINDINGS: KindRules(("reference", "findings", "response_by")),
    K.PANEL_RESPONSE: KindRules(
        ("reference", *_RESPONSE, "findings", *_OMBUDSMAN),
        response_stage=3,
        final=True,
        extras=_RESPONSE_EXTRAS,
    ),
    K.ADULT_SOCIAL_CARE_RESPONSE: KindRules(
        ("reference", *_RESPONSE, *_OMBUDSMAN),
        response_stage=1,
        final=True,
        extras=_RESPONSE_EXTRAS,
    ),
    K.EXCLUSION_NOTICE: KindRules(
        (
            "reference",
            "exclusion.title",
            "exclusion.explanation",
            "exclusion.route",
            "exclusion_reasons",
            *_OMBUDSMAN,
        )
    ),
    K.HOLD_NOTICE: KindRules(
        ("reference", "exclusion.title", "exclusion.explanation", "exclusion_reasons", *_OMBUDSMAN)
    ),
    K.ESCALATION_REFUSED: KindRules(
        (
            "reference",
            "next_stage_name",
            "exclusion.title",
            "exclusion.explanation",
            "exclusion.route",
            "exclusion_reasons",
            *_OMBUDSMAN,
        )
    ),
    K.WITHDRAWAL_ACKNOWLEDGEMENT: KindRules(("reference", "withdrawn_on")),
    # 001, unacceptable behaviour: what is restricted and why, until when it is reviewed,
    # the right to ask for a review, and the Ombudsman's details.
    K.RESTRICTION_NOTICE: KindRules(
        (
            "reference",
            "restriction.text",
            "restriction.reason",
            "restriction.scope",
            "restriction.review_on",
            *_OMBUDSMAN,
        )
    ),
    # Children's stage 3 (001 Appendix B): when the panel meets and who sits on it.
    K.PANEL_INVITATION: KindRules(
        ("reference", "panel.date", "panel.chair", "panel.person_one", "panel.person_two")
    ),
    K.COMMENT_THANKS: KindRules(("reference", "feedback_summary", "service_name")),
    K.COMPLIMENT_THANKS: KindRules(("reference", "feedback_summary", "service_name")),
    # Outstanding actions: each update reaches the person in writing (SPEC "Remedies").
    K.ACTION_UPDATE: KindRules(
        ("reference", "action_description", "update_text"),
        extras=("action_description", "update_text", "action_done", "next_update_by"),
    ),
}

RESPONSE_KINDS = frozenset(k for k, rules in KIND_RULES.items() if rules.response_stage)


def response_kind_for(*, process: str, stage: int) -> LetterKind:
    """The response letter for `stage` of a case run under `process`."""
    if process == "adult_social_care":
        return K.ADULT_SOCIAL_CARE_RESPONSE
    if stage == 1:
        return K.STAGE1_RESPONSE
    if process == "childrens_social_care":
        return K.CHILDRENS_STAGE2_RESPONSE if stage == 2 else K.PANEL_RESPONSE
    return K.STAGE2_RESPONSE
