"""Triage: what kind of contact came in, and what happens to it next.

The vocabulary (`ContactKind`s) comes from configuration; a council may add kinds, but the
built-in ones below carry rules of their own (SPEC "Kinds of contact"):

* complaint, and an MP or councillor enquiry (handled as a stage 1 complaint, answered to
  the MP or councillor: 002 HM&I process);
* service request: recorded, not a complaint; a complaint raised from it leaves the request
  open (Housing Ombudsman Code 1.4, 1.5);
* comment, compliment: recorded and routed to the service;
* survey dissatisfaction: not a complaint, but the person is told how to complain (Code 1.6);
* excluded: needs an exclusion from the catalogue; the person is told why and which
  Ombudsman can look at it (Code 2.4). A "hold" exclusion is logged and paused (001
  Appendix A), so it still opens a case.

"If in doubt, record it as a complaint" (001 "Definition of a complaint").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Final

from putright.policy.errors import PolicyConfigError
from putright.policy.lifecycle import (
    CaseFacts,
    RuleBroken,
    UnknownExclusion,
    is_out_of_time,
    related_issue_problem,
)
from putright.policy.ombudsman import ombudsman_for
from putright.policy.processes import ContactKind, Exclusion, Ombudsman, PolicyConfig

COMPLAINT: Final = "complaint"
SERVICE_REQUEST: Final = "service_request"
COMMENT: Final = "comment"
COMPLIMENT: Final = "compliment"
MP_COUNCILLOR_ENQUIRY: Final = "mp_councillor_enquiry"
SURVEY_DISSATISFACTION: Final = "survey_dissatisfaction"
EXCLUDED: Final = "excluded"
BUILT_IN_KINDS: Final = (
    COMPLAINT,
    SERVICE_REQUEST,
    COMMENT,
    COMPLIMENT,
    MP_COUNCILLOR_ENQUIRY,
    SURVEY_DISSATISFACTION,
    EXCLUDED,
)
# Kinds that run through a complaints process from stage 1.
COMPLAINT_KINDS: Final = frozenset({COMPLAINT, MP_COUNCILLOR_ENQUIRY})


class UnknownContactKind(RuleBroken):
    rule = "unknown_contact_kind"

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(
            f'There is no kind of contact called "{code.replace("_", " ")}". '
            "Choose one from the list."
        )


class ExclusionNotChosen(RuleBroken):
    rule = "exclusion_not_chosen"

    def __init__(self) -> None:
        super().__init__(
            "Choose which exclusion applies. A complaint is only excluded for one of the "
            "reasons in the complaints policy, decided for this case."
        )


class Placement(StrEnum):
    """Where a new issue raised by someone with an open complaint goes."""

    JOIN = "join_open_case"
    NEW = "new_stage1_complaint"


@dataclass(frozen=True, slots=True)
class TriageDecision:
    kind: ContactKind
    opens_case: bool
    is_complaint: bool
    in_doubt: bool = False
    exclusion: Exclusion | None = None
    ombudsman: Ombudsman | None = None
    tell_how_to_complain: bool = False
    keeps_service_request_open: bool = False
    respond_to_representative: bool = False
    out_of_time: bool = False


def contact_kinds(config: PolicyConfig) -> tuple[ContactKind, ...]:
    """The kinds staff choose from at triage, in the configuration's order."""
    return tuple(config.contact_kinds.values())


def contact_kind(config: PolicyConfig, code: str) -> ContactKind:
    """One kind by code. Raises UnknownContactKind, or PolicyConfigError for a missing
    built-in kind (triage cannot work without it)."""
    try:
        return config.contact_kinds[code]
    except KeyError:
        if code in BUILT_IN_KINDS:
            raise PolicyConfigError(
                config.source, f"contact_kinds.{code}", "is missing: triage needs it"
            ) from None
        raise UnknownContactKind(code) from None


def classify(
    config: PolicyConfig,
    *,
    kind: str | None,
    process: str,
    landlord_matter: bool = False,
    person_is_tenant_or_leaseholder: bool = False,
    exclusion_code: str | None = None,
    in_doubt: bool = False,
    received_on: date | None = None,
    aware_since: date | None = None,
) -> TriageDecision:
    """Decide what a contact is and what follows.

    `kind` None, or `in_doubt`, records a complaint. An excluded contact needs an
    `exclusion_code` from the catalogue (ExclusionNotChosen, UnknownExclusion); a code with
    any other kind is a caller's mistake (ValueError). `out_of_time` flags a complaint
    made more than 12 months after the person became aware: still a complaint, accepted
    at discretion when it is acknowledged (lifecycle.decide_acknowledge).
    """
    code = COMPLAINT if kind is None or in_doubt else kind
    if exclusion_code is not None and code != EXCLUDED:
        raise ValueError(f"an exclusion code was given for a {code}, not an excluded contact")
    chosen = contact_kind(config, code)

    def ombudsman() -> Ombudsman:
        return ombudsman_for(
            config,
            process=process,
            landlord_matter=landlord_matter,
            person_is_tenant_or_leaseholder=person_is_tenant_or_leaseholder,
        )

    if code == EXCLUDED:
        return _excluded(config, chosen, exclusion_code, ombudsman())
    if code in COMPLAINT_KINDS:
        late = received_on is not None and is_out_of_time(
            received_on, aware_since, config.time_limits
        )
        return TriageDecision(
            kind=chosen,
            opens_case=True,
            is_complaint=True,
            in_doubt=in_doubt or kind is None,
            ombudsman=ombudsman(),
            respond_to_representative=code == MP_COUNCILLOR_ENQUIRY,
            out_of_time=late,
        )
    return TriageDecision(
        kind=chosen,
        opens_case=chosen.opens_case,
        is_complaint=False,
        tell_how_to_complain=code == SURVEY_DISSATISFACTION,
    )


def _excluded(
    config: PolicyConfig, kind: ContactKind, code: str | None, ombudsman: Ombudsman
) -> TriageDecision:
    if code is None or not code.strip():
        raise ExclusionNotChosen()
    try:
        exclusion = config.exclusions[code]
    except KeyError:
        raise UnknownExclusion(code) from None
    return TriageDecision(
        kind=kind,
        # 001 Appendix A: a complaint under council investigation is "initially logged but
        # no further action will be taken" until the proceedings end.
        opens_case=exclusion.outcome == "hold",
        is_complaint=False,
        exclusion=exclusion,
        ombudsman=ombudsman,
    )


def raise_complaint_from_service_request(
    config: PolicyConfig,
    *,
    process: str,
    landlord_matter: bool = False,
    person_is_tenant_or_leaseholder: bool = False,
) -> TriageDecision:
    """A stage 1 complaint about how a service request is handled; the request stays open
    and the service keeps working on it (Housing Ombudsman Code 1.5, 001 "We will ...
    continue to try to resolve your service request")."""
    return TriageDecision(
        kind=contact_kind(config, COMPLAINT),
        opens_case=True,
        is_complaint=True,
        ombudsman=ombudsman_for(
            config,
            process=process,
            landlord_matter=landlord_matter,
            person_is_tenant_or_leaseholder=person_is_tenant_or_leaseholder,
        ),
        keeps_service_request_open=True,
    )


def join_or_new(
    facts: CaseFacts, *, related: bool, would_unreasonably_delay: bool = False
) -> Placement:
    """A related issue before the stage 1 response joins the open case; anything else is a
    new stage 1 complaint (001 "Responding at Stage One", Housing Ombudsman Code 6.8)."""
    problem = related_issue_problem(
        facts, related=related, would_unreasonably_delay=would_unreasonably_delay
    )
    return Placement.JOIN if problem is None else Placement.NEW
