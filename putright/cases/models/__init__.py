"""The case record (SPEC "The record of a case"). Models are thin: rules live in the policy
core, writes in putright.cases.services, reads in putright.cases.selectors."""

from putright.cases.models.access import SignInLinkUse, SubmissionOnce
from putright.cases.models.calendar import ClosureDay
from putright.cases.models.case import Case, CaseLink, Contact, Representative
from putright.cases.models.drafts import ResponseDraft
from putright.cases.models.learning import ServiceImprovement
from putright.cases.models.ombudsman import OmbudsmanEvidence, OmbudsmanFinding
from putright.cases.models.outcomes import (
    ActionUpdate,
    Attachment,
    Correspondence,
    LearningEntry,
    OmbudsmanCase,
    OmbudsmanOrder,
    OutstandingAction,
    Remedy,
)
from putright.cases.models.people import (
    DisclosedDisability,
    EqualityMonitoring,
    Person,
    ReasonableAdjustment,
    Restriction,
)
from putright.cases.models.reference import LetterContact, Officer, Service, Team
from putright.cases.models.reporting import CaseVolume, HousingStock
from putright.cases.models.stages import (
    ChildrensRepresentation,
    ComplaintDefinition,
    ComplaintIssue,
    Extension,
    FrozenDecision,
    Hold,
    PanelReview,
    ResponsePlan,
    StageRecord,
)
from putright.cases.models.survey import SatisfactionSurvey
from putright.cases.models.taxonomy import Category, RootCause
from putright.cases.models.timeline import TimelineEvent, TimelineIsAppendOnly

__all__ = [
    "ActionUpdate",
    "Attachment",
    "Case",
    "CaseLink",
    "CaseVolume",
    "Category",
    "ChildrensRepresentation",
    "ClosureDay",
    "ComplaintDefinition",
    "ComplaintIssue",
    "Contact",
    "Correspondence",
    "DisclosedDisability",
    "EqualityMonitoring",
    "Extension",
    "FrozenDecision",
    "Hold",
    "HousingStock",
    "LearningEntry",
    "LetterContact",
    "Officer",
    "OmbudsmanCase",
    "OmbudsmanEvidence",
    "OmbudsmanFinding",
    "OmbudsmanOrder",
    "OutstandingAction",
    "PanelReview",
    "Person",
    "ReasonableAdjustment",
    "Remedy",
    "Representative",
    "ResponseDraft",
    "ResponsePlan",
    "Restriction",
    "RootCause",
    "SatisfactionSurvey",
    "Service",
    "ServiceImprovement",
    "SignInLinkUse",
    "StageRecord",
    "SubmissionOnce",
    "Team",
    "TimelineEvent",
    "TimelineIsAppendOnly",
]
