"""The fixed, documented context a letter template sees: plain values read from the case.

Every variable is text, a number, a yes/no, or a list or mapping of those. Dates are
already written out ("4 November 2026"). No model object and nothing callable ever reaches
a template (sandbox.plain_value checks). docs/letters.md lists the same variables.

Individual staff are not named unless a template uses `officer_name` on purpose (SPEC
"Letters avoid naming individual staff"); the default templates sign off as the team.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from django.conf import settings

from putright.cases import selectors
from putright.cases.models import (
    Case,
    ComplaintDefinition,
    Extension,
    Hold,
    LetterContact,
    Officer,
    PanelReview,
    Restriction,
    StageRecord,
)
from putright.core.policy import policy_config
from putright.letters.kinds import KIND_RULES, LetterKind
from putright.letters.sandbox import LetterError, plain_value
from putright.policy.lifecycle import CaseStatus
from putright.web.council import council_contact

K = LetterKind


class LetterNotApplicable(LetterError):
    """This kind of letter does not fit the case as it stands (nothing to say yet)."""


class LetterContactMissing(LetterError):
    def __init__(self) -> None:
        super().__init__(
            "The council's contact details for letters are not set up: add them under "
            "Letter contacts in the admin."
        )


COMMON_VARIABLES: dict[str, str] = {
    "council_name": "The council's name.",
    "team": "The complaints team: team.name, team.address_lines (list), team.phone, team.email.",
    "reference": "The case's CU reference.",
    "letter_date": "The date of the letter, written out.",
    "person_name": "The name of the person who complained or gave feedback.",
    "recipient": (
        "Who the letter is to (the person, their representative, or the MP or councillor "
        "who asked): recipient.name, recipient.address_lines (list), recipient.is_person "
        "(yes when it is the person themselves)."
    ),
    "copy_note": (
        "Who else gets this letter, or that this is the person's copy of a letter sent to "
        "their representative; empty otherwise. The letter's frame prints it."
    ),
    "service_name": "The council service the case is about.",
    "process_title": "The complaints process, e.g. 'Housing (landlord) complaints'.",
    "process": "The process code: corporate, housing, childrens_social_care, adult_social_care.",
    "stage": "The stage number the letter is about.",
    "stage_name": "The stage's name, e.g. 'Stage 1'.",
    "final_stage": "Yes when this is the last stage of the process.",
    "received_on": "The date the complaint or feedback was received.",
    "ombudsman": (
        "The right Ombudsman for this case (chosen by the policy): ombudsman.name, "
        "ombudsman.address, ombudsman.phone, ombudsman.website, ombudsman.email."
    ),
    "officer_name": (
        "The name of the officer handling the stage. Staff are not named in letters unless "
        "a template uses this on purpose."
    ),
    "officer_job_title": "That officer's job title.",
    "signed_by_name": (
        "The name the response is signed with: the stage's officer, or empty when the "
        "council does not name staff in letters (PUTRIGHT_LETTERS_NAME_OFFICERS)."
    ),
    "signed_by_role": "The signing officer's job title ('Investigating officer' when unknown).",
    "large_print": "Yes when this copy is the large-print letter.",
}

_ACK = {
    "issues": "The issues, in the person's words (list).",
    "outcomes_sought": "What the person wants to happen.",
    "respond_by": "The date the response is due.",
    "target_days": "The stage's target, in working days.",
    "responsible": "What the council is responsible for in this complaint ('' if not said).",
    "not_responsible": "What the council is not responsible for ('' if not said).",
    "clarification_asked": "Yes when the officer asks the person to confirm the definition.",
}
_RESPONSE = {
    "issues": "The issues of the complaint definition, in the person's words (list).",
    "outcomes_sought": "What the person wanted to happen.",
    "responded_on": "The date of the response.",
    "response": (
        "Items (a)-(g): response.complaint_definition, response.decision_label, "
        "response.issues (list of: text, decision_label, reasons), response.reasons, "
        "response.remedies (list), response.no_remedy_reason, response.outstanding_actions "
        "(list), response.no_outstanding_actions (yes/no), response.how_to_escalate."
    ),
    "next_stage_name": "The name of the next stage ('' at the final stage).",
    "escalate_within_days": "Working days the person has to ask for the next stage.",
    "escalate_by": "The last day to ask for the next stage without a late request ('' if none).",
    "how_considered": "How the officer considered the complaint (written for this letter).",
    "what_happened": "What happened, as the investigation found (written for this letter).",
}
_EXCLUSION = {
    "exclusion": "The exclusion: exclusion.title, exclusion.explanation, exclusion.route.",
    "exclusion_reasons": "The reasons for this case.",
}

KIND_VARIABLES: dict[str, dict[str, str]] = {
    K.ACKNOWLEDGEMENT: _ACK,
    K.ACKNOWLEDGEMENT_DELAY: {
        **_ACK,
        "delay_reason": "Why the response may take longer (written for this letter).",
    },
    K.ESCALATION_ACKNOWLEDGEMENT: {
        **_ACK,
        "requested_on": "The date the person asked for this stage.",
        "request_reasons": "What the person said about why they asked (empty if nothing).",
    },
    K.EXTENSION_NOTICE: {
        "new_respond_by": "The new date for the response.",
        "extension_reason": "Why more time is needed.",
        "extended_on": "The date the extension was decided.",
    },
    K.STAGE1_RESPONSE: _RESPONSE,
    K.STAGE2_RESPONSE: _RESPONSE,
    K.CHILDRENS_STAGE2_RESPONSE: _RESPONSE,
    K.ADULT_SOCIAL_CARE_RESPONSE: _RESPONSE,
    K.PANEL_RESPONSE: {
        **_RESPONSE,
        "findings": "The review panel's findings and recommendations.",
        "panel_held_on": "The date the panel met.",
    },
    K.PANEL_REQUEST_ACKNOWLEDGEMENT: {
        "requested_on": "The date the person asked for a review panel.",
        "panel_by": "The date by which the panel will meet.",
    },
    K.PANEL_FINDINGS: {
        "findings": "The review panel's findings and recommendations.",
        "panel_held_on": "The date the panel met.",
        "response_by": "The date by which the council will respond to the findings.",
    },
    K.EXCLUSION_NOTICE: _EXCLUSION,
    K.HOLD_NOTICE: _EXCLUSION,
    K.ESCALATION_REFUSED: {
        **_EXCLUSION,
        "next_stage_name": "The stage the person asked for.",
    },
    K.WITHDRAWAL_ACKNOWLEDGEMENT: {
        "withdrawn_on": "The date the complaint was withdrawn.",
    },
    K.COMMENT_THANKS: {"feedback_summary": "What the person told us, in short."},
    K.COMPLIMENT_THANKS: {"feedback_summary": "What the person told us, in short."},
    K.ACTION_UPDATE: {
        "action_description": "The action we agreed (written for this letter).",
        "update_text": "What has happened since (written for this letter).",
        "action_done": "'yes' when the action is now complete, '' otherwise.",
        "next_update_by": "When the next update is due ('' when complete).",
    },
    K.RESTRICTION_NOTICE: {
        "restriction": (
            "The restriction on contact: restriction.text (what is restricted), "
            "restriction.reason, restriction.scope (the contact method or channel it covers), "
            "restriction.starts_on, restriction.review_on."
        ),
    },
    K.PANEL_INVITATION: {
        "panel": (
            "The review panel: panel.date (when it meets), panel.chair, panel.person_one and "
            "panel.person_two (the two independent persons)."
        ),
    },
}

DECISION_LABELS = {"upheld": "Upheld", "partly_upheld": "Partly upheld", "not_upheld": "Not upheld"}


def variables_for(kind: str) -> dict[str, str]:
    """Every variable a template of `kind` may use, with what it holds."""
    return {**COMMON_VARIABLES, **KIND_VARIABLES[kind]}


def day(value: date | None) -> str:
    """A date as letters write it: 4 November 2026 ('' for none)."""
    return f"{value.day} {value:%B %Y}" if value else ""


def _lines(text: str) -> list[str]:
    """An address as lines: its own line breaks, or else its commas."""
    raw = text.splitlines() if "\n" in text else text.split(",")
    return [line.strip() for line in raw if line.strip()]


def _postal(address: str, postcode: str) -> list[str]:
    lines = _lines(address)
    return [*lines, postcode] if postcode and postcode not in address else lines


# ---------------------------------------------------------------------------------------
# From a case


def letter_context(
    *, case: Case, kind: str, on: date, extra: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """The context of a letter of `kind` about `case`, dated `on`.

    `extra` holds the letter-only values the kind takes (KIND_RULES[kind].extras), such as
    the reason for an expected delay. Raises LetterNotApplicable when the case has nothing
    for this kind of letter to say, LetterContactMissing, and ValueError for an unknown
    extra.
    """
    rules = KIND_RULES[kind]
    extra = dict(extra or {})
    unknown = set(extra) - set(rules.extras)
    if unknown:
        raise ValueError(f"A {kind} letter does not take {', '.join(sorted(unknown))}.")
    config = policy_config()
    version = config.version_by_key(case.policy_version)
    stages = {s.number: s for s in StageRecord.objects.filter(case=case).select_related("officer")}
    number = rules.response_stage or _stage_of(kind, case)
    if not version.has_stage(number):
        raise LetterNotApplicable(f"A {_label(kind)} does not fit a {version.title} case.")
    record = stages.get(number)
    contact = LetterContact.objects.filter(is_current=True).order_by("-id").first()
    if contact is None:
        # Until the complaints team sets letter contacts in the admin, letters carry the
        # council's published contact details (the same the public pages show), so a
        # required letter is never blocked for want of an address.
        contact = _council_letter_contact()
    ombudsman = config.ombudsmen[case.ombudsman or version.ombudsman]
    person = case.person
    officer = record.officer if record is not None else None
    context: dict[str, Any] = {
        "council_name": settings.PUTRIGHT_COUNCIL_NAME,
        "team": {
            "name": contact.name,
            "address_lines": _lines(contact.address),
            "phone": contact.phone,
            "email": contact.email,
        },
        "reference": case.reference,
        "letter_date": day(on),
        "person_name": person.name,
        "recipient": {
            "name": person.name,
            "address_lines": _postal(person.address, person.postcode),
            "is_person": True,
        },
        "copy_note": "",
        "service_name": case.service.name,
        "process_title": version.title,
        "process": version.process,
        "stage": number,
        "stage_name": version.stage(number).name,
        "final_stage": number == version.final_stage,
        "received_on": day(case.received_on),
        "ombudsman": {
            "name": ombudsman.name,
            "address": ombudsman.address,
            "phone": ombudsman.phone,
            "website": ombudsman.website,
            "email": ombudsman.email,
        },
        "officer_name": officer.name if officer else "",
        "officer_job_title": officer.job_title if officer else "",
        **_signature(officer),
        "large_print": False,
    }
    context.update(_KIND_BUILDERS[kind](case, kind, number, record, stages, on))
    for name in rules.extras:
        context[name] = str(extra.get(name, "")).strip()
    plain_value(context)
    return context


def _signature(officer: Officer | None) -> dict[str, str]:
    """Who signs: the officer's name (if the council names staff) and their role."""
    named = bool(getattr(settings, "PUTRIGHT_LETTERS_NAME_OFFICERS", True))
    return {
        "signed_by_name": officer.name if officer is not None and named else "",
        "signed_by_role": (officer.job_title if officer is not None else "")
        or "Investigating officer",
    }


def _label(kind: str) -> str:
    return str(LetterKind(kind).label).lower()


def _stage_of(kind: str, case: Case) -> int:
    if kind == K.PANEL_REQUEST_ACKNOWLEDGEMENT or kind == K.PANEL_FINDINGS:
        return 3
    if kind == K.ESCALATION_REFUSED:
        return case.stage + 1
    if kind in (K.ACKNOWLEDGEMENT, K.ACKNOWLEDGEMENT_DELAY):
        return 1
    return case.stage


def _ack_definition(case: Case, stage: int) -> dict[str, Any]:
    """What the acknowledgement says of the council's part, and whether it asks the person
    to confirm the definition (asking them to clarify is a letter, not just a status)."""
    definition = (
        ComplaintDefinition.objects.filter(case=case, stage__lte=stage).order_by("-stage").first()
    )
    if definition is None:
        return {"responsible": "", "not_responsible": "", "clarification_asked": False}
    return {
        "responsible": definition.council_responsible_for,
        "not_responsible": definition.council_not_responsible_for,
        "clarification_asked": definition.state == "clarification_asked",
    }


def _definition(case: Case, stage: int) -> tuple[list[str], str]:
    definition = (
        ComplaintDefinition.objects.filter(case=case, stage__lte=stage)
        .order_by("-stage")
        .prefetch_related("issues")
        .first()
    )
    if definition is None:
        return [], ""
    return [i.text for i in definition.issues.all()], definition.outcomes_sought


def _deadline(case: Case, name: str, on: date) -> str:
    found = selectors.case_deadline_list(case=case, today=on).get(name)
    return day(found.due) if found else ""


Builder = Callable[
    [Case, str, int, StageRecord | None, dict[int, StageRecord], date], dict[str, Any]
]


def _acknowledgement(
    case: Case,
    kind: str,
    number: int,
    record: StageRecord | None,
    stages: dict[int, StageRecord],
    on: date,
) -> dict[str, Any]:
    if record is None or record.acknowledged_on is None:
        what = "complaint" if number == 1 else f"request for stage {number}"
        raise LetterNotApplicable(f"The {what} on case {case.reference} is not acknowledged yet.")
    issues, outcomes = _definition(case, number)
    stage = policy_config().version_by_key(case.policy_version).stage(number)
    values: dict[str, Any] = {
        "issues": issues,
        "outcomes_sought": outcomes,
        "respond_by": day(record.respond_by),
        "target_days": stage.target_days or 0,
        **_ack_definition(case, number),
    }
    if kind == K.ESCALATION_ACKNOWLEDGEMENT:
        values["requested_on"] = day(record.requested_on)
        values["request_reasons"] = record.request_context
    return values


def _extension(
    case: Case,
    kind: str,
    number: int,
    record: StageRecord | None,
    stages: dict[int, StageRecord],
    on: date,
) -> dict[str, Any]:
    latest = Extension.objects.filter(stage=record).order_by("-id").first() if record else None
    if latest is None:
        raise LetterNotApplicable(f"Stage {number} of case {case.reference} has not been extended.")
    return {
        "new_respond_by": day(latest.new_due_on),
        "extension_reason": latest.reason,
        "extended_on": day(latest.decided_on),
    }


def _response(
    case: Case,
    kind: str,
    number: int,
    record: StageRecord | None,
    stages: dict[int, StageRecord],
    on: date,
) -> dict[str, Any]:
    if record is None or record.responded_on is None or not record.response:
        raise LetterNotApplicable(
            f"The stage {number} response on case {case.reference} has not been issued yet."
        )
    version = policy_config().version_by_key(case.policy_version)
    stored = record.response
    issues, outcomes = _definition(case, number)
    final = number == version.final_stage
    window = version.stage(number).escalation_window_days
    values: dict[str, Any] = {
        "issues": issues,
        "outcomes_sought": outcomes,
        "responded_on": day(record.responded_on),
        "response": {
            "complaint_definition": stored.get("complaint_definition", ""),
            "decision_label": DECISION_LABELS.get(stored.get("decision", ""), ""),
            "issues": [
                {
                    "text": item.get("issue", ""),
                    "decision_label": DECISION_LABELS.get(item.get("decision", ""), ""),
                    "reasons": item.get("reasons", ""),
                }
                for item in stored.get("issues", [])
            ],
            "reasons": stored.get("reasons", ""),
            "remedies": list(stored.get("remedies", [])),
            "no_remedy_reason": stored.get("no_remedy_reason", ""),
            "outstanding_actions": list(stored.get("outstanding_actions", [])),
            "no_outstanding_actions": bool(stored.get("no_outstanding_actions", False)),
            "how_to_escalate": stored.get("how_to_escalate", ""),
        },
        "next_stage_name": "" if final else version.stage(number + 1).name,
        "escalate_within_days": 0 if final else (window or 0),
        "escalate_by": "" if final else _deadline(case, f"stage{number}.escalate_by", on),
    }
    if kind == K.PANEL_RESPONSE:
        values.update(_panel(case))
    return values


def _panel(case: Case) -> dict[str, Any]:
    panel = PanelReview.objects.filter(case=case).first()
    if panel is None:
        raise LetterNotApplicable(f"Case {case.reference} has no review panel.")
    return {"findings": panel.findings, "panel_held_on": day(panel.panel_held_on)}


def _panel_request(
    case: Case,
    kind: str,
    number: int,
    record: StageRecord | None,
    stages: dict[int, StageRecord],
    on: date,
) -> dict[str, Any]:
    if record is None or record.requested_on is None:
        raise LetterNotApplicable(f"Case {case.reference} has no request for a review panel.")
    return {
        "requested_on": day(record.requested_on),
        "panel_by": _deadline(case, "stage3.panel_by", on),
    }


def _panel_findings(
    case: Case,
    kind: str,
    number: int,
    record: StageRecord | None,
    stages: dict[int, StageRecord],
    on: date,
) -> dict[str, Any]:
    values = _panel(case)
    if not values["findings"]:
        raise LetterNotApplicable(f"The review panel on case {case.reference} has no findings.")
    values["response_by"] = _deadline(case, "stage3.response_by", on)
    return values


def _exclusion(
    case: Case,
    kind: str,
    number: int,
    record: StageRecord | None,
    stages: dict[int, StageRecord],
    on: date,
) -> dict[str, Any]:
    code = case.exclusion_code
    if kind == K.HOLD_NOTICE:
        hold = Hold.objects.filter(case=case).order_by("-held_on", "-id").first()
        if hold is None:
            raise LetterNotApplicable(f"Case {case.reference} has not been put on hold.")
        code, reasons = hold.reason, hold.detail or case.exclusion_reasons
    else:
        refused = case.status_before_exclusion == CaseStatus.ESCALATION_REQUESTED
        if not code or case.status != CaseStatus.EXCLUDED:
            raise LetterNotApplicable(f"Case {case.reference} has not been excluded.")
        if refused != (kind == K.ESCALATION_REFUSED):
            raise LetterNotApplicable(
                f"Case {case.reference} was "
                + ("refused the next stage" if refused else "excluded")
                + f", so a {_label(kind)} does not fit it."
            )
        reasons = case.exclusion_reasons
    exclusion = policy_config().exclusions.get(code)
    values: dict[str, Any] = {
        "exclusion": {
            "title": exclusion.title if exclusion else code,
            "explanation": exclusion.explanation if exclusion else "",
            "route": exclusion.route if exclusion else "",
        },
        "exclusion_reasons": reasons,
    }
    if kind == K.ESCALATION_REFUSED:
        version = policy_config().version_by_key(case.policy_version)
        values["next_stage_name"] = version.stage(number).name if version.has_stage(number) else ""
    return values


def _withdrawal(
    case: Case,
    kind: str,
    number: int,
    record: StageRecord | None,
    stages: dict[int, StageRecord],
    on: date,
) -> dict[str, Any]:
    if case.status != CaseStatus.WITHDRAWN:
        raise LetterNotApplicable(f"Case {case.reference} has not been withdrawn.")
    return {"withdrawn_on": day(case.closed_on)}


def _restriction(
    case: Case,
    kind: str,
    number: int,
    record: StageRecord | None,
    stages: dict[int, StageRecord],
    on: date,
) -> dict[str, Any]:
    found = (
        Restriction.objects.filter(person_id=case.person_id, ended_on__isnull=True)
        .order_by("-id")
        .first()
    )
    if found is None:
        raise LetterNotApplicable(f"The person of case {case.reference} has no restriction.")
    return {
        "restriction": {
            "text": found.restriction,
            "reason": found.reason,
            "scope": found.get_scope_display(),
            "starts_on": day(found.starts_on),
            "review_on": day(found.review_on),
        }
    }


def _panel_invitation(
    case: Case,
    kind: str,
    number: int,
    record: StageRecord | None,
    stages: dict[int, StageRecord],
    on: date,
) -> dict[str, Any]:
    panel = (
        PanelReview.objects.filter(case=case, chair__isnull=False, panel_date__isnull=False)
        .select_related("chair", "independent_person_one", "independent_person_two")
        .first()
    )
    if panel is None or panel.chair is None:
        raise LetterNotApplicable(f"The review panel on case {case.reference} is not arranged.")
    # A council that does not name staff in letters says who sits without their names.
    named = bool(getattr(settings, "PUTRIGHT_LETTERS_NAME_OFFICERS", True))
    unnamed = "someone independent of the service you complained about"
    seats = (panel.chair, panel.independent_person_one, panel.independent_person_two)
    chair, one, two = (o.name if o is not None and named else unnamed for o in seats)
    return {
        "panel": {
            "date": day(panel.panel_date),
            "chair": chair,
            "person_one": one,
            "person_two": two,
        }
    }


def _feedback(
    case: Case,
    kind: str,
    number: int,
    record: StageRecord | None,
    stages: dict[int, StageRecord],
    on: date,
) -> dict[str, Any]:
    wanted = "comment" if kind == K.COMMENT_THANKS else "compliment"
    if case.kind != wanted:
        raise LetterNotApplicable(f"Case {case.reference} is not a {wanted}.")
    return {"feedback_summary": case.summary}


def _nothing_more(
    case: Case,
    kind: str,
    number: int,
    record: StageRecord | None,
    stages: dict[int, StageRecord],
    on: date,
) -> dict[str, Any]:
    # Everything this kind says beyond the common values is written for the letter (extras).
    return {}


_KIND_BUILDERS: dict[str, Builder] = {
    K.ACKNOWLEDGEMENT: _acknowledgement,
    K.ACKNOWLEDGEMENT_DELAY: _acknowledgement,
    K.ESCALATION_ACKNOWLEDGEMENT: _acknowledgement,
    K.EXTENSION_NOTICE: _extension,
    K.STAGE1_RESPONSE: _response,
    K.STAGE2_RESPONSE: _response,
    K.CHILDRENS_STAGE2_RESPONSE: _response,
    K.ADULT_SOCIAL_CARE_RESPONSE: _response,
    K.PANEL_RESPONSE: _response,
    K.PANEL_REQUEST_ACKNOWLEDGEMENT: _panel_request,
    K.PANEL_FINDINGS: _panel_findings,
    K.EXCLUSION_NOTICE: _exclusion,
    K.HOLD_NOTICE: _exclusion,
    K.ESCALATION_REFUSED: _exclusion,
    K.WITHDRAWAL_ACKNOWLEDGEMENT: _withdrawal,
    K.COMMENT_THANKS: _feedback,
    K.COMPLIMENT_THANKS: _feedback,
    K.ACTION_UPDATE: _nothing_more,
    K.RESTRICTION_NOTICE: _restriction,
    K.PANEL_INVITATION: _panel_invitation,
}


# ---------------------------------------------------------------------------------------
# Sample values: a template is tried against these before it can be saved.

_SAMPLE_COMMON: dict[str, Any] = {
    "council_name": "Northfield Council",
    "team": {
        "name": "Customer Feedback Team",
        "address_lines": ["Civic Offices", "1 Market Square", "Northfield NF1 1AA"],
        "phone": "01234 567890",
        "email": "feedback@northfield.example.gov.uk",
    },
    "reference": "CU1234567",
    "letter_date": "4 November 2026",
    "person_name": "Sample Person",
    "recipient": {
        "name": "Sample Person",
        "address_lines": ["1 Sample Street", "NF1 2BB"],
        "is_person": True,
    },
    "copy_note": "",
    "service_name": "Sample service",
    "process_title": "Corporate complaints",
    "process": "corporate",
    "stage": 1,
    "stage_name": "Stage 1",
    "final_stage": False,
    "received_on": "2 November 2026",
    "ombudsman": {
        "name": "Sample Ombudsman",
        "address": "PO Box 1, Sampletown, SA1 1AA",
        "phone": "0300 000 0000",
        "website": "https://ombudsman.example",
        "email": "info@ombudsman.example",
    },
    "officer_name": "Sample Officer",
    "officer_job_title": "Sample Job Title",
    "signed_by_name": "Sample Officer",
    "signed_by_role": "Sample Job Title",
    "large_print": False,
}

_SAMPLE_RESPONSE: dict[str, Any] = {
    "issues": ["Sample issue one", "Sample issue two"],
    "outcomes_sought": "Sample outcome sought",
    "responded_on": "18 November 2026",
    "response": {
        "complaint_definition": "Sample complaint definition",
        "decision_label": "Partly upheld",
        "issues": [
            {
                "text": "Sample issue one",
                "decision_label": "Upheld",
                "reasons": "Sample reasons for issue one",
            },
            {
                "text": "Sample issue two",
                "decision_label": "Not upheld",
                "reasons": "Sample reasons for issue two",
            },
        ],
        "reasons": "Sample overall reasons",
        "remedies": ["Sample remedy one", "Sample remedy two"],
        "no_remedy_reason": "",
        "outstanding_actions": ["Sample outstanding action"],
        "no_outstanding_actions": False,
        "how_to_escalate": "Sample way to escalate",
    },
    "next_stage_name": "Stage 2",
    "escalate_within_days": 20,
    "escalate_by": "16 December 2026",
    "how_considered": "Sample way of considering",
    "what_happened": "Sample account of what happened",
}

_SAMPLE_ACK: dict[str, Any] = {
    "issues": ["Sample issue one", "Sample issue two"],
    "outcomes_sought": "Sample outcome sought",
    "respond_by": "18 November 2026",
    "target_days": 10,
    "responsible": "Sample repairs to the council's own property",
    "not_responsible": "Sample matters for the gas supplier",
    "clarification_asked": False,
}

_SAMPLE_EXCLUSION: dict[str, Any] = {
    "exclusion": {
        "title": "Sample exclusion title",
        "explanation": "Sample exclusion explanation",
        "route": "Sample route elsewhere",
    },
    "exclusion_reasons": "Sample reasons for this case",
}

_SAMPLE_KIND: dict[str, dict[str, Any]] = {
    K.ACKNOWLEDGEMENT: _SAMPLE_ACK,
    K.ACKNOWLEDGEMENT_DELAY: {**_SAMPLE_ACK, "delay_reason": "Sample reason for the delay"},
    K.ESCALATION_ACKNOWLEDGEMENT: {
        **_SAMPLE_ACK,
        "stage": 2,
        "stage_name": "Stage 2",
        "requested_on": "20 November 2026",
        "request_reasons": "Sample reasons the person gave",
    },
    K.EXTENSION_NOTICE: {
        "new_respond_by": "2 December 2026",
        "extension_reason": "Sample reason for the extension",
        "extended_on": "16 November 2026",
    },
    K.STAGE1_RESPONSE: _SAMPLE_RESPONSE,
    K.STAGE2_RESPONSE: {
        **_SAMPLE_RESPONSE,
        "stage": 2,
        "stage_name": "Stage 2",
        "final_stage": True,
        "next_stage_name": "",
        "escalate_within_days": 0,
        "escalate_by": "",
    },
    K.CHILDRENS_STAGE2_RESPONSE: {
        **_SAMPLE_RESPONSE,
        "process": "childrens_social_care",
        "stage": 2,
        "stage_name": "Stage 2: investigation",
        "next_stage_name": "Stage 3: review panel",
    },
    K.ADULT_SOCIAL_CARE_RESPONSE: {
        **_SAMPLE_RESPONSE,
        "process": "adult_social_care",
        "stage_name": "Single stage",
        "final_stage": True,
        "next_stage_name": "",
        "escalate_within_days": 0,
        "escalate_by": "",
    },
    K.PANEL_RESPONSE: {
        **_SAMPLE_RESPONSE,
        "process": "childrens_social_care",
        "stage": 3,
        "stage_name": "Stage 3: review panel",
        "final_stage": True,
        "next_stage_name": "",
        "escalate_within_days": 0,
        "escalate_by": "",
        "findings": "Sample panel findings",
        "panel_held_on": "14 April 2027",
    },
    K.PANEL_REQUEST_ACKNOWLEDGEMENT: {
        "process": "childrens_social_care",
        "stage": 3,
        "stage_name": "Stage 3: review panel",
        "requested_on": "10 March 2027",
        "panel_by": "22 April 2027",
    },
    K.PANEL_FINDINGS: {
        "process": "childrens_social_care",
        "stage": 3,
        "stage_name": "Stage 3: review panel",
        "findings": "Sample panel findings",
        "panel_held_on": "14 April 2027",
        "response_by": "12 May 2027",
    },
    K.EXCLUSION_NOTICE: _SAMPLE_EXCLUSION,
    K.HOLD_NOTICE: _SAMPLE_EXCLUSION,
    K.ESCALATION_REFUSED: {**_SAMPLE_EXCLUSION, "next_stage_name": "Stage 2"},
    K.WITHDRAWAL_ACKNOWLEDGEMENT: {"withdrawn_on": "10 November 2026"},
    K.COMMENT_THANKS: {"feedback_summary": "Sample comment"},
    K.COMPLIMENT_THANKS: {"feedback_summary": "Sample compliment"},
    K.ACTION_UPDATE: {
        "action_description": "Sample action",
        "update_text": "Sample update",
        "action_done": "",
        "next_update_by": "2 December 2026",
    },
    K.RESTRICTION_NOTICE: {
        "restriction": {
            "text": "Please contact us by email only, to one named officer",
            "reason": "Repeated abusive phone calls to staff",
            "scope": "Phone calls",
            "starts_on": "10 November 2026",
            "review_on": "10 February 2027",
        }
    },
    K.PANEL_INVITATION: {
        "process": "childrens_social_care",
        "stage": 3,
        "stage_name": "Stage 3: review panel",
        "panel": {
            "date": "15 April 2027",
            "chair": "Sample Chair",
            "person_one": "Sample Independent Person",
            "person_two": "Sample Second Person",
        },
    },
}


def sample_contexts(kind: str) -> list[dict[str, Any]]:
    """Example contexts a template of `kind` must render correctly before it is saved.

    Responses are tried twice: with remedies and outstanding actions, and with none (when
    the letter must say why no remedy is due and that nothing is outstanding).
    """
    first = {**_SAMPLE_COMMON, **_SAMPLE_KIND[kind]}
    samples = [first, {**first, "large_print": True}]
    if "response" in first:
        bare = dict(first["response"])
        bare.update(
            remedies=[],
            no_remedy_reason="Sample reason no remedy is due",
            outstanding_actions=[],
            no_outstanding_actions=True,
        )
        samples.append({**first, "response": bare})
    return samples


def _council_letter_contact() -> LetterContact:
    """An unsaved LetterContact made from the council's published contact details."""
    published = council_contact()
    return LetterContact(
        name=published.address[0] if published.address else "Complaints team",
        address="\n".join(published.address[1:]),
        phone=published.phone,
        email=published.email,
    )
